package dev.raut.app.gallery;

import static dev.raut.app.AppTestSupport.fx;
import static dev.raut.app.AppTestSupport.samplePhotos;
import static dev.raut.app.AppTestSupport.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

import com.sun.javafx.scene.input.DragboardHelper;
import com.sun.javafx.tk.Toolkit;
import dev.raut.app.AppTestSupport;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javafx.event.Event;
import javafx.scene.input.DataFormat;
import javafx.scene.input.DragEvent;
import javafx.scene.input.Dragboard;
import javafx.scene.input.TransferMode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * A real drop: a DragEvent carrying a Dragboard with files, fired at the gallery the way the
 * toolkit delivers it (TestFX cannot drag from outside the app, so the Dragboard is made with
 * JavaFX's own helper).
 */
@ExtendWith(ApplicationExtension.class)
class GalleryDropTest {
  @TempDir
  Path temp;

  private AppTestSupport app;

  @Start
  void start(Stage stage) {
    app = new AppTestSupport(stage, temp);
    app.window().show("Gallery");
  }

  @AfterEach
  void close() throws Exception {
    app.close();
  }

  @Test
  void droppingAFolderAndAFileAddsEveryPhotoAndReportsSkippedFiles() throws Exception {
    Path folder = Files.createDirectories(temp.resolve("trip/day1"));
    Files.copy(samplePhotos().get(1), folder.resolve("b.jpg"));
    Files.copy(samplePhotos().get(2), temp.resolve("trip/c.jpg"));
    Files.writeString(temp.resolve("trip/readme.txt"), "not a photo");
    List<File> dropped = List.of(temp.resolve("trip").toFile(), samplePhotos().get(0).toFile());

    GalleryView view = app.window().galleryView();
    boolean completed = fx(() -> {
      Dragboard board = DragboardHelper.createDragboard(Toolkit.getToolkit().createLocalClipboard());
      board.setContent(Map.of(DataFormat.FILES, dropped));
      // (DRAG_OVER is left out: a local clipboard has no source transfer modes to accept)
      DragEvent drop = new DragEvent(DragEvent.DRAG_DROPPED, board, 300, 300, 300, 300, TransferMode.COPY, null, view, null);
      Event.fireEvent(view, drop);
      return drop.isDropCompleted();
    });
    assertThat(completed).isTrue();

    GalleryPresenter gallery = app.window().gallery();
    waitUntil("three photos analysed", 60, () -> gallery.items().size() == 3 && !gallery.runningProperty().get());
    assertThat(fx(() -> gallery.items().stream().map(GalleryItem::fileName).toList()))
        .containsExactly("c.jpg", "b.jpg", "sample1.jpg");
    assertThat(fx(() -> gallery.items().stream().allMatch(i -> i.state() == GalleryItem.State.DONE))).isTrue();
    assertThat(fx(() -> app.services().status().messageProperty().get()))
        .isEqualTo("3 photos added; 1 file in the folders skipped (not images)");
  }
}
