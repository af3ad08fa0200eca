package dev.raut.core.evaluate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.raut.core.analysis.AnalysisRequest;
import dev.raut.core.analysis.Analyzer;
import dev.raut.core.analysis.DetectorChoice;
import dev.raut.core.analysis.Engine;
import dev.raut.core.analysis.ImageAnalysis;
import dev.raut.core.geometry.Box;
import dev.raut.core.model.ModelStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Scalar;
import org.opencv.imgcodecs.Imgcodecs;

/** The runner with the real models on the registry sample photos. */
class EvaluationRunnerTest {
  private static final Path SAMPLES = ModelStore.defaultStore().samplesDir("face-api-samples");

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
  void largestFaceIsThePredictionAndNoFaceAndErrorsAreCountedNotDropped() throws IOException {
    Files.createDirectories(dir.resolve("happy"));
    Files.createDirectories(dir.resolve("sad"));
    Files.copy(SAMPLES.resolve("sample1.jpg"), dir.resolve("happy/sample1.jpg"));
    writeGrey(dir.resolve("happy/blank.png"), 320, 240);
    byte[] photo = Files.readAllBytes(SAMPLES.resolve("sample2.jpg"));
    Files.write(dir.resolve("sad/broken.jpg"), Arrays.copyOf(photo, 2000));

    EvaluationResult result = new EvaluationRunner(analyzer, 2)
        .run(DatasetReader.read(dir), EvaluationSettings.emotion(DetectorChoice.AUTO), (done, total) -> {}, new AtomicBoolean());

    assertThat(result.complete()).isTrue();
    assertThat(result.predictions()).extracting(ImagePrediction::name)
        .containsExactly("happy/blank.png", "happy/sample1.jpg", "sad/broken.jpg");
    assertThat(result.withoutPrediction()).extracting(ImagePrediction::name).containsExactly("happy/blank.png");
    assertThat(result.errors()).singleElement().satisfies(failed -> {
      assertThat(failed.name()).isEqualTo("sad/broken.jpg");
      assertThat(failed.error().code()).isNotBlank();
      assertThat(failed.error().message()).contains("broken.jpg");
    });
    assertThat(result.report().total()).isEqualTo(1);

    ImageAnalysis direct = analyzer.analyze(SAMPLES.resolve("sample1.jpg"), AnalysisRequest.facesAndEmotions());
    assertThat(direct.faces()).hasSizeGreaterThan(1);
    ImageAnalysis.Face largest = direct.faces().stream()
        .max(Comparator.comparingDouble(f -> f.box().width() * f.box().height())).orElseThrow();
    ImagePrediction sample = result.predicted().get(0);
    assertThat(sample.predicted()).isEqualTo(largest.emotion().label());
    assertThat(sample.confidence()).isEqualTo(largest.emotion().score());
    assertThat(sample.region()).isEqualTo(new Box(largest.box().x(), largest.box().y(), largest.box().width(),
        largest.box().height()));
    assertThat(result.endToEndAccuracy()).isEqualTo(sample.correct() ? 1.0 / 3 : 0.0);
  }

  @Test
  void cancellingStopsEarlyAndKeepsWhatWasDone() throws IOException {
    Files.createDirectories(dir.resolve("neutral"));
    for (int i = 0; i < 60; i++) {
      writeGrey(dir.resolve("neutral/" + String.format("%02d", i) + ".png"), 48, 48);
    }
    AtomicBoolean cancelled = new AtomicBoolean();
    AtomicInteger lastDone = new AtomicInteger();

    EvaluationResult result = new EvaluationRunner(analyzer, 2).run(DatasetReader.read(dir),
        EvaluationSettings.emotion(DetectorChoice.NONE), (done, total) -> {
          lastDone.set(done);
          if (done == 3) {
            cancelled.set(true);
          }
        }, cancelled);

    assertThat(result.complete()).isFalse();
    assertThat(result.predictions()).hasSizeBetween(3, 59).hasSize(lastDone.get());
    assertThat(result.report().total()).isEqualTo(result.predictions().size());
  }

  @Test
  void cellFilesMatchTheMatrixAndUnknownLabelsStayInTheReport() throws IOException {
    Files.createDirectories(dir.resolve("bored"));
    Files.createDirectories(dir.resolve("Happiness"));
    for (int i = 1; i <= 6; i++) {
      Path target = dir.resolve(i <= 2 ? "bored" : "Happiness").resolve("sample" + i + ".jpg");
      Files.copy(SAMPLES.resolve("sample" + i + ".jpg"), target);
    }
    EvaluationSettings settings = EvaluationSettings.emotion(DetectorChoice.NONE).withLabelMap(LabelMap.parse("happiness=happy"));

    EvaluationResult result = new EvaluationRunner(analyzer, 2).run(DatasetReader.read(dir), settings, (d, t) -> {}, new AtomicBoolean());

    assertThat(result.unknownLabels()).containsExactly(java.util.Map.entry("bored", 2));
    assertThat(result.renamedLabels()).containsExactly(java.util.Map.entry("Happiness", "happy"));
    assertThat(result.report().labels()).contains("bored", "happy");
    assertThat(result.report().forLabel("bored").orElseThrow().recall()).isZero();
    ConfusionMatrix matrix = result.report().matrix();
    int cells = 0;
    for (String truth : matrix.labels()) {
      for (String predicted : matrix.labels()) {
        List<ImagePrediction> files = result.filesIn(truth, predicted);
        assertThat(files).hasSize(matrix.count(truth, predicted))
            .allMatch(p -> p.truth().equals(truth) && p.predicted().equals(predicted))
            .isSortedAccordingTo(Comparator.comparingDouble(ImagePrediction::confidence).reversed());
        cells += files.size();
      }
    }
    assertThat(cells).isEqualTo(6);
  }

  private static void writeGrey(Path file, int width, int height) {
    Mat grey = new Mat(height, width, CvType.CV_8UC3, new Scalar(128, 128, 128));
    try {
      assertThat(Imgcodecs.imwrite(file.toString(), grey)).isTrue();
    } finally {
      grey.release();
    }
  }
}
