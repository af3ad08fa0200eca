package dev.raut.core.evaluate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.raut.core.analysis.AnalysisRequest;
import dev.raut.core.analysis.Analyzer;
import dev.raut.core.analysis.DetectorChoice;
import dev.raut.core.analysis.Engine;
import dev.raut.core.analysis.ImageAnalysis;
import dev.raut.core.model.ModelStore;
import dev.raut.testing.TinyClassifier;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Scalar;
import org.opencv.imgcodecs.Imgcodecs;

/** The classify and objects tasks: a tiny colour classifier written here, and the object detector on a sample photo. */
class ClassifyAndObjectsEvaluationTest {
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
  void classifierTopClassIsThePrediction() throws IOException {
    Path card = TinyClassifier.writeColourClassifier(dir.resolve("model"));
    Path data = dir.resolve("colours");
    writeSolid(data.resolve("red/r1.png"), 0, 0, 230);
    writeSolid(data.resolve("red/r2.png"), 20, 10, 200);
    writeSolid(data.resolve("green/g1.png"), 0, 220, 0);
    writeSolid(data.resolve("green/g2.png"), 30, 180, 20);
    writeSolid(data.resolve("green/actually-blue.png"), 210, 0, 0); // mislabelled on purpose (BGR: blue)
    writeSolid(data.resolve("blue/b1.png"), 240, 20, 20);

    EvaluationSettings settings = new EvaluationSettings(EvaluationTask.CLASSIFY, DetectorChoice.AUTO, card.toString(), null, 0.3);
    EvaluationResult result = new EvaluationRunner(analyzer, 2).run(DatasetReader.read(data), settings, (d, t) -> {}, new AtomicBoolean());

    assertThat(result.model()).isEqualTo("Colours");
    assertThat(result.modelLabels()).containsExactly("red", "green", "blue");
    assertThat(result.report().accuracy()).isEqualTo(5.0 / 6);
    assertThat(result.report().matrix().toArray()).isDeepEqualTo(new int[][] {{1, 0, 0}, {1, 2, 0}, {0, 0, 2}});
    assertThat(result.report().labels()).containsExactly("blue", "green", "red");
    assertThat(result.filesIn("green", "blue")).extracting(ImagePrediction::name).containsExactly("green/actually-blue.png");
    assertThat(result.predicted()).allMatch(p -> p.region() == null && p.confidence() > 0.5);
  }

  @Test
  void topObjectIsThePrediction() throws IOException {
    Path photo = ModelStore.defaultStore().samplesDir("face-api-samples").resolve("sample1.jpg");
    Files.createDirectories(dir.resolve("person"));
    Files.copy(photo, dir.resolve("person/sample1.jpg"));

    EvaluationSettings settings = new EvaluationSettings(EvaluationTask.OBJECTS, DetectorChoice.AUTO, null, null, 0.3);
    EvaluationResult result = new EvaluationRunner(analyzer, 1).run(DatasetReader.read(dir), settings, (d, t) -> {}, new AtomicBoolean());

    ImageAnalysis direct = analyzer.analyze(photo, AnalysisRequest.objectsOnly());
    ImageAnalysis.DetectedObjectResult top = direct.objects().stream()
        .max(Comparator.comparingDouble(ImageAnalysis.DetectedObjectResult::score)).orElseThrow();
    assertThat(result.modelLabels()).hasSize(80).contains("person");
    assertThat(result.predicted()).singleElement().satisfies(p -> {
      assertThat(p.predicted()).isEqualTo(top.label());
      assertThat(p.confidence()).isEqualTo(top.score());
      assertThat(p.region()).isNotNull();
    });
  }

  /** A 32x32 image of one BGR colour. */
  private static void writeSolid(Path file, int b, int g, int r) throws IOException {
    Files.createDirectories(file.getParent());
    Mat image = new Mat(32, 32, CvType.CV_8UC3, new Scalar(b, g, r));
    try {
      assertThat(Imgcodecs.imwrite(file.toString(), image)).isTrue();
    } finally {
      image.release();
    }
  }
}
