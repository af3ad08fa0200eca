package dev.raut.core.teach;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import dev.raut.core.classify.OnnxImageClassifier;
import dev.raut.core.convert.ClassifierGraphExport;
import dev.raut.core.convert.TinyBackbone;
import dev.raut.core.image.DecodeTarget;
import dev.raut.core.image.DecodedImage;
import dev.raut.core.image.ImageDecoder;
import dev.raut.core.image.OpenCvNative;
import dev.raut.core.onnx.OnnxModel;
import dev.raut.testing.GeneratedPhotos;
import java.io.IOException;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Teaching on photos the test makes: three kinds that look different (warm noise, blue stripes,
 * green checkers). The taught model must be far above chance on held-out photos, and the exported
 * ONNX, reloaded in a fresh session, must give the probabilities the teacher computed.
 */
public class TeacherTest {
  public static final List<String> KINDS = GeneratedPhotos.KINDS;

  @BeforeAll
  static void opencv() {
    OpenCvNative.ensureLoaded();
  }

  /** {@code perClass} photos of each kind, of varied sizes and seeds. */
  public static Path makeDataset(Path dir, int perClass, long seed) throws IOException {
    return GeneratedPhotos.write(dir, KINDS, perClass, seed);
  }

  static OnnxEmbedder tinyEmbedder() {
    byte[] onnx = TinyBackbone.onnx();
    OnnxModel model = OnnxModel.load(onnx, "tiny", 1);
    return new OnnxEmbedder("tiny-test", "a tiny test backbone", TinyBackbone.SIZE, TinyBackbone.SIZE,
        List.of(new OnnxEmbedder.Part(model, onnx, 1 / 255f, 0f)));
  }

  @Test
  void teachesAboveChanceAndTheExportGivesTheSameProbabilities(@TempDir Path dir) throws Exception {
    Path data = makeDataset(dir.resolve("data"), 20, 1);
    TeachingData teaching = TeachingData.read(data, 0.25, 7, () -> false);
    assertThat(teaching.classes()).containsExactlyElementsOf(KINDS);
    assertThat(teaching.test()).hasSize(15);
    AtomicInteger updates = new AtomicInteger();
    Teacher.Result result;
    try (OnnxEmbedder embedder = tinyEmbedder()) {
      Teacher teacher = new Teacher(embedder, new EmbeddingCache(dir.resolve("cache")));
      result = teacher.teach(teaching, Teacher.Settings.defaults(), (stage, done, total) -> updates.incrementAndGet(),
          () -> false);
      assertThat(result.testAccuracy()).as("held-out accuracy, chance is 1/3").isGreaterThan(0.9);
      assertThat(result.photosEmbedded()).isEqualTo(60);
      assertThat(updates.get()).isGreaterThanOrEqualTo(60);

      // retraining starts from the cache
      Teacher.Result again = teacher.teach(teaching, Teacher.Settings.defaults(), Teacher.Progress.none(), () -> false);
      assertThat(again.photosFromCache()).isEqualTo(60);
      assertThat(again.testAccuracy()).isEqualTo(result.testAccuracy());
    }

    // the exported graph, alone in a fresh session, on the same pixels
    OrtEnvironment env = OrtEnvironment.getEnvironment();
    ImageDecoder decoder = new ImageDecoder();
    try (OrtSession session = env.createSession(result.onnx())) {
      for (Teacher.TestPrediction p : result.testPredictions()) {
        float[] pixels;
        try (DecodedImage image = decoder.decode(p.photo().file(), DecodeTarget.shortSideAtLeast(TinyBackbone.SIZE))) {
          pixels = OnnxImageClassifier.toInput(image.mat(), result.spec());
        }
        try (OnnxTensor t = OnnxTensor.createTensor(env, FloatBuffer.wrap(pixels),
                new long[] {1, TinyBackbone.SIZE, TinyBackbone.SIZE, 3});
            OrtSession.Result out = session.run(Map.of(ClassifierGraphExport.INPUT, t))) {
          float[] probabilities = ((float[][]) out.get(0).getValue())[0];
          assertThat((double) probabilities[p.predicted()]).isCloseTo(p.confidence(),
              org.assertj.core.data.Offset.offset(1e-5));
        }
      }
    }
  }

