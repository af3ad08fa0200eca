package dev.raut.app.gallery;

import static dev.raut.app.AppTestSupport.fx;
import static dev.raut.app.AppTestSupport.fxRun;
import static dev.raut.app.AppTestSupport.samplePhotos;
import static dev.raut.app.AppTestSupport.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

import dev.raut.app.AppTestSupport;
import dev.raut.core.analysis.ImageAnalysis;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import javafx.event.Event;
import javafx.geometry.Bounds;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.input.KeyCode;
import javafx.scene.input.ScrollEvent;
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
 * Finding one's way in a full gallery: Home/End, the mouse wheel, the filter and the sort of the
 * cards, the error card's icon, and "Faces + objects" as a mode.
 */
@ExtendWith(ApplicationExtension.class)
class GalleryBrowseTest {
  @TempDir
  Path temp;

  private AppTestSupport app;
  private GalleryPresenter gallery;

  @Start
  void start(Stage stage) {
    app = new AppTestSupport(stage, temp);
    gallery = app.window().gallery();
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

  /** Thirty cards, left unanalysed (cancelled at once): scrolling and keys need cards, not results. */
  private void thirtyCards() throws Exception {
    List<Path> many = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      many.add(AppTestSupport.copy(samplePhotos().get(i % 6), temp, "copy" + i + ".jpg"));
    }
    fxRun(() -> gallery.addPaths(many));
    waitUntil("thirty cards", 30, () -> gallery.items().size() == 30);
    fxRun(gallery::cancel);
    WaitForAsyncUtils.waitForFxEvents();
  }

  private GalleryGrid grid(FxRobot robot) {
    return fx(() -> robot.lookup(".gallery-grid").queryAs(GalleryGrid.class));
  }

  /** The cards on screen, in reading order. */
  private List<CardView> visibleCards(FxRobot robot) {
    return fx(() -> {
      GalleryGrid grid = robot.lookup(".gallery-grid").queryAs(GalleryGrid.class);
      Bounds view = grid.localToScene(grid.getLayoutBounds());
      return robot.lookup(".photo-card").queryAll().stream().map(n -> (CardView) n)
          .filter(c -> c.isVisible() && c.item() != null && c.getParent().getParent().isVisible())
          .filter(c -> view.intersects(c.localToScene(c.getLayoutBounds())))
          .sorted(Comparator.<CardView>comparingDouble(c -> c.localToScene(0, 0).getY())
              .thenComparingDouble(c -> c.localToScene(0, 0).getX()))
          .toList();
    });
  }

  private boolean onScreen(FxRobot robot, GalleryItem item) {
    return visibleCards(robot).stream().anyMatch(c -> c.item() == item);
  }

  @Test
  void homeAndEndGoToTheFirstAndLastCardAndShiftExtendsTheSelection(FxRobot robot) throws Exception {
    thirtyCards();
    List<GalleryItem> items = fx(() -> List.copyOf(gallery.items()));
    robot.clickOn(visibleCards(robot).get(1));
    assertThat(grid(robot).firstVisibleRow()).isZero();

    robot.type(KeyCode.END);
    assertThat(fx(gallery::selectedItems)).containsExactly(items.get(29));
    WaitForAsyncUtils.waitForFxEvents();
    assertThat(onScreen(robot, items.get(29))).as("the last card scrolled into view").isTrue();
    assertThat(fx(() -> grid(robot).firstVisibleRow())).isPositive();

    robot.type(KeyCode.HOME);
    assertThat(fx(gallery::selectedItems)).containsExactly(items.get(0));
    WaitForAsyncUtils.waitForFxEvents();
    assertThat(fx(() -> grid(robot).firstVisibleRow())).isZero();
    assertThat(onScreen(robot, items.get(0))).isTrue();

    // Page Down: a screen of rows further, the same column
    int page = fx(() -> (int) Math.floor(grid(robot).getHeight() / GalleryGrid.ROW_HEIGHT) * grid(robot).columns());
    robot.type(KeyCode.PAGE_DOWN);
    assertThat(fx(gallery::selectedItems)).containsExactly(items.get(Math.min(29, page)));
    robot.type(KeyCode.HOME);

    robot.press(KeyCode.SHIFT).type(KeyCode.END).release(KeyCode.SHIFT);
    assertThat(fx(gallery::selectedItems)).containsExactlyElementsOf(items);
    // Right on the last card stays there and selects it alone; Shift+Home then selects back to the first
    robot.type(KeyCode.RIGHT);
    assertThat(fx(gallery::selectedItems)).containsExactly(items.get(29));
    robot.press(KeyCode.SHIFT).type(KeyCode.HOME).release(KeyCode.SHIFT);
    assertThat(fx(gallery::selectedItems)).containsExactlyElementsOf(items);
    WaitForAsyncUtils.waitForFxEvents();
    assertThat(fx(() -> grid(robot).firstVisibleRow())).isZero();
  }

