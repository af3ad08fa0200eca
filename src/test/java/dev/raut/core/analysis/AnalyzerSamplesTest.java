package dev.raut.core.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.raut.core.emotion.EmotionViews;
import dev.raut.core.geometry.Box;
import dev.raut.testing.Samples;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real default models on the real registry sample photos. */
class AnalyzerSamplesTest {
  private static final List<String> EMOTIONS = List.of("angry", "disgust", "fear", "happy", "sad", "surprise", "neutral");
  private static Engine engine;
  private static Analyzer analyzer;

  @TempDir
  Path dir;

  @BeforeAll
  static void open() {
    engine = Engine.openDefault();
    analyzer = new Analyzer(engine);
  }

  @AfterAll
  static void close() {
    engine.close();
  }

  @Test
  void findsEveryFaceInTheSamplesAndNoExtraBoxes() {
    for (int i = 1; i <= 6; i++) {
      ImageAnalysis result = analyzer.analyze(Samples.photo(i), AnalysisRequest.facesAndEmotions());
      assertThat(result.error()).isNull();
      assertThat(result.faces()).as("faces in sample%d", i).hasSize(Samples.FACES.get(i - 1));
      for (ImageAnalysis.Face face : result.faces()) {
        Box box = face.box();
        assertThat(box.x()).isBetween(-0.05 * result.width(), (double) result.width());
        assertThat(box.y()).isBetween(-0.05 * result.height(), (double) result.height());
        // faces in these 1920-pixel photos are 150 to 260 pixels wide: boxes are in original pixels
        assertThat(box.width()).isBetween(100.0, 400.0);
        assertThat(face.score()).isBetween(0.5, 1.0);
        assertThat(face.keypoints()).hasSize(6);
        assertThat(face.keypoints()).allSatisfy(p -> {
          assertThat(p.x()).isBetween(box.x() - box.width() * 0.3, box.x() + box.width() * 1.3);
          assertThat(p.y()).isBetween(box.y() - box.height() * 0.3, box.y() + box.height() * 1.3);
        });
        assertThat(face.emotion().scores().keySet()).containsExactlyElementsOf(EMOTIONS);
        assertThat(face.emotion().scores().values().stream().mapToDouble(Double::doubleValue).sum()).isCloseTo(1.0, within(0.002));
        assertThat(face.emotion().score()).isEqualTo(face.emotion().scores().get(face.emotion().label()));
      }
    }
  }

  @Test
  void theSmilingFacesAreHappy() {
    // in sample3 two of the three women smile broadly; a working emotion model calls them happy
    // (FaceExpressionNet alone reads the middle one as neutral 0.50 / happy 0.40; the default blend, happy 0.70)
    ImageAnalysis result = analyzer.analyze(Samples.photo(3), AnalysisRequest.facesAndEmotions());
    assertThat(result.faces()).filteredOn(f -> f.emotion().label().equals("happy") && f.emotion().score() > 0.6).hasSize(2);
  }

