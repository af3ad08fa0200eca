package dev.raut.app.live;

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

/** The Live page's toolbar at 1000 × 700, the smallest size the app is laid out for: no word cut to "P…" or "Snap…". */
@ExtendWith(ApplicationExtension.class)
class LiveFitsTest {
  @TempDir
  Path temp;

  private AppTestSupport app;
  private Stage stage;

  @Start
  void start(Stage stage) {
    this.stage = stage;
    // imported face models make the emotion choice's names longer, as on a user's machine
    dev.raut.app.AppHarness.HarnessApp.importExamples(
        new dev.raut.core.classify.ClassifierLibrary(temp.resolve("classifiers")));
    app = new AppTestSupport(stage, temp);
    app.window().show("Live");
  }

  @AfterEach
  void close() throws Exception {
    app.close();
  }

  @Test
  void nothingInTheToolbarIsCutAt1000By700(FxRobot robot) throws Exception {
    fxRun(() -> {
      stage.setWidth(1000);
      stage.setHeight(700);
    });
    WaitForAsyncUtils.waitFor(60, java.util.concurrent.TimeUnit.SECONDS,
        () -> fx(() -> robot.lookup(".live-view").tryQuery().isPresent()));
    WaitForAsyncUtils.waitForFxEvents();
    Node page = fx(() -> robot.lookup(".live-view").query());
    List<String> cut = fx(() -> AppTestSupport.cutTexts(page, false));
    assertThat(fx(() -> AppTestSupport.shownLabeled(page, false).stream().map(Labeled::getText).toList()))
        .contains("Start", "Stop", "Analyse", "Detector", "Pause", "Snapshot", "Record", "Mirror");
    assertThat(cut).as("texts cut at 1000 × 700").isEmpty();
    assertThat(fx(() -> AppTestSupport.pastTheRightEdge(page))).as("controls off the window at 1000 × 700").isEmpty();

    // Indonesian words are longer: the rows wrap instead of running off the window
    robot.clickOn("#language");
    robot.clickOn("#language-id");
    AppTestSupport.waitUntil("the window in Indonesian", 10,
        () -> dev.raut.core.text.Messages.language() == dev.raut.core.text.Language.INDONESIAN);
    WaitForAsyncUtils.waitForFxEvents();
    Node pageId = fx(() -> robot.lookup(".live-view").query());
    assertThat(fx(() -> AppTestSupport.shownLabeled(pageId, false).stream().map(Labeled::getText).toList()))
        .contains("Mulai", "Berhenti", "Jeda", "Rekam", "Cerminkan");
    assertThat(fx(() -> AppTestSupport.cutTexts(pageId, false))).as("texts cut at 1000 × 700 in Indonesian").isEmpty();
    assertThat(fx(() -> AppTestSupport.pastTheRightEdge(pageId))).as("controls off the window in Indonesian").isEmpty();
  }
}