  @Test
  void oneWheelNotchScrollsAboutARowOfCards(FxRobot robot) throws Exception {
    thirtyCards();
    GalleryGrid grid = grid(robot);
    assertThat(grid.firstVisibleRow()).isZero();
    CardView card = visibleCards(robot).get(0);
    ScrollEvent notchDown = wheel(card, -40); // one notch down, as the toolkit reports it
    fxRun(() -> Event.fireEvent(card, notchDown));
    WaitForAsyncUtils.waitForFxEvents();
    assertThat(fx(grid::firstVisibleRow)).as("first row in view after one notch").isEqualTo(1);

    CardView now = visibleCards(robot).get(0);
    ScrollEvent down = wheel(now, -40);
    fxRun(() -> {
      Event.fireEvent(now, down);
      Event.fireEvent(now, down);
    });
    WaitForAsyncUtils.waitForFxEvents();
    assertThat(fx(grid::firstVisibleRow)).as("after three notches").isEqualTo(3);

    ScrollEvent up = wheel(now, 120); // three notches up at once
    fxRun(() -> Event.fireEvent(now, up));
    WaitForAsyncUtils.waitForFxEvents();
    assertThat(fx(grid::firstVisibleRow)).isZero();
  }

  private static ScrollEvent wheel(CardView target, double deltaY) {
    return fx(() -> {
      javafx.geometry.Point2D at = target.localToScene(20, 20);
      javafx.geometry.Point2D screen = target.localToScreen(20, 20);
      return new ScrollEvent(ScrollEvent.SCROLL, at.getX(), at.getY(), screen.getX(), screen.getY(), false, false, false,
          false, false, false, 0, deltaY, 0, deltaY, ScrollEvent.HorizontalTextScrollUnits.NONE, 0,
          ScrollEvent.VerticalTextScrollUnits.LINES, deltaY / 40 * 3, 0, null);
    });
  }

