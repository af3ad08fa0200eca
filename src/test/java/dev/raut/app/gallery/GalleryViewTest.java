package dev.raut.app.gallery;

import static dev.raut.app.AppTestSupport.fx;
import static dev.raut.app.AppTestSupport.fxRun;
import static dev.raut.app.AppTestSupport.samplePhotos;
import static dev.raut.app.AppTestSupport.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.raut.app.AppTestSupport;
import dev.raut.core.analysis.ImageAnalysis;
import dev.raut.core.analysis.ResultCsv;
import dev.raut.core.analysis.ResultJson;
import dev.raut.testing.Wire;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import javafx.scene.Node;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.input.KeyCode;
import javafx.scene.shape.Circle;
import javafx.scene.shape.Rectangle;
import javafx.scene.text.Text;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** The gallery on the real engine and the six sample photos, driven like a user would. */
@ExtendWith(ApplicationExtension.class)
class GalleryViewTest {
  private static final Set<String> EMOTIONS = Set.of("angry", "disgust", "fear", "happy", "sad", "surprise", "neutral");

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

  private List<CardView> visibleCards(FxRobot robot) {
    return fx(() -> robot.lookup(".photo-card").queryAll().stream().map(n -> (CardView) n)
        .filter(c -> c.isVisible() && c.item() != null).toList());
  }

  @Test
  void droppedSamplePhotosBecomeCardsWithFaceBoxesAndEmotionLabels(FxRobot robot) {
    fxRun(() -> gallery.addPaths(samplePhotos()));
    waitForIdle(6);

    List<GalleryItem> items = fx(() -> List.copyOf(gallery.items()));
    assertThat(items).allMatch(i -> i.state() == GalleryItem.State.DONE);
    int faces = items.stream().mapToInt(i -> i.result().faces().size()).sum();
    assertThat(faces).as("faces in the six samples").isBetween(18, 26);

    List<CardView> cards = visibleCards(robot);
    assertThat(cards).hasSize(6);
    for (CardView card : cards) {
      int expectedFaces = card.item().result().faces().size();
      List<Node> boxes = fx(() -> card.lookupAll(".face-box").stream().toList());
      assertThat(boxes).as("face boxes on %s", card.item().fileName()).hasSize(expectedFaces);
      assertThat(boxes).allMatch(b -> ((Rectangle) b).getWidth() > 2 && ((Rectangle) b).getHeight() > 2);
      List<String> overlayLabels = fx(() -> card.lookupAll(".face-box-label").stream()
          .map(n -> ((javafx.scene.text.Text) n).getText().split(" ")[0]).toList());
      assertThat(overlayLabels).isNotEmpty().allMatch(EMOTIONS::contains);
      List<String> barLabels = fx(() -> card.lookupAll(".card-label").stream().filter(n -> n.getParent().isVisible())
          .map(n -> ((Label) n).getText()).toList());
      assertThat(barLabels).isNotEmpty().allMatch(EMOTIONS::contains);
      assertThat(fx(() -> ((Label) card.lookup(".card-state")).getText())).isEqualTo("Done");
    }
    assertThat(fx(() -> app.services().status().countsProperty().get())).startsWith("6 photos · 6 done");
  }

  @Test
  void corruptFileBecomesAnErrorCardWhileTheOthersFinish(FxRobot robot) throws Exception {
    Path broken = temp.resolve("broken.jpg");
    byte[] jpeg = Files.readAllBytes(samplePhotos().get(0));
    Files.write(broken, Arrays.copyOf(jpeg, jpeg.length / 3));
    Path notImage = Files.writeString(temp.resolve("notes.jpg"), "not a photo");
    List<Path> paths = new ArrayList<>(samplePhotos().subList(0, 2));
    paths.add(broken);
    paths.add(notImage);
    fxRun(() -> gallery.addPaths(paths));
    waitForIdle(4);

    List<GalleryItem> items = fx(() -> List.copyOf(gallery.items()));
    assertThat(items.subList(0, 2)).allMatch(i -> i.state() == GalleryItem.State.DONE);
    for (GalleryItem bad : items.subList(2, 4)) {
      assertThat(bad.state()).isEqualTo(GalleryItem.State.ERROR);
      assertThat(bad.result().error().message()).isNotBlank();
    }
    CardView errorCard = visibleCards(robot).stream().filter(c -> c.item().fileName().equals("broken.jpg")).findFirst()
        .orElseThrow();
    String shown = fx(() -> ((Label) errorCard.lookup(".card-headline")).getText());
    assertThat(shown).isEqualTo(items.get(2).result().error().message()).containsIgnoringCase("broken.jpg");
    assertThat(robot.listWindows()).as("no dialog per file").hasSize(1);
  }

