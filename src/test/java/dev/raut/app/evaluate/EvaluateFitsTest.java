package dev.raut.app.evaluate;

import static dev.raut.app.AppTestSupport.fx;
import static dev.raut.app.AppTestSupport.fxRun;
import static org.assertj.core.api.Assertions.assertThat;

import dev.raut.app.AppTestSupport;
import java.nio.file.Path;
import java.util.List;
import javafx.scene.Node;
import javafx.scene.control.Labeled;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The Evaluate page at 1000 × 700, the smallest size the app is laid out for: no button or label is cut to "P…". */
@ExtendWith(ApplicationExtension.class)
class EvaluateFitsTest {
  @TempDir
  Path temp;

  private AppTestSupport app;
  private Stage stage;

  @Start
  void start(Stage stage) {
    this.stage = stage;
    app = new AppTestSupport(stage, temp);
    app.window().show("Evaluate");
  }

  @AfterEach
  void close() throws Exception {
    app.close();
  }

  @Test
  void nothingOnThePageIsCutAt1000By700(FxRobot robot) {
    fxRun(() -> {
      stage.setWidth(1000);
      stage.setHeight(700);
    });
    WaitForAsyncUtils.waitForFxEvents();
    assertThat(fx(() -> stage.getScene().getWidth())).isLessThanOrEqualTo(1000);

    Node page = fx(() -> robot.lookup(".evaluate-view").query());
    List<String> cut = fx(() -> AppTestSupport.cutTexts(page, true));
    assertThat(fx(() -> AppTestSupport.shownLabeled(page, true).stream().map(Labeled::getText).toList()))
        .contains("Run", "Cancel", "Folder…", "CSV…", "Task", "Detector", "Rename labels");
    assertThat(cut).as("texts cut at 1000 × 700").isEmpty();
  }
}