  @Test
  void theFilterShowsErrorsOrAnEmotionAndTheSortOrdersTheCards(FxRobot robot) throws Exception {
    Path broken = temp.resolve("broken.jpg");
    byte[] jpeg = Files.readAllBytes(samplePhotos().get(0));
    Files.write(broken, Arrays.copyOf(jpeg, jpeg.length / 3));
    List<Path> paths = new ArrayList<>(samplePhotos());
    paths.add(AppTestSupport.copy(samplePhotos().get(3), temp, "img10.jpg"));
    paths.add(AppTestSupport.copy(samplePhotos().get(4), temp, "img9.jpg"));
    paths.add(broken);
    fxRun(() -> gallery.addPaths(paths));
    waitForIdle(9);
    List<GalleryItem> all = fx(() -> List.copyOf(gallery.items()));
    GalleryItem error = all.get(8);
    assertThat(error.state()).isEqualTo(GalleryItem.State.ERROR);

    // the failed photo's card (the last: End brings it into view): an error icon instead of an
    // empty picture, the plain words under it
    robot.clickOn(visibleCards(robot).get(0));
    robot.type(KeyCode.END);
    WaitForAsyncUtils.waitForFxEvents();
    CardView errorCard = visibleCards(robot).stream().filter(c -> c.item() == error).findFirst().orElseThrow();
    assertThat(fx(() -> errorCard.lookup(".card-error-icon").isVisible())).isTrue();
    assertThat(fx(() -> ((Label) errorCard.lookup(".card-headline")).getText()))
        .isEqualTo(error.result().error().message());
    CardView doneCard = visibleCards(robot).stream().filter(c -> c.item() != error).findFirst().orElseThrow();
    assertThat(fx(() -> doneCard.lookup(".card-error-icon").isVisible())).isFalse();

    // errors only, chosen in the filter menu as a user would
    fxRun(() -> gallery.selectAll());
    robot.clickOn("#filter");
    robot.clickOn("Errors only (1)");
    waitUntil("only the error shown", 10, () -> gallery.shown().size() == 1);
    assertThat(fx(() -> List.copyOf(gallery.shown()))).containsExactly(error);
    assertThat(visibleCards(robot)).extracting(CardView::item).containsExactly(error);
    assertThat(fx(gallery::selectedItems)).as("hidden cards are no longer selected").containsExactly(error);
    assertThat(fx(() -> gallery.items().stream().filter(GalleryItem::isSelected).count())).isEqualTo(1);
    assertThat(fx(() -> app.services().status().countsProperty().get())).startsWith("9 photos (1 shown) · 8 done · 1 error");
    assertThat(fx(() -> ((Label) robot.lookup("#filter-count").query()).getText())).isEqualTo("Showing 1 of 9");
    assertThat(fx(() -> app.window().galleryView().scopeText())).isEqualTo("the selected photo");
    fxRun(() -> error.selectedProperty().set(false));
    assertThat(fx(() -> app.window().galleryView().scopeText())).isEqualTo("the photo shown (Errors only)");

    // one emotion: every photo with a face of it, and no other
    String emotion = all.get(0).result().faces().get(0).emotion().label();
    List<GalleryItem> withEmotion = all.stream().filter(i -> i.result().ok() && i.result().faces().stream()
        .anyMatch(f -> f.emotion().label().equals(emotion))).toList();
    robot.clickOn("#filter");
    robot.clickOn("Faces: " + emotion + " (" + withEmotion.size() + ")");
    waitUntil("the photos with a " + emotion + " face", 10, () -> gallery.shown().size() == withEmotion.size());
    assertThat(fx(() -> List.copyOf(gallery.shown()))).containsExactlyElementsOf(withEmotion);

    robot.clickOn("#show-all");
    waitUntil("every photo shown", 10, () -> gallery.shown().size() == 9);

    // the sorts, chosen in the list under the toolbar
    @SuppressWarnings("unchecked")
    ComboBox<GallerySort> sort = robot.lookup("#sort").queryAs(ComboBox.class);
    fxRun(() -> sort.getSelectionModel().select(GallerySort.NAME));
    assertThat(fx(() -> gallery.shown().stream().map(GalleryItem::fileName).toList())).containsExactly("broken.jpg",
        "img9.jpg", "img10.jpg", "sample1.jpg", "sample2.jpg", "sample3.jpg", "sample4.jpg", "sample5.jpg", "sample6.jpg");
    WaitForAsyncUtils.waitForFxEvents();
    assertThat(visibleCards(robot).get(0).item().fileName()).isEqualTo("broken.jpg");

    fxRun(() -> sort.getSelectionModel().select(GallerySort.FACES));
    List<GalleryItem> byFaces = fx(() -> List.copyOf(gallery.shown()));
    assertThat(byFaces.get(8)).as("the error last").isSameAs(error);
    assertThat(byFaces.subList(0, 8)).extracting(i -> i.result().faces().size())
        .isSortedAccordingTo(Comparator.reverseOrder());
    assertThat(visibleCards(robot).get(0).item()).isSameAs(byFaces.get(0));

    fxRun(() -> sort.getSelectionModel().select(GallerySort.CONFIDENCE));
    List<GalleryItem> byConfidence = fx(() -> List.copyOf(gallery.shown()));
    assertThat(byConfidence.subList(0, 8)).extracting(GalleryBrowseTest::topEmotionScore)
        .isSortedAccordingTo(Comparator.reverseOrder());

    fxRun(() -> sort.getSelectionModel().select(GallerySort.EMOTION));
    List<String> mainEmotions = fx(() -> gallery.shown().subList(0, 8).stream().map(GalleryBrowseTest::mainEmotion).toList());
    // grouped: once an emotion's group ends it does not come back, and the groups go by name
    List<String> groups = new ArrayList<>();
    mainEmotions.forEach(e -> {
      if (groups.isEmpty() || !groups.get(groups.size() - 1).equals(e)) {
        groups.add(e);
      }
    });
    assertThat(groups).doesNotHaveDuplicates().isSorted();
    assertThat(app.services().settings().get("gallery.sort", null)).isEqualTo("EMOTION");

    fxRun(() -> sort.getSelectionModel().select(GallerySort.ADDED));
    assertThat(fx(() -> List.copyOf(gallery.shown()))).containsExactlyElementsOf(all);
  }

  private static double topEmotionScore(GalleryItem item) {
    return item.result().faces().stream().mapToDouble(f -> f.emotion().score()).max().orElse(0);
  }

