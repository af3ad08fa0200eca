package dev.raut.app;

import static dev.raut.app.AppTestSupport.fx;
import static dev.raut.app.AppTestSupport.fxRun;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The status bar at 1000 × 700 with everything in it at once (a long model in use, counts, the
 * Teach page's last message): the message and the counts are read whole, the model in use gives way,
 * and comes back when the window is wider.
 */
@ExtendWith(ApplicationExtension.class)
class StatusBarFitsTest {
  @TempDir
  Path temp;

  private AppTestSupport app;
  private Stage stage;

  @Start
  void start(Stage stage) {
    this.stage = stage;
    app = new AppTestSupport(stage, temp);
    app.window().show("Teach");
  }

  @AfterEach
  void close() throws Exception {
    app.close();
  }

  @Test
  void theMessageIsNeverCutAndTheModelInUseGivesWayAt1000Pixels(FxRobot robot) throws Exception {
    StatusModel status = app.services().status();
    fxRun(() -> {
      status.setModelInUse("Faces + emotion · Automatic (best for photos)");
      status.setCounts("9 photos · 9 done · 31 faces");
      status.setMessage("Taught: 100.0 % right on the test photos.");
      stage.setWidth(1000);
      stage.setHeight(700);
    });
    Node bar = fx(() -> robot.lookup(".status-bar").query());
    Node model = fx(() -> robot.lookup("#status-model").query());
    WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> fx(() -> !model.isVisible()));
    WaitForAsyncUtils.waitForFxEvents();
    assertThat(fx(() -> AppTestSupport.cutTexts(bar, false))).as("texts cut at 1000 × 700").isEmpty();
    assertThat(fx(() -> AppTestSupport.shownLabeled(bar, false).stream().map(l -> l.getText()).toList()))
        .contains("9 photos · 9 done · 31 faces", "Taught: 100.0 % right on the test photos.");

    fxRun(() -> {
      stage.setWidth(1280); // the headless test screen's size
      stage.setHeight(800);
    });
    WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> fx(() -> model.isVisible()));
    WaitForAsyncUtils.waitForFxEvents();
    assertThat(fx(() -> AppTestSupport.cutTexts(bar, false))).as("texts cut at 1280 × 800").isEmpty();
  }

  @Test
  void whileServingInIndonesianTheSwitchKeepsOnlyItsGlobeAndTheMessageAndAddressAreWhole(FxRobot robot) throws Exception {
    robot.clickOn("#language");
    robot.clickOn("#language-id");
    AppTestSupport.waitUntil("the window in Indonesian", 10,
        () -> dev.raut.core.text.Messages.language() == dev.raut.core.text.Language.INDONESIAN);
    dev.raut.app.serve.LocalServerPresenter server = app.window().server();
    fxRun(() -> server.setServing(true));
    AppTestSupport.waitUntil("the server running", 120,
        () -> server.stateProperty().get() == dev.raut.app.serve.LocalServerPresenter.State.RUNNING);
    StatusModel status = app.services().status();
    String message = dev.raut.core.text.Messages.text("gallery.export.failed", "hasil-analisis.csv", "disk penuh");
    fxRun(() -> {
      status.setModelInUse("Wajah + emosi · Otomatis (terbaik untuk foto)");
      status.setCounts("6 foto · 6 selesai · 22 wajah");
      status.setMessage(message);
      stage.setWidth(1000);
      stage.setHeight(700);
    });
    Node bar = fx(() -> robot.lookup(".status-bar").query());
    javafx.scene.control.ToggleButton toggle = fx(() -> robot.lookup("#serve-toggle").query());
    WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS,
        () -> fx(() -> toggle.getContentDisplay() == javafx.scene.control.ContentDisplay.GRAPHIC_ONLY));
    WaitForAsyncUtils.waitForFxEvents();
    assertThat(fx(() -> AppTestSupport.cutTexts(bar, false))).as("texts cut at 1000 × 700 while serving").isEmpty();
    assertThat(fx(() -> AppTestSupport.shownLabeled(bar, false).stream().map(l -> l.getText()).toList()))
        .contains("6 foto · 6 selesai · 22 wajah", "hasil-analisis.csv tidak dapat ditulis: disk penuh",
            server.urlProperty().get());
    assertThat(fx(() -> toggle.getTooltip().getText())).as("the switch's words are still in its tooltip").isNotBlank();

    fxRun(() -> {
      stage.setWidth(1280);
      stage.setHeight(800);
    });
    WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS,
        () -> fx(() -> toggle.getContentDisplay() != javafx.scene.control.ContentDisplay.GRAPHIC_ONLY));
    WaitForAsyncUtils.waitForFxEvents();
    assertThat(fx(() -> AppTestSupport.cutTexts(bar, false))).as("texts cut at 1280 × 800 while serving").isEmpty();
    fxRun(() -> server.setServing(false));
    AppTestSupport.waitUntil("the server stopped", 30,
        () -> server.stateProperty().get() == dev.raut.app.serve.LocalServerPresenter.State.STOPPED);
  }
}