  @Test
  void removeButtonDeleteKeyAndClearAll(FxRobot robot) {
    fxRun(() -> gallery.addPaths(samplePhotos()));
    waitForIdle(6);

    CardView first = visibleCards(robot).get(0);
    String removedName = first.item().fileName();
    robot.clickOn(fx(() -> first.lookup(".card-remove")));
    waitUntil("card removed", 10, () -> gallery.items().size() == 5);
    assertThat(fx(() -> gallery.items().stream().map(GalleryItem::fileName).toList())).doesNotContain(removedName);

    CardView card = visibleCards(robot).get(0);
    robot.clickOn(card);
    robot.press(KeyCode.SHIFT).clickOn(visibleCards(robot).get(1)).release(KeyCode.SHIFT);
    assertThat(fx(() -> gallery.selectedItems().size())).isEqualTo(2);
    robot.type(KeyCode.DELETE);
    waitUntil("two cards deleted", 10, () -> gallery.items().size() == 3);

    robot.clickOn("Clear all");
    waitUntil("gallery cleared", 10, () -> gallery.items().isEmpty());
    assertThat(visibleCards(robot)).isEmpty();
  }

  @Test
  void exportWritesTheCliSchemaAsCsvAndJson() throws Exception {
    Path broken = Files.writeString(temp.resolve("empty.png"), "");
    List<Path> paths = new ArrayList<>(samplePhotos().subList(0, 3));
    paths.add(broken);
    fxRun(() -> gallery.addPaths(paths));
    waitForIdle(4);
    List<ImageAnalysis> results = fx(() -> gallery.items().stream().map(GalleryItem::result).toList());

    Path csv = temp.resolve("out.csv");
    assertThat(fx(() -> gallery.exportResults(csv, false)).get()).isEqualTo(4);
    List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
    assertThat(lines.get(0)).isEqualTo(ResultCsv.HEADER);
    List<String> expected = results.stream().flatMap(r -> ResultCsv.rows(r).stream()).toList();
    assertThat(lines.subList(1, lines.size())).containsExactlyElementsOf(expected);
    int faces = results.stream().mapToInt(r -> r.faces().size()).sum();
    assertThat(lines.stream().filter(l -> l.contains(",face,")).count()).isEqualTo(faces);
    assertThat(lines.get(lines.size() - 1)).contains("empty.png").contains("empty_file");

    Path json = temp.resolve("out.json");
    fxRun(() -> gallery.items().get(1).selectedProperty().set(true));
    assertThat(fx(() -> gallery.exportResults(json, true)).get()).isEqualTo(1);
    JsonNode array = ResultJson.mapper().readTree(json.toFile());
    assertThat(array.isArray()).isTrue();
    assertThat(array).hasSize(1);
    ImageAnalysis parsed = ResultJson.mapper().treeToValue(array.get(0), ImageAnalysis.class);
    assertThat(parsed).isEqualTo(Wire.asSent(results.get(1)));
    assertThat(array.get(0).fieldNames()).toIterable()
        .containsExactly("file", "width", "height", "faces", "objects", "classes", "error");

    Path pngs = Files.createDirectory(temp.resolve("annotated"));
    assertThat(fx(() -> gallery.saveAnnotated(pngs, false)).get()).isEqualTo(3);
    try (var files = Files.list(pngs)) {
      List<String> names = files.map(p -> p.getFileName().toString()).sorted().collect(Collectors.toList());
      assertThat(names).containsExactly("sample1.annotated.png", "sample2.annotated.png", "sample3.annotated.png");
    }
    java.awt.image.BufferedImage png = javax.imageio.ImageIO.read(pngs.resolve("sample1.annotated.png").toFile());
    assertThat(png.getWidth()).isEqualTo(results.get(0).width());
  }

