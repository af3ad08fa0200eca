package dev.raut.app.gallery;

import static dev.raut.app.AppTestSupport.fx;
import static dev.raut.app.AppTestSupport.samplePhotos;
import static dev.raut.app.AppTestSupport.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

import com.sun.javafx.scene.input.DragboardHelper;
import com.sun.javafx.tk.Toolkit;
import dev.raut.app.AppTestSupport;
import dev.raut.testing.TestDocuments;
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

  @Test
  void everyPhotoInsideADroppedDocumentBecomesItsOwnCardAndBrokenOnesSayWhy() throws Exception {
    Path folder = Files.createDirectories(temp.resolve("docs"));
    TestDocuments.pdf(folder.resolve("report.pdf"), List.of(List.of(), List.of(), List.of(1, 2)));
    TestDocuments.pptx(folder.resolve("talk.pptx"), List.of(List.of(4)));
    TestDocuments.encryptedPdf(folder.resolve("secret.pdf"), 1);
    Files.createSymbolicLink(folder.resolve("moved.jpg"), temp.resolve("nowhere.jpg"));

    GalleryView view = app.window().galleryView();
    fx(() -> {
      Dragboard board = DragboardHelper.createDragboard(Toolkit.getToolkit().createLocalClipboard());
      board.setContent(Map.of(DataFormat.FILES, List.of(folder.toFile())));
      Event.fireEvent(view, new DragEvent(DragEvent.DRAG_DROPPED, board, 300, 300, 300, 300, TransferMode.COPY, null,
          view, null));
      return null;
    });

    GalleryPresenter gallery = app.window().gallery();
    waitUntil("the documents read and their photos analysed", 120,
        () -> gallery.items().size() == 5 && !gallery.runningProperty().get());
    Map<String, GalleryItem> byTitle = fx(() -> gallery.items().stream()
        .collect(java.util.stream.Collectors.toMap(GalleryItem::fileName, i -> i)));
    assertThat(byTitle).containsOnlyKeys("moved.jpg", "report.pdf — page 3, photo 1", "report.pdf — page 3, photo 2",
        "talk.pptx — slide 1, photo 1", "secret.pdf");
    // the faces of the sample photos inside, as in the photo files (Samples.FACES: 3, 3, 4)
    assertThat(fx(() -> byTitle.get("report.pdf — page 3, photo 2").result().faces())).hasSize(3);
    assertThat(fx(() -> byTitle.get("talk.pptx — slide 1, photo 1").result().faces())).hasSize(4);
    assertThat(fx(() -> byTitle.get("secret.pdf").state())).isEqualTo(GalleryItem.State.ERROR);
    assertThat(fx(() -> byTitle.get("secret.pdf").result().error().code())).isEqualTo("encrypted");
    assertThat(fx(() -> byTitle.get("moved.jpg").result().error().code())).isEqualTo("broken_link");

    // the cards on screen carry those titles, and a photo inside a document gets its thumbnail
    waitUntil("the slide's photo drawn as its card's thumbnail", 60, () -> view.lookupAll(".photo-card").stream()
        .filter(c -> c.lookup(".card-name") instanceof javafx.scene.control.Label l && l.getText().startsWith("talk.pptx"))
        .anyMatch(c -> ((javafx.scene.layout.StackPane) c.lookup(".card-picture")).getChildren().get(0)
            instanceof javafx.scene.image.ImageView v && v.getImage() != null));
    List<String> titles = fx(() -> view.lookupAll(".card-name").stream()
        .map(n -> ((javafx.scene.control.Label) n).getText()).toList());
    assertThat(titles).contains("report.pdf — page 3, photo 1", "talk.pptx — slide 1, photo 1", "secret.pdf");
  }
}
