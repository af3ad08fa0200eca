package dev.raut.app.models;

import static dev.raut.app.AppTestSupport.fx;
import static dev.raut.app.AppTestSupport.fxRun;
import static dev.raut.app.AppTestSupport.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

import dev.raut.app.AppHarness;
import dev.raut.app.AppTestSupport;
import dev.raut.core.classify.ClassifierLibrary;
import dev.raut.core.text.Language;
import dev.raut.core.text.Messages;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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

/** The Models page at 1000 × 700 with two imported models: the classifiers' title and the Import button are whole. */
@ExtendWith(ApplicationExtension.class)
class ModelsFitsTest {
  @TempDir
  Path temp;

  private AppTestSupport app;
  private Stage stage;

  @Start
  void start(Stage stage) {
    this.stage = stage;
    // a data folder as deep as a user's (C:\\Users\\…\\AppData\\Roaming\\Raut): its path is shown in the header
    Path data = temp.resolve("Users/Mahasiswa Teknik Informatika/AppData/Roaming/Raut");
    AppHarness.HarnessApp.importExamples(new ClassifierLibrary(data.resolve("classifiers")));
    app = new AppTestSupport(stage, data);
    app.window().show("Models");
  }

  @AfterEach
  void close() throws Exception {
    app.close();
  }

  /** The header's words drawn shorter than they are, or the header running off the window. */
  private List<String> problems(FxRobot robot) {
    WaitForAsyncUtils.waitForFxEvents();
    return fx(() -> {
      List<String> found = new ArrayList<>();
      javafx.scene.Node header = robot.lookup("#import-classifier").query().getParent();
      header.getScene().getRoot().applyCss();
      header.getScene().getRoot().layout();
      for (String id : List.of("#classifiers-title", "#import-classifier")) {
        Labeled labeled = robot.lookup(id).query();
        if (AppTestSupport.textCut(labeled)) {
          found.add("'" + labeled.getText() + "' is cut");
        }
      }
      found.addAll(AppTestSupport.pastTheRightEdge(header));
      return found;
    });
  }

  @Test
  void theClassifiersHeaderFitsAt1000By700InBothLanguages(FxRobot robot) {
    fxRun(() -> {
      stage.setWidth(1000);
      stage.setHeight(700);
    });
    waitUntil("the imported models listed", 30, () -> fx(() -> robot.lookup("#imported-classifiers").tryQuery()
        .map(t -> ((javafx.scene.control.TableView<?>) t).getItems().size() == 2).orElse(false)));
    assertThat(problems(robot)).as("in English").isEmpty();

    robot.clickOn("#language");
    robot.clickOn("#language-id");
    waitUntil("the window in Indonesian", 10, () -> Messages.language() == Language.INDONESIAN);
    waitUntil("the Indonesian page", 10, () -> fx(() -> robot.lookup("#classifiers-title").tryQuery()
        .map(l -> ((Labeled) l).getText().equals("Pengklasifikasi Anda")).orElse(false)));
    assertThat(problems(robot)).as("in Indonesian").isEmpty();
  }
}
