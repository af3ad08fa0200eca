package dev.raut.bench;

import dev.raut.core.analysis.DetectorChoice;
import dev.raut.core.analysis.Engine;
import dev.raut.core.emotion.EmotionPrediction;
import dev.raut.core.emotion.EmotionViews;
import dev.raut.core.emotion.FaceCrop;
import dev.raut.core.face.DetectedFace;
import dev.raut.core.image.DecodeTarget;
import dev.raut.core.image.DecodedImage;
import dev.raut.core.image.ImageDecoder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.opencv.core.Mat;

/**
 * Emotion models compared on the faces Raut detects, per crop size (top-1 against labels.csv), and
 * milliseconds per face of every face network (one thread, medians). Run with
 * {@code mvn -q -B test-compile exec:java -Dexec.classpathScope=test -Dexec.mainClass=dev.raut.bench.FaceNetworksBenchmark -Dexec.args="../shared/data/faces-emotion-dev [SCALE...] [--no-timing]"}.
 */
public final class FaceNetworksBenchmark {
  private FaceNetworksBenchmark() {}

  private record Sample(Mat bgr, DetectedFace face, String label) {}

  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args.length > 0 ? args[0] : "../shared/data/faces-emotion-dev");
    List<Double> scales = new ArrayList<>();
    boolean timing = true;
    for (int i = 1; i < args.length; i++) {
      if (args[i].equals("--no-timing")) {
        timing = false;
      } else {
        scales.add(Double.parseDouble(args[i]));
      }
    }
    if (scales.isEmpty()) {
      scales = List.of(1.2, 1.4, 1.6, 1.8, 2.0, 2.2);
    }
    List<String[]> rows = Files.readAllLines(dir.resolve("labels.csv")).stream().skip(1).map(l -> l.split(",")).toList();
    try (Engine engine = Engine.openDefault()) {
      ImageDecoder decoder = new ImageDecoder();
      List<Sample> samples = new ArrayList<>();
      for (String[] row : rows) {
        Path file = dir.resolve("images").resolve(row[0]);
        try (DecodedImage image = decoder.decode(file, DecodeTarget.longSideAtLeast(480))) {
          List<DetectedFace> faces = engine.faceDetector(DetectorChoice.AUTO).detect(image.mat());
          faces.stream().max(Comparator.comparingDouble(f -> f.box().width() * f.box().height()))
              .ifPresent(face -> samples.add(new Sample(image.mat().clone(), face, row[1].strip())));
        }
      }
      System.out.printf("%d of %d photos with a face%n", samples.size(), rows.size());
      List<EmotionPrediction> mini = new ArrayList<>();
      for (Sample s : samples) {
        mini.add(engine.emotion().classify(s.bgr(), List.of(s.face()), FaceCrop.DETECTED_FACE, EmotionViews.FAST).get(0));
      }
      System.out.printf("mini-xception (crop 1.6): %.1f%%%n", accuracy(samples, mini, rows.size()));
      for (double scale : scales) {
        FaceCrop crop = new FaceCrop(scale, 0.05, true);
        List<EmotionPrediction> expression = new ArrayList<>();
        for (Sample s : samples) {
          expression.add(engine.faceExpression().classify(s.bgr(), List.of(s.face()), crop, EmotionViews.FAST).get(0));
        }
        System.out.printf("face-expression crop %.1f: %.1f%%   blend: %.1f%%%n", scale,
            accuracy(samples, expression, rows.size()), accuracy(samples, EmotionPrediction.blend(mini, expression), rows.size()));
      }
      if (timing) {
        timing(engine, samples);
      }
    }
  }

  /** Top-1 over all photos (a photo without a detected face counts as wrong). */
  private static double accuracy(List<Sample> samples, List<EmotionPrediction> predictions, int total) {
    int right = 0;
    for (int i = 0; i < samples.size(); i++) {
      right += predictions.get(i).label().equals(samples.get(i).label()) ? 1 : 0;
    }
    return 100.0 * right / total;
  }

  private static void timing(Engine engine, List<Sample> samples) {
    List<Sample> some = samples.subList(0, Math.min(100, samples.size()));
    Map<String, Runnable> stages = new LinkedHashMap<>();
    stages.put("mini-xception (2 views)", () -> some.forEach(s ->
        engine.emotion().classify(s.bgr(), List.of(s.face()), FaceCrop.DETECTED_FACE, EmotionViews.FAST)));
    stages.put("face-expression (2 views)", () -> some.forEach(s ->
        engine.faceExpression().classify(s.bgr(), List.of(s.face()), Engine.FACE_NETWORK_CROP, EmotionViews.FAST)));
    stages.put("age-gender (2 views)", () -> some.forEach(s -> engine.ageGender().estimate(s.bgr(), List.of(s.face()))));
    stages.put("landmarks-68", () -> some.forEach(s -> engine.landmarks().detect(s.bgr(), List.of(s.face()))));
    stages.put("recognition descriptor", () -> some.forEach(s -> engine.describer().describe(s.bgr(), List.of(s.face()))));
    for (Map.Entry<String, Runnable> stage : stages.entrySet()) {
      stage.getValue().run();
      double[] ms = new double[5];
      for (int r = 0; r < ms.length; r++) {
        long t0 = System.nanoTime();
        stage.getValue().run();
        ms[r] = (System.nanoTime() - t0) / 1e6 / some.size();
      }
      Arrays.sort(ms);
      System.out.printf("%-28s %.2f ms per face (median of 5 runs over %d faces, crop + inference)%n", stage.getKey(),
          ms[2], some.size());
    }
  }

}
