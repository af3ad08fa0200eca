package dev.raut.app;

import static dev.raut.app.AppTestSupport.fx;
import static dev.raut.app.AppTestSupport.fxRun;
import static dev.raut.app.AppTestSupport.samplePhotos;
import static dev.raut.app.AppTestSupport.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

import dev.raut.app.gallery.GalleryItem;
import dev.raut.app.gallery.GalleryPresenter;
import dev.raut.core.analysis.Engine;
import dev.raut.core.model.ModelCatalog;
import dev.raut.core.model.ModelStore;
import java.nio.file.Path;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** Offline with an empty model cache: the window still opens, and the status bar and cards say what to do. */
@ExtendWith(ApplicationExtension.class)
class MissingModelsTest {
  @TempDir
  Path temp;

  private AppTestSupport app;

  @Start
  void start(Stage stage) {
    ModelStore empty = new ModelStore(temp.resolve("empty-cache"));
    app = new AppTestSupport(stage, temp, () -> new Engine(empty, ModelCatalog.defaults(), 1));
  }

  @AfterEach
  void close() throws Exception {
    app.close();
  }

  @Test
  void missingModelsShowInTheStatusBarAndOnEachCardInsteadOfCrashing() {
    GalleryPresenter gallery = app.window().gallery();
    fxRun(() -> app.services().warmUp(gallery.request()));
    fxRun(() -> gallery.addPaths(samplePhotos().subList(0, 2)));
    waitUntil("error cards", 60, () -> gallery.items().size() == 2 && !gallery.runningProperty().get());
    for (GalleryItem item : fx(() -> java.util.List.copyOf(gallery.items()))) {
      assertThat(item.state()).isEqualTo(GalleryItem.State.ERROR);
      assertThat(item.result().error().code()).isEqualTo("model_unavailable");
      assertThat(item.result().error().message()).contains("raut models fetch");
    }
    waitUntil("status bar", 10, () -> app.services().status().engineStateProperty().get().startsWith("Models not ready"));
  }

  @Test
  void theModelsPageShowsTheEnginesOwnCacheNotTheDefaultOne() {
    // the default cache on this machine has every model; the engine's cache is empty
    var models = app.window().models();
    models.refresh().join();
    waitUntil("the model rows", 10, () -> fx(() -> models.defaults().size()) == ModelCatalog.defaults().cards().size());
    assertThat(fx(() -> java.util.List.copyOf(models.defaults())))
        .allSatisfy(row -> assertThat(row.state()).isEqualTo(dev.raut.core.model.ModelState.MISSING));
  }

  @Test
  void theServeSwitchAndAnEvaluationSayInPlainWordsThatTheModelsAreMissing(org.testfx.api.FxRobot robot) throws Exception {
    robot.clickOn("#serve-toggle");
    waitUntil("the server refused", 60, () -> app.window().server().stateProperty().get()
        == dev.raut.app.serve.LocalServerPresenter.State.STOPPED && !app.window().server().problemProperty().get().isEmpty());
    assertThat(fx(() -> ((javafx.scene.control.Label) robot.lookup("#serve-info").query()).getText()))
        .startsWith("Could not start the local server:").contains("raut models fetch");
    assertThat(fx(() -> ((javafx.scene.control.ToggleButton) robot.lookup("#serve-toggle").query()).isSelected())).isFalse();

    Path data = java.nio.file.Files.createDirectories(temp.resolve("data/happy"));
    java.nio.file.Files.copy(samplePhotos().get(0), data.resolve("a.jpg"));
    var evaluate = app.window().evaluate();
    fxRun(() -> {
      app.window().show("Evaluate");
      evaluate.setDataset(data.getParent());
      evaluate.run();
    });
    waitUntil("the evaluation refused", 60, () -> !evaluate.runningProperty().get()
        && !evaluate.problemProperty().get().isEmpty());
    assertThat(fx(() -> ((javafx.scene.control.Label) robot.lookup("#eval-problem").query()).getText()))
        .contains("raut models fetch");
    assertThat(fx(() -> evaluate.resultProperty().get())).isNull();
  }
}
