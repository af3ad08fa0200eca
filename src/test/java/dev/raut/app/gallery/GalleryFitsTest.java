package dev.raut.app.gallery;

import static dev.raut.app.AppTestSupport.fx;
import static dev.raut.app.AppTestSupport.fxRun;
import static dev.raut.app.AppTestSupport.samplePhotos;
import static dev.raut.app.AppTestSupport.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

import dev.raut.app.AppTestSupport;
import dev.raut.core.text.Language;
import dev.raut.core.text.Messages;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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
 * The gallery's toolbars (with the filter and sort bar) and the status line at 1000 × 700, the
 * smallest size the app is laid out for, in both languages: with a filter on and just after a
 * removal (its message and Undo beside it), no text is cut to "P…".
 */
@ExtendWith(ApplicationExtension.class)
class GalleryFitsTest {
  @TempDir
  Path temp;

  private AppTestSupport app;
  private Stage stage;

  @Start
  void start(Stage stage) {
    this.stage = stage;
    // imported models put longer names in the choices, as on a user's machine
    dev.raut.app.AppHarness.HarnessApp.importExamples(
        new dev.raut.core.classify.ClassifierLibrary(temp.resolve("classifiers")));
    app = new AppTestSupport(stage, temp);
    app.window().show("Gallery");
  }

  @AfterEach
  void close() throws Exception {
    fxRun(() -> Messages.setLanguage(Language.ENGLISH)); // the other tests read English
    app.close();
  }

  /** The texts cut in the gallery's bars and in the status bar. */
  private List<String> cut(FxRobot robot) {
    WaitForAsyncUtils.waitForFxEvents();
    return fx(() -> {
      List<String> texts = new ArrayList<>();
      Node top = ((GalleryView) robot.lookup(".gallery-view").query()).getTop();
      texts.addAll(AppTestSupport.cutTexts(top, true)); // with the combo boxes' shown values
      texts.addAll(AppTestSupport.cutTexts(robot.lookup(".status-bar").query(), false));
      return texts;
    });
  }

  /** Toolbars that moved some of their controls into an overflow menu (cutTexts does not see those). */
  private List<javafx.scene.Node> overflowing(FxRobot robot) {
    WaitForAsyncUtils.waitForFxEvents();
    return fx(() -> robot.lookup(".tool-bar-overflow-button").queryAll().stream()
        .filter(javafx.scene.Node::isVisible).filter(n -> {
          for (javafx.scene.Node p = n; p != null; p = p.getParent()) {
            if (!p.isVisible()) {
              return false;
            }
          }
          return true;
        }).toList());
  }

  private List<String> shown(FxRobot robot) {
    return fx(() -> {
      List<String> texts = new ArrayList<>();
      Node top = ((GalleryView) robot.lookup(".gallery-view").query()).getTop();
      AppTestSupport.shownLabeled(top, true).forEach(l -> texts.add(l.getText()));
      AppTestSupport.shownLabeled(robot.lookup(".status-bar").query(), false).forEach(l -> texts.add(l.getText()));
      return texts;
    });
  }

  @Test
  void theBarsAndTheStatusLineFitAt1000By700InBothLanguages(FxRobot robot) {
    fxRun(() -> {
      stage.setWidth(1000);
      stage.setHeight(700);
    });
    GalleryPresenter gallery = app.window().gallery();
    fxRun(() -> gallery.addPaths(samplePhotos()));
    waitUntil("six photos analysed", 120, () -> gallery.items().size() == 6 && !gallery.runningProperty().get()
        && gallery.items().stream().allMatch(i -> i.state() == GalleryItem.State.DONE));
    waitUntil("the models loaded", 60, () -> !app.services().status().engineStateProperty().get().isEmpty());
    assertThat(fx(() -> stage.getScene().getWidth())).isLessThanOrEqualTo(1000);

    // the longest filter (surprise, "terkejut") and sort chosen, three photos just removed
    fxRun(() -> {
      gallery.filterProperty().set(GalleryFilter.emotion("surprise"));
      gallery.sortProperty().set(GallerySort.CONFIDENCE);
      gallery.remove(List.copyOf(gallery.items().subList(3, 6)));
    });
    assertThat(shown(robot)).contains("Add photos…", "Add folder…", "Find", "Export", "Clear all", "Show",
        "Faces: surprise", "Sort by", "Highest confidence", "3 photos removed", "Undo (Ctrl+Z)");
    assertThat(shown(robot)).anyMatch(t -> t.matches("Showing \\d of 3"));
    assertThat(cut(robot)).as("texts cut at 1000 × 700 in English").isEmpty();
    assertThat(overflowing(robot)).as("toolbars overflowing in English").isEmpty();

    robot.clickOn("#language");
    robot.clickOn("#language-id");
    waitUntil("the window in Indonesian", 10, () -> Messages.language() == Language.INDONESIAN);
    // the change of language clears the last message: remove once more for its Indonesian words
    fxRun(() -> gallery.remove(List.of(gallery.items().get(0))));
    assertThat(shown(robot)).contains("Tambah foto…", "Tampilkan", "Wajah: terkejut", "Urutkan", "Keyakinan tertinggi",
        "1 foto dihapus",
        "Urungkan (Ctrl+Z)");
    assertThat(cut(robot)).as("texts cut at 1000 × 700 in Indonesian").isEmpty();
    assertThat(overflowing(robot)).as("toolbars overflowing in Indonesian").isEmpty();
  }
}