  @Test
  void cancelStopsARunningBatch() throws Exception {
    List<Path> many = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      many.add(AppTestSupport.copy(samplePhotos().get(i % 6), temp, "copy" + i + ".jpg"));
    }
    fxRun(() -> gallery.addPaths(many));
    waitUntil("first result", 60, () -> gallery.items().stream().anyMatch(i -> i.state() == GalleryItem.State.DONE));
    long[] atCancel = fx(() -> {
      gallery.cancel();
      return new long[] {gallery.items().stream().filter(i -> i.state() == GalleryItem.State.DONE).count(),
          gallery.analysesStarted()};
    });
    long doneAtCancel = atCancel[0];
    // begun before the cancel: shown, finished but not yet shown, or still running
    long begunAtCancel = atCancel[1];
    assertThat(fx(() -> gallery.runningProperty().get())).isFalse();
    assertThat(fx(() -> gallery.items().stream().filter(i -> i.state() == GalleryItem.State.QUEUED).count()))
        .as("no card still waiting once cancelled").isZero();
    drainAnalysisThreads();
    long done = fx(() -> gallery.items().stream().filter(i -> i.state() == GalleryItem.State.DONE).count());
    long notAnalysed = fx(() -> gallery.items().stream().filter(i -> i.state() == GalleryItem.State.NOT_ANALYSED).count());
    assertThat(done + notAnalysed).isEqualTo(40);
    // a thread that passed the cancelled check just before the flag was set counts itself just after
    assertThat(gallery.analysesStarted()).as("no analysis begins after the cancel")
        .isLessThanOrEqualTo(begunAtCancel + dev.raut.app.AppServices.ANALYSIS_THREADS);
    assertThat(done).as("only the photos begun before the cancel finished after it")
        .isBetween(doneAtCancel, gallery.analysesStarted());
    assertThat(done).isLessThan(40);
  }

  /**
   * Waits until every analysis task queued so far has run: one marker per analysis thread, each
   * holding its thread until all are held, so none can start before every earlier task finished;
   * then lets the FX events those tasks posted run.
   */
  private void drainAnalysisThreads() throws Exception {
    int threads = dev.raut.app.AppServices.ANALYSIS_THREADS;
    java.util.concurrent.CyclicBarrier all = new java.util.concurrent.CyclicBarrier(threads);
    List<java.util.concurrent.Future<?>> markers = new ArrayList<>();
    for (int i = 0; i < threads; i++) {
      markers.add(app.services().analysisPool().submit(() -> {
        all.await(60, java.util.concurrent.TimeUnit.SECONDS);
        return null;
      }));
    }
    for (java.util.concurrent.Future<?> marker : markers) {
      marker.get(90, java.util.concurrent.TimeUnit.SECONDS);
    }
    org.testfx.util.WaitForAsyncUtils.waitForFxEvents();
  }

  @Test
  void enterOpensTheDetailViewArrowsStepAndEscapeCloses(FxRobot robot) {
    fxRun(() -> gallery.addPaths(samplePhotos().subList(0, 3)));
    waitForIdle(3);
    robot.clickOn(visibleCards(robot).get(0));
    robot.type(KeyCode.ENTER);
    waitUntil("detail open", 5, () -> gallery.detailItemProperty().get() != null);
    assertThat(fx(() -> gallery.detailItemProperty().get().fileName())).isEqualTo("sample1.jpg");
    Node detail = fx(() -> robot.lookup(".detail-view").query());
    waitUntil("boxes in the detail view", 10, () -> !detail.lookupAll(".face-box").isEmpty()
        && !detail.lookupAll(".keypoint").isEmpty());
    javafx.scene.chart.BarChart<?, ?> chart = fx(() -> robot.lookup(".chart").queryAs(javafx.scene.chart.BarChart.class));
    assertThat(fx(() -> chart.getData().get(0).getData().size())).isEqualTo(7);

    robot.type(KeyCode.RIGHT);
    assertThat(fx(() -> gallery.detailItemProperty().get().fileName())).isEqualTo("sample2.jpg");
    robot.type(KeyCode.LEFT);
    assertThat(fx(() -> gallery.detailItemProperty().get().fileName())).isEqualTo("sample1.jpg");
    robot.clickOn("Keypoints");
    assertThat(fx(() -> detail.lookupAll(".keypoint").isEmpty())).isTrue();
    robot.type(KeyCode.ESCAPE);
    waitUntil("detail closed", 5, () -> gallery.detailItemProperty().get() == null);
  }

  @Test
  void changingTheModeOrTheDetectorAnalysesEveryPhotoAgain(FxRobot robot) {
    fxRun(() -> gallery.addPaths(samplePhotos().subList(0, 2)));
    waitForIdle(2);
    assertThat(fx(() -> gallery.items().get(0).result().faces())).isNotEmpty();

    fxRun(() -> gallery.choiceProperty().set(AnalysisChoice.OBJECTS));
    waitUntil("objects found", 60, () -> !gallery.runningProperty().get() && gallery.items().stream()
        .allMatch(i -> i.state() == GalleryItem.State.DONE && !i.result().objects().isEmpty()));
    List<GalleryItem> items = fx(() -> List.copyOf(gallery.items()));
    assertThat(items).allMatch(i -> i.result().faces().isEmpty());
    assertThat(items.get(0).result().objects()).extracting(ImageAnalysis.DetectedObjectResult::label).contains("person");
    assertThat(fx(() -> robot.lookup(".object-box").queryAll().size())).isGreaterThanOrEqualTo(2);
    assertThat(fx(() -> robot.lookup(".face-box").queryAll())).isEmpty();

    fxRun(() -> {
      gallery.choiceProperty().set(AnalysisChoice.FACES);
      gallery.detectorProperty().set(dev.raut.core.analysis.DetectorChoice.HAAR);
    });
    waitUntil("faces again, with Haar", 60, () -> !gallery.runningProperty().get() && gallery.items().stream()
        .allMatch(i -> i.state() == GalleryItem.State.DONE && !i.result().faces().isEmpty()));
    // Haar finds boxes but no keypoints: proof that the detector really changed
    assertThat(fx(() -> gallery.items().get(0).result().faces())).allMatch(f -> f.keypoints().isEmpty());
    assertThat(fx(() -> app.services().status().modelInUseProperty().get())).contains("Haar");
  }

  @Test
  void cardsShowAgeAndGenderOnlyWhenAskedFor(FxRobot robot) {
    fxRun(() -> gallery.addPaths(samplePhotos().subList(2, 3)));
    waitForIdle(1);
    ImageAnalysis plain = fx(() -> gallery.items().get(0).result());
    assertThat(plain.faces()).isNotEmpty().allMatch(f -> f.age() == null && f.gender() == null && f.landmarks68().isEmpty());
    assertThat(fx(() -> ((Label) visibleCards(robot).get(0).lookup(".card-headline")).getText())).isEqualTo(
        plain.faces().size() + " faces");

    robot.clickOn("#face-extras");
    robot.clickOn("#age-gender");
    assertThat(fx(() -> gallery.request().ageGender())).isTrue();
    assertThat(fx(() -> gallery.request().landmarks())).isFalse();
    waitUntil("analysed again with age and gender", 120, () -> gallery.items().get(0).state() == GalleryItem.State.DONE
        && gallery.items().get(0).result().faces().stream().allMatch(f -> f.age() != null));
    ImageAnalysis aged = fx(() -> gallery.items().get(0).result());
    CardView card = visibleCards(robot).get(0);
    String headline = fx(() -> ((Label) card.lookup(".card-headline")).getText());
    // "3 faces · 27 y F, 31 y F, 29 y F": one age and gender per face, in the face order
    String expected = aged.faces().size() + " faces · " + String.join(", ", aged.faces().stream()
        .map(f -> Math.round(f.age()) + " y " + (f.gender().label().equals("female") ? "F" : "M")).toList());
    assertThat(headline).isEqualTo(expected);
    assertThat(aged.faces()).allMatch(f -> f.age() > 5 && f.age() < 90 && f.gender().score() >= 0.5);
    List<String> tags = fx(() -> card.lookupAll(".face-box-label").stream().map(n -> ((Text) n).getText()).toList());
    assertThat(tags).hasSize(aged.faces().size()).allMatch(t -> t.matches(".+ · \\d+ y [FM]"));
    // the choice is remembered
    assertThat(app.services().settings().getBoolean("gallery.ageGender", false)).isTrue();
  }

  @Test
  void theDetailViewDrawsTheSixtyEightLandmarksOfEachFace(FxRobot robot) {
    fxRun(() -> gallery.landmarksProperty().set(true));
    fxRun(() -> gallery.addPaths(samplePhotos().subList(0, 1)));
    waitForIdle(1);
    ImageAnalysis r = fx(() -> gallery.items().get(0).result());
    assertThat(r.faces()).isNotEmpty().allMatch(f -> f.landmarks68().size() == 68);
    assertThat(fx(() -> visibleCards(robot).get(0).lookupAll(".landmark"))).as("no landmarks on cards").isEmpty();

    fxRun(() -> gallery.openDetail(gallery.items().get(0)));
    Node detail = fx(() -> robot.lookup(".detail-view").query());
    waitUntil("landmarks drawn", 10, () -> detail.lookupAll(".landmark").size() == 68 * r.faces().size());
    // each dot sits inside its face's box, as drawn on the screen
    List<Circle> dots = fx(() -> detail.lookupAll(".landmark").stream().map(n -> (Circle) n).toList());
    List<Rectangle> boxes = fx(() -> detail.lookupAll(".face-box").stream().map(n -> (Rectangle) n).toList());
    for (int f = 0; f < r.faces().size(); f++) {
      Rectangle box = boxes.get(f);
      double slack = box.getWidth() * 0.25; // the jaw line reaches a little past the detector's box
      assertThat(dots.subList(68 * f, 68 * (f + 1))).allMatch(d -> d.getCenterX() > box.getX() - slack
          && d.getCenterX() < box.getX() + box.getWidth() + slack && d.getCenterY() > box.getY() - slack
          && d.getCenterY() < box.getY() + box.getHeight() + slack);
    }
    fxRun(() -> ((CheckBox) detail.lookup("#show-landmarks")).setSelected(false));
    assertThat(fx(() -> detail.lookupAll(".landmark"))).isEmpty();
  }
}