  @Test
  void reducedDecodingGivesTheSameFacesAsFullResolution() {
    // the pipeline decodes 1920-pixel JPEGs at half size; boxes must still be in original pixels
    ImageAnalysis reduced = analyzer.analyze(Samples.photo(1), AnalysisRequest.facesAndEmotions());
    assertThat(reduced.width()).isEqualTo(1920);
    assertThat(reduced.height()).isEqualTo(1280);
    try (dev.raut.core.image.DecodedImage full = new dev.raut.core.image.ImageDecoder()
        .decode(Samples.photo(1), dev.raut.core.image.DecodeTarget.fullResolution())) {
      ImageAnalysis fromFull = analyzer.analyzeFrame(full.mat(), "full", 1920, 1280, AnalysisRequest.facesAndEmotions());
      assertThat(fromFull.faces()).hasSameSizeAs(reduced.faces());
      for (int i = 0; i < reduced.faces().size(); i++) {
        // same face, same place (within 3% of its size) whichever resolution it was found at
        Box a = reduced.faces().get(i).box();
        Box b = fromFull.faces().get(i).box();
        double[] av = {a.x(), a.y(), a.width(), a.height()};
        double[] bv = {b.x(), b.y(), b.width(), b.height()};
        for (int k = 0; k < 4; k++) {
          assertThat(av[k]).isCloseTo(bv[k], within(0.03 * b.width()));
        }
      }
    } catch (dev.raut.core.image.ImageDecodeException e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void findsPeopleAsObjects() {
    ImageAnalysis result = analyzer.analyze(Samples.photo(1), AnalysisRequest.objectsOnly());
    assertThat(result.faces()).isEmpty();
    assertThat(result.objects()).isNotEmpty();
    assertThat(result.objects()).filteredOn(o -> o.label().equals("person")).hasSizeGreaterThanOrEqualTo(2);
    assertThat(result.objects()).allSatisfy(o -> {
      assertThat(o.score()).isBetween(0.3, 1.0);
      assertThat(o.box().x() + o.box().width()).isLessThanOrEqualTo(result.width() + 0.1);
      assertThat(o.box().y() + o.box().height()).isLessThanOrEqualTo(result.height() + 0.1);
    });
  }

  @Test
  void anObjectThresholdBelowTheDetectorsDefaultFindsMoreObjects() {
    AnalysisRequest low = new AnalysisRequest(false, false, true, null, DetectorChoice.AUTO, 0.05);
    AnalysisRequest usual = new AnalysisRequest(false, false, true, null, DetectorChoice.AUTO, 0.2);
    ImageAnalysis many = analyzer.analyze(Samples.photo(1), low);
    ImageAnalysis fewer = analyzer.analyze(Samples.photo(1), usual);
    assertThat(many.objects()).hasSizeGreaterThan(fewer.objects().size());
    assertThat(many.objects()).anySatisfy(o -> assertThat(o.score()).isLessThan(0.2));
    assertThat(many.objects()).allSatisfy(o -> assertThat(o.score()).isGreaterThanOrEqualTo(0.05));
  }

  @Test
  void haarAndFrontDetectorsAlsoFindFaces() {
    for (DetectorChoice choice : List.of(DetectorChoice.HAAR, DetectorChoice.FRONT, DetectorChoice.BACK)) {
      ImageAnalysis result = analyzer.analyze(Samples.photo(3), AnalysisRequest.facesAndEmotions().withDetector(choice));
      assertThat(result.faces()).as(choice.cliName()).isNotEmpty();
    }
  }

  @Test
  void detectorNoneTreatsTheWholeImageAsTheFace() {
    ImageAnalysis result = analyzer.analyze(Samples.photo(2),
        AnalysisRequest.facesAndEmotions().withDetector(DetectorChoice.NONE).withEmotionViews(EmotionViews.THOROUGH));
    assertThat(result.faces()).singleElement().satisfies(f -> {
      assertThat(f.box()).isEqualTo(new Box(0, 0, 1920, 1367));
      assertThat(f.keypoints()).isEmpty();
      assertThat(f.emotion()).isNotNull();
    });
  }

  @Test
  void noFaceIsAnEmptyResultNotAnError() throws IOException {
    Path grey = dir.resolve("wall.png");
    Files.write(grey, dev.raut.testing.TestPhotos.solidPng(640, 480, 128));
    ImageAnalysis result = analyzer.analyze(grey, AnalysisRequest.facesAndEmotions());
    assertThat(result.error()).isNull();
    assertThat(result.faces()).isEmpty();
    assertThat(result.width()).isEqualTo(640);
  }

  @Test
  void batchKeepsInputOrderAndGoesOnPastBrokenFiles() throws IOException {
    Path broken = dir.resolve("broken.jpg");
    byte[] photo = Files.readAllBytes(Samples.photo(4));
    Files.write(broken, java.util.Arrays.copyOf(photo, photo.length / 3));
    Path text = dir.resolve("notes.png");
    Files.writeString(text, "not an image at all");
    List<Path> files = List.of(Samples.photo(1), broken, Samples.photo(2), text, Samples.photo(3), dir.resolve("gone.jpg"));
    List<ImageAnalysis> results = new ArrayList<>();
    List<Integer> progress = new ArrayList<>();
    boolean finished = new BatchAnalyzer(analyzer, 2).run(files, AnalysisRequest.facesAndEmotions(), results::add,
        (done, total) -> progress.add(done), new AtomicBoolean());
    assertThat(finished).isTrue();
    assertThat(results).extracting(ImageAnalysis::file).containsExactlyElementsOf(files.stream().map(Path::toString).toList());
    assertThat(results).extracting(r -> r.error() == null ? "ok" : r.error().code())
        .containsExactly("ok", "truncated", "ok", "not_an_image", "ok", "not_found");
    assertThat(results.get(1).error().message()).contains("broken.jpg").doesNotContain("Exception");
    assertThat(progress).containsExactly(1, 2, 3, 4, 5, 6);
  }

  @Test
  void cancellingStopsTheBatch() {
    List<Path> many = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      many.add(Samples.photo(i % 6 + 1));
    }
    AtomicBoolean cancel = new AtomicBoolean();
    List<ImageAnalysis> results = new ArrayList<>();
    boolean finished = new BatchAnalyzer(analyzer, 2).run(many, AnalysisRequest.facesAndEmotions(), r -> {
      results.add(r);
      if (results.size() == 3) {
        cancel.set(true);
      }
    }, (d, t) -> { }, cancel);
    assertThat(finished).isFalse();
    assertThat(results.size()).isBetween(3, 3 + 2 * 4);
  }
}
