package dev.raut.app.gallery;

import static dev.raut.app.AppTestSupport.fx;
import static dev.raut.app.AppTestSupport.fxRun;
import static dev.raut.app.AppTestSupport.samplePhotos;
import static dev.raut.app.AppTestSupport.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

import dev.raut.app.AppTestSupport;
import dev.raut.app.StatusModel;
import dev.raut.core.analysis.ImageAnalysis;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Hyperlink;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * Removing photos can be undone: Ctrl+Z, the status line's Undo and the toolbar's button bring
 * them back where they were, with their results and without analysing them again; the status
 * line says what happened instead of keeping "6 photos added".
 */
@ExtendWith(ApplicationExtension.class)
class GalleryUndoTest {
  private static final KeyCodeCombination CTRL_Z = new KeyCodeCombination(KeyCode.Z, KeyCombination.SHORTCUT_DOWN);

  @TempDir
  Path temp;

  private AppTestSupport app;
  private GalleryPresenter gallery;
  private StatusModel status;

  @Start
  void start(Stage stage) {
    app = new AppTestSupport(stage, temp);
    gallery = app.window().gallery();
    status = app.services().status();
    app.window().show("Gallery");
  }

  @AfterEach
  void close() throws Exception {
    app.close();
  }

  private void waitForIdle(int photos) {
    waitUntil(photos + " photos analysed", 120, () -> gallery.items().size() == photos
        && gallery.items().stream().allMatch(i -> i.state() == GalleryItem.State.DONE || i.state() == GalleryItem.State.ERROR)
        && !gallery.runningProperty().get());
  }

  private CardView cardOf(FxRobot robot, GalleryItem item) {
    waitUntil("the card of " + item.fileName() + " on screen", 10, () -> robot.lookup(".photo-card").queryAll().stream()
        .anyMatch(n -> n.isVisible() && ((CardView) n).item() == item));
    return fx(() -> robot.lookup(".photo-card").queryAll().stream().map(n -> (CardView) n)
        .filter(c -> c.isVisible() && c.item() == item).findFirst().orElseThrow());
  }

  private List<GalleryItem> items() {
    return fx(() -> List.copyOf(gallery.items()));
  }

  private String message() {
    return fx(() -> status.messageProperty().get());
  }

  private Hyperlink statusAction(FxRobot robot) {
    return fx(() -> robot.lookup("#status-action").queryAs(Hyperlink.class));
  }

  @Test
  void ctrlZBringsBackEachRemovalInReverseOrderWithItsResultsAndPlaces(FxRobot robot) {
    fxRun(() -> gallery.addPaths(samplePhotos()));
    waitForIdle(6);
    assertThat(message()).isEqualTo("6 photos added");
    List<GalleryItem> before = items();
    List<ImageAnalysis> results = before.stream().map(GalleryItem::result).toList();
    long analysed = gallery.analysesStarted();

    // the 2nd and 3rd with Shift+click and Delete, then the 1st with its × button
    robot.clickOn(cardOf(robot, before.get(1)));
    robot.press(KeyCode.SHIFT).clickOn(cardOf(robot, before.get(2))).release(KeyCode.SHIFT);
    robot.type(KeyCode.DELETE);
    waitUntil("two photos removed", 10, () -> gallery.items().size() == 4);
    assertThat(message()).isEqualTo("2 photos removed");
    Hyperlink undoLink = statusAction(robot);
    assertThat(fx(undoLink::isVisible)).isTrue();
    assertThat(fx(undoLink::getText)).isEqualTo("Undo (Ctrl+Z)");
    assertThat(fx(() -> status.countsProperty().get())).startsWith("4 photos · 4 done");
    robot.clickOn(fx(() -> cardOf(robot, before.get(0)).lookup(".card-remove")));
    waitUntil("the first photo removed", 10, () -> gallery.items().size() == 3);
    assertThat(message()).isEqualTo("1 photo removed");
    assertThat(items()).containsExactly(before.get(3), before.get(4), before.get(5));

    // the last removal first: the first photo back in first place, selected
    robot.push(CTRL_Z);
    waitUntil("the first photo back", 10, () -> gallery.items().size() == 4);
    assertThat(items()).containsExactly(before.get(0), before.get(3), before.get(4), before.get(5));
    assertThat(fx(gallery::selectedItems)).containsExactly(before.get(0));
    assertThat(message()).isEqualTo("1 photo brought back");
    assertThat(fx(undoLink::isVisible)).as("one more removal to undo").isTrue();

    robot.push(CTRL_Z);
    waitUntil("all six back", 10, () -> gallery.items().size() == 6);
    assertThat(items()).containsExactlyElementsOf(before);
    assertThat(fx(() -> gallery.items().stream().map(GalleryItem::result).toList())).containsExactlyElementsOf(results);
    assertThat(fx(() -> gallery.items().stream().allMatch(i -> i.state() == GalleryItem.State.DONE))).isTrue();
    assertThat(fx(gallery::selectedItems)).containsExactly(before.get(1), before.get(2));
    assertThat(fx(() -> gallery.runningProperty().get())).isFalse();
    assertThat(gallery.analysesStarted()).as("nothing analysed again").isEqualTo(analysed);
    assertThat(message()).isEqualTo("2 photos brought back");
    assertThat(fx(undoLink::isVisible)).isFalse();
    assertThat(fx(() -> status.countsProperty().get())).startsWith("6 photos · 6 done");
    assertThat(fx(() -> robot.lookup("#undo-remove").queryAs(Button.class).isDisabled())).isTrue();
    // the cards on screen are the photos brought back, with their boxes
    CardView second = cardOf(robot, before.get(1));
    assertThat(fx(() -> second.lookupAll(".face-box").size())).isEqualTo(results.get(1).faces().size());

    robot.push(CTRL_Z);
    assertThat(message()).isEqualTo("Nothing to undo");
    assertThat(items()).hasSize(6);
  }