  /** The emotion most of the photo's faces show (ties: the one with the best score). */
  private static String mainEmotion(GalleryItem item) {
    java.util.Map<String, Long> votes = item.result().faces().stream().collect(java.util.stream.Collectors.groupingBy(
        f -> f.emotion().label(), java.util.stream.Collectors.counting()));
    return votes.keySet().stream().max(Comparator.<String>comparingLong(votes::get).thenComparingDouble(
        e -> item.result().faces().stream().filter(f -> f.emotion().label().equals(e))
            .mapToDouble(f -> f.emotion().score()).max().orElse(0))).orElse("");
  }

  @Test
  void theLabelFilterShowsThePhotosWhoseTopClassIsTheChosenOne(FxRobot robot) throws Exception {
    Path teachable = Path.of("src/test/resources/dev/raut/core/convert/keras/tm_tfjs_f32/tm_model.zip");
    dev.raut.core.classify.ClassifierLibrary.Entry entry;
    try (dev.raut.core.classify.PreparedImport tm = dev.raut.core.classify.ModelImport.prepare(teachable)) {
      entry = app.services().classifiers().importPrepared("Alpha beta gamma", tm, tm.spec(),
          dev.raut.core.classify.ClassifierScope.IMAGE);
    }
    fxRun(() -> {
      gallery.setClassifiers(List.of(entry));
      gallery.chooseClassifier(entry.id());
    });
    fxRun(() -> gallery.addPaths(samplePhotos()));
    waitForIdle(6);
    List<GalleryItem> all = fx(() -> List.copyOf(gallery.items()));
    assertThat(all).allMatch(i -> !i.result().classes().isEmpty());
    String top = all.get(0).result().classes().get(0).label();
    List<GalleryItem> expected = all.stream().filter(i -> i.result().classes().get(0).label().equals(top)).toList();

    robot.clickOn("#filter");
    robot.clickOn("Label: " + top + " (" + expected.size() + ")");
    waitUntil("the photos labelled " + top, 10, () -> gallery.shown().size() == expected.size());
    assertThat(fx(() -> List.copyOf(gallery.shown()))).containsExactlyElementsOf(expected);

    // an export while filtering covers the cards shown, and says so
    Path csv = temp.resolve("shown.csv");
    assertThat(fx(() -> gallery.exportResults(csv, false)).get()).isEqualTo(expected.size());
    assertThat(Files.readAllLines(csv).stream().skip(1).map(l -> l.split(",")[0]).distinct().toList())
        .containsExactlyElementsOf(expected.stream().map(i -> i.result().file()).toList());
  }

  @Test
  void facesAndObjectsFindsBothAndTheCardsShowBothKindsOfBox(FxRobot robot) {
    @SuppressWarnings("unchecked")
    ComboBox<AnalysisChoice> mode = robot.lookup("#mode").queryAs(ComboBox.class);
    assertThat(fx(() -> mode.getItems().stream().map(AnalysisChoice::label).toList()))
        .containsSequence("Faces + emotion", "Faces + objects", "Objects (COCO-80)");
    fxRun(() -> mode.getSelectionModel().select(AnalysisChoice.FACES_AND_OBJECTS));
    assertThat(fx(() -> gallery.request().faces() && gallery.request().emotions() && gallery.request().objects())).isTrue();
    assertThat(fx(() -> robot.lookup("#emotion-model").query().isVisible())).as("the faces row stays").isTrue();

    fxRun(() -> gallery.addPaths(samplePhotos().subList(0, 1)));
    waitForIdle(1);
    ImageAnalysis r = fx(() -> gallery.items().get(0).result());
    assertThat(r.faces()).isNotEmpty().allMatch(f -> f.emotion() != null);
    assertThat(r.objects()).extracting(ImageAnalysis.DetectedObjectResult::label).contains("person");
    CardView card = visibleCards(robot).get(0);
    assertThat(fx(() -> card.lookupAll(".face-box").size())).isEqualTo(r.faces().size());
    assertThat(fx(() -> card.lookupAll(".object-box").size())).isEqualTo(r.objects().size());
    assertThat(fx(() -> ((Label) card.lookup(".card-headline")).getText()))
        .isEqualTo(r.faces().size() + " faces · " + r.objects().size() + " objects");
    assertThat(fx(() -> app.services().status().modelInUseProperty().get())).startsWith("Faces + objects");
    assertThat(app.services().settings().get("gallery.choice", null)).isEqualTo("faces_and_objects");
  }
}
