package dev.raut.bench;

import dev.raut.core.analysis.DetectorChoice;
import dev.raut.core.analysis.Engine;
import dev.raut.core.emotion.FaceCrop;
import dev.raut.core.face.DetectedFace;
import dev.raut.core.image.DecodeTarget;
import dev.raut.core.image.DecodedImage;
import dev.raut.core.image.ImageDecoder;
import dev.raut.core.onnx.OnnxModel;
import dev.raut.core.recognition.FaceClusters;
import dev.raut.core.recognition.FaceDescriber;
import dev.raut.core.recognition.FaceMatching;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;

/**
 * Face recognition measured on photos whose file names carry the identity
 * ({@code George_W_Bush_0012.jpg} → George_W_Bush): verification accuracy on every same-person
 * pair plus as many different-person pairs (seeded), the best threshold, rank-1 identification and
 * clustering purity, for a few crop sizes. Run with
 * {@code mvn -q -B test-compile exec:java -Dexec.classpathScope=test -Dexec.mainClass=dev.raut.bench.RecognitionBenchmark -Dexec.args="../shared/data/faces-emotion-dev/images [SCALE...]"}.
 */
public final class RecognitionBenchmark {
  private RecognitionBenchmark() {}

  private record Face(String identity, float[] descriptor) {}

  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args.length > 0 ? args[0] : "../shared/data/faces-emotion-dev/images");
    List<Double> scales = new ArrayList<>();
    for (int i = 1; i < args.length; i++) {
      scales.add(Double.parseDouble(args[i]));
    }
    if (scales.isEmpty()) {
      scales.add(Engine.RECOGNITION_CROP.boxScale());
    }
    List<Path> files;
    try (Stream<Path> list = Files.list(dir)) {
      files = list.filter(p -> p.toString().endsWith(".jpg")).sorted().toList();
    }
    try (Engine engine = Engine.openDefault()) {
      ImageDecoder decoder = new ImageDecoder();
      Map<Path, DetectedFace> largest = new HashMap<>();
      Map<Path, org.opencv.core.Mat> images = new HashMap<>();
      for (Path file : files) {
        try (DecodedImage image = decoder.decode(file, DecodeTarget.longSideAtLeast(480))) {
          engine.faceDetector(DetectorChoice.AUTO).detect(image.mat()).stream()
              .max(Comparator.comparingDouble(f -> f.box().width() * f.box().height()))
              .ifPresent(face -> {
                largest.put(file, face);
                images.put(file, image.mat().clone());
              });
        }
      }
      engine.describer();
      OnnxModel model = OnnxModel.load(engine.store().artifact("face-recognition", "face-recognition.onnx"), "bench", 1);
      try (model) {
        for (double scale : scales) {
          FaceDescriber describer = new FaceDescriber(model, new FaceCrop(scale, 0.05, true));
          List<Face> faces = new ArrayList<>();
          long t0 = System.nanoTime();
          for (Path file : files) {
            DetectedFace face = largest.get(file);
            if (face != null) {
              faces.add(new Face(identity(file), describer.describe(images.get(file), List.of(face)).get(0)));
            }
          }
          double msPerFace = (System.nanoTime() - t0) / 1e6 / faces.size();
          report(scale, faces, files.size(), msPerFace);
        }
      }
    }
  }

  static String identity(Path file) {
    String name = file.getFileName().toString();
    return name.substring(0, name.lastIndexOf('_'));
  }

  private static void report(double scale, List<Face> faces, int photos, double msPerFace) {
    List<double[]> same = new ArrayList<>();
    List<int[]> differentCandidates = new ArrayList<>();
    for (int i = 0; i < faces.size(); i++) {
      for (int j = i + 1; j < faces.size(); j++) {
        if (faces.get(i).identity().equals(faces.get(j).identity())) {
          same.add(new double[] {FaceMatching.distance(faces.get(i).descriptor(), faces.get(j).descriptor())});
        } else {
          differentCandidates.add(new int[] {i, j});
        }
      }
    }
    java.util.Collections.shuffle(differentCandidates, new Random(12));
    List<double[]> different = differentCandidates.subList(0, same.size()).stream()
        .map(p -> new double[] {FaceMatching.distance(faces.get(p[0]).descriptor(), faces.get(p[1]).descriptor())}).toList();
    double bestThreshold = 0;
    double bestAccuracy = 0;
    for (double t = 0.2; t <= 0.9; t += 0.01) {
      double accuracy = accuracy(same, different, t);
      if (accuracy > bestAccuracy) {
        bestAccuracy = accuracy;
        bestThreshold = t;
      }
    }
    int queries = 0;
    int rank1 = 0;
    for (int i = 0; i < faces.size(); i++) {
      int nearest = -1;
      double nearestDistance = Double.MAX_VALUE;
      boolean hasOther = false;
      for (int j = 0; j < faces.size(); j++) {
        if (j == i) {
          continue;
        }
        hasOther |= faces.get(j).identity().equals(faces.get(i).identity());
        double d = FaceMatching.distance(faces.get(i).descriptor(), faces.get(j).descriptor());
        if (d < nearestDistance) {
          nearestDistance = d;
          nearest = j;
        }
      }
      if (hasOther) {
        queries++;
        rank1 += faces.get(nearest).identity().equals(faces.get(i).identity()) ? 1 : 0;
      }
    }
    List<List<Integer>> clusters = FaceClusters.cluster(faces.stream().map(Face::descriptor).toList(), FaceMatching.THRESHOLD);
    int pure = 0;
    for (List<Integer> cluster : clusters) {
      Map<String, Integer> counts = new HashMap<>();
      cluster.forEach(i -> counts.merge(faces.get(i).identity(), 1, Integer::sum));
      pure += counts.values().stream().max(Integer::compare).orElse(0);
    }
    long identities = faces.stream().map(Face::identity).distinct().count();
    System.out.printf("crop %.2f: %d faces of %d photos, %d identities; %d same + %d different pairs%n", scale,
        faces.size(), photos, identities, same.size(), different.size());
    System.out.printf("  verification at %.2f (the default): %.1f%%; best %.1f%% at %.2f%n", FaceMatching.THRESHOLD,
        100 * accuracy(same, different, FaceMatching.THRESHOLD), 100 * bestAccuracy, bestThreshold);
    System.out.printf("  rank-1 identification: %.1f%% of %d faces whose person has another photo%n",
        100.0 * rank1 / queries, queries);
    System.out.printf("  clustering at %.2f: %d clusters for %d identities, purity %.1f%%%n", FaceMatching.THRESHOLD,
        clusters.size(), identities, 100.0 * pure / faces.size());
    System.out.printf("  %.2f ms per face (crop + descriptor, one thread)%n", msPerFace);
  }

  private static double accuracy(List<double[]> same, List<double[]> different, double threshold) {
    long right = same.stream().filter(d -> d[0] <= threshold).count() + different.stream().filter(d -> d[0] > threshold).count();
    return (double) right / (same.size() + different.size());
  }
}