  @Test
  void theStatusLinesUndoAndTheToolbarButtonBringBackAClearedGallery(FxRobot robot) {
    fxRun(() -> gallery.addPaths(samplePhotos().subList(0, 3)));
    waitForIdle(3);
    List<GalleryItem> before = items();

    robot.clickOn("#clear-all");
    waitUntil("gallery cleared", 10, () -> gallery.items().isEmpty());
    assertThat(message()).isEqualTo("Gallery cleared (3 photos removed)");
    assertThat(fx(() -> status.countsProperty().get())).startsWith("0 photos");
    robot.clickOn(statusAction(robot));
    waitUntil("three photos back", 10, () -> gallery.items().size() == 3);
    assertThat(items()).containsExactlyElementsOf(before);
    assertThat(message()).isEqualTo("3 photos brought back");

    Button undo = fx(() -> robot.lookup("#undo-remove").queryAs(Button.class));
    assertThat(fx(undo::isDisabled)).isTrue();
    robot.clickOn(cardOf(robot, before.get(2)));
    robot.type(KeyCode.DELETE);
    waitUntil("one removed", 10, () -> gallery.items().size() == 2);
    assertThat(fx(undo::isDisabled)).isFalse();
    robot.clickOn(undo);
    waitUntil("back again", 10, () -> gallery.items().size() == 3);
    assertThat(items()).containsExactlyElementsOf(before);
  }

  @Test
  void photosRemovedBeforeTheirAnalysisOrUnderAnotherModeAreAnalysedWhenBroughtBack() throws Exception {
    List<Path> many = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      many.add(AppTestSupport.copy(samplePhotos().get(i % 6), temp, "copy" + i + ".jpg"));
    }
    fxRun(() -> gallery.addPaths(many));
    waitUntil("twelve cards", 30, () -> gallery.items().size() == 12);
    // cleared while most are still queued: they come back queued and are analysed then
    fxRun(gallery::clear);
    fxRun(gallery::undoRemove);
    waitForIdle(12);
    assertThat(fx(() -> gallery.items().stream().allMatch(i -> i.state() == GalleryItem.State.DONE
        && !i.result().faces().isEmpty()))).isTrue();

    // removed with faces found, brought back after the mode changed to objects: analysed for objects
    GalleryItem removed = fx(() -> gallery.items().get(0));
    fxRun(() -> gallery.remove(List.of(removed)));
    fxRun(() -> gallery.choiceProperty().set(AnalysisChoice.OBJECTS));
    waitForIdle(11);
    fxRun(gallery::undoRemove);
    waitUntil("the photo brought back analysed for objects", 120, () -> !gallery.runningProperty().get()
        && removed.state() == GalleryItem.State.DONE && removed.result().faces().isEmpty()
        && !removed.result().objects().isEmpty());
    assertThat(fx(() -> gallery.items().get(0))).isSameAs(removed);
  }
}
