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
}