  /** In the app Teach embeds in a lane of the analysis service: on its threads, none of its own. */
  @Test
  void onAServicesLaneTheEmbeddingRunsOnTheServicesThreads(@TempDir Path dir) throws Exception {
    TeachingData teaching = TeachingData.read(makeDataset(dir.resolve("data"), 6, 3), 0.25, 7, () -> false);
    java.util.Set<String> embeddingThreads = java.util.concurrent.ConcurrentHashMap.newKeySet();
    try (dev.raut.core.analysis.AnalysisService service = dev.raut.core.analysis.AnalysisService.opening(() -> {
      throw new IllegalStateException("no engine needed: the backbone is Teach's own");
    }, 2); OnnxEmbedder embedder = tinyEmbedder()) {
      Teacher teacher = new Teacher(embedder, new EmbeddingCache(dir.resolve("cache"))).on(service.lane("teach"));
      Teacher.Result result = teacher.teach(teaching, Teacher.Settings.defaults(), (stage, done, total) -> {
        if (stage.equals("embedding")) {
          embeddingThreads.add(Thread.currentThread().getName());
        }
      }, () -> false);
      assertThat(result.photosEmbedded()).isEqualTo(18);
    }
    assertThat(embeddingThreads).isNotEmpty().allMatch(name -> name.startsWith("raut-analysis-"));
  }

  /** Augmentation: each training photo is embedded four ways (itself, mirrored, two shifted crops); test photos once. */
  @Test
  void augmentationEmbedsEveryTrainingPhotoInFourViews(@TempDir Path dir) throws Exception {
    TeachingData teaching = TeachingData.read(makeDataset(dir.resolve("data"), 10, 8), 0.2, 7, () -> false);
    Path cacheDir = dir.resolve("cache");
    try (OnnxEmbedder embedder = tinyEmbedder()) {
      Teacher.Result result = new Teacher(embedder, new EmbeddingCache(cacheDir)).teach(teaching,
          new Teacher.Settings(HeadTraining.Choice.LOGREG, true, 42, 2), Teacher.Progress.none(), () -> false);
      assertThat(result.testAccuracy()).isGreaterThan(0.8);
    }
    try (var files = Files.walk(cacheDir)) {
      List<String> names = files.filter(Files::isRegularFile).map(f -> f.getFileName().toString()).toList();
      assertThat(names).hasSize(4 * teaching.train().size() + teaching.test().size());
      assertThat(names.stream().filter(n -> n.endsWith("-shift-br.f32"))).hasSize(teaching.train().size());
    }
  }

  @Test
  void cancelStopsAndReturnsNothing(@TempDir Path dir) throws Exception {
    TeachingData teaching = TeachingData.read(makeDataset(dir.resolve("data"), 6, 2), 0.2, 7, () -> false);
    AtomicInteger calls = new AtomicInteger();
    try (OnnxEmbedder embedder = tinyEmbedder()) {
      Teacher teacher = new Teacher(embedder, new EmbeddingCache(dir.resolve("cache")));
      assertThatThrownBy(() -> teacher.teach(teaching, Teacher.Settings.defaults(), Teacher.Progress.none(),
          () -> calls.incrementAndGet() > 5)).isInstanceOf(TeachCancelledException.class);
    }
  }

  @Test
  void badDataIsExplained(@TempDir Path dir) throws Exception {
    Path one = makeDataset(dir.resolve("one"), 3, 3);
    for (String kind : List.of("checkers", "stripes")) {
      try (var files = Files.list(one.resolve(kind))) {
        for (Path f : files.toList()) {
          Files.delete(f);
        }
      }
      Files.delete(one.resolve(kind));
    }
    assertThatThrownBy(() -> TeachingData.read(one, 0.2, 1, () -> false)).isInstanceOf(TeachDataException.class)
        .hasMessageContaining("at least two classes");

    Path few = makeDataset(dir.resolve("few"), 12, 4);
    try (var files = Files.list(few.resolve("warm"))) {
      for (Path f : files.skip(1).toList()) {
        Files.delete(f);
      }
    }
    assertThatThrownBy(() -> TeachingData.read(few, 0, 1, () -> false)).isInstanceOf(TeachDataException.class)
        .hasMessageContaining("warm (1)");

    Path messy = makeDataset(dir.resolve("messy"), 12, 5);
    Files.copy(messy.resolve("warm/warm_0.png"), messy.resolve("stripes/copy_of_warm.png"));
    Files.writeString(messy.resolve("checkers/broken.jpg"), "not a photo");
    TeachingData data = TeachingData.read(messy, 0, 1, () -> false);
    assertThat(data.duplicates()).hasSize(1);
    assertThat(data.duplicates().get(0).classes()).containsExactly("stripes", "warm");
    assertThat(data.warnings()).anyMatch(w -> w.contains("stripes and warm"));
    assertThat(data.trainCounts()).containsEntry("warm", 11).containsEntry("checkers", 13);
    try (OnnxEmbedder embedder = tinyEmbedder()) {
      Teacher.Result result = new Teacher(embedder, new EmbeddingCache(dir.resolve("cache")))
          .teach(data, Teacher.Settings.defaults(), Teacher.Progress.none(), () -> false);
      assertThat(result.skipped()).extracting(s -> s.photo().name()).containsExactly("checkers/broken.jpg");
      assertThat(result.skipped().get(0).error().code()).isEqualTo("not_an_image");
    }
  }
}
