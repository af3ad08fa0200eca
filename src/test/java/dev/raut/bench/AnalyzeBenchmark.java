package dev.raut.bench;

import dev.raut.core.analysis.AnalysisRequest;
import dev.raut.core.analysis.Analyzer;
import dev.raut.core.analysis.BatchAnalyzer;
import dev.raut.core.analysis.DetectorChoice;
import dev.raut.core.analysis.Engine;
import dev.raut.core.emotion.FaceCrop;
import dev.raut.core.face.DetectedFace;
import dev.raut.core.image.DecodedImage;
import dev.raut.core.image.ImageDecoder;
import dev.raut.core.image.ImageFiles;
import dev.raut.core.model.ModelStore;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Speed of {@code raut analyze}: milliseconds per stage (one thread) and steady-state images per
 * second for the whole pipeline on all cores. Run with
 * {@code mvn -q -B test-compile exec:java -Dexec.classpathScope=test -Dexec.mainClass=dev.raut.bench.AnalyzeBenchmark -Dexec.args="PATH... [--objects] [--runs N]"};
 * without paths it uses the six registry sample photos. Prints medians over the runs.
 */
public final class AnalyzeBenchmark {
  private AnalyzeBenchmark() {}

  public static void main(String[] args) throws Exception {
    List<Path> inputs = new ArrayList<>();
    boolean objects = false;
    int runs = 5;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--objects" -> objects = true;
        case "--runs" -> runs = Integer.parseInt(args[++i]);
        default -> inputs.add(Path.of(args[i]));
      }
    }
    if (inputs.isEmpty()) {
      inputs.add(ModelStore.defaultStore().samplesDir("face-api-samples"));
    }
    List<Path> files = ImageFiles.expand(inputs);
    AnalysisRequest request = objects ? AnalysisRequest.objectsOnly() : AnalysisRequest.facesAndEmotions();
    int cores = Runtime.getRuntime().availableProcessors();
    System.out.printf("%d images, %s, %d cores, %s, Java %s%n", files.size(), objects ? "objects" : "faces + emotions",
        cores, System.getProperty("os.arch"), System.getProperty("java.version"));
    try (Engine engine = Engine.openDefault()) {
      engine.warmUp(request);
      Analyzer analyzer = new Analyzer(engine);
      stages(engine, files, request, runs);
      double[] rates = new double[runs];
      BatchAnalyzer batch = new BatchAnalyzer(analyzer, cores);
      int repeat = Math.max(1, 2000 / files.size());
      List<Path> work = new ArrayList<>();
      for (int r = 0; r < repeat; r++) {
        work.addAll(files);
      }
      batch.run(files, request, r -> { }, (d, t) -> { }, new AtomicBoolean());
      for (int run = 0; run < runs; run++) {
        long start = System.nanoTime();
        batch.run(work, request, r -> { }, (d, t) -> { }, new AtomicBoolean());
        rates[run] = work.size() / ((System.nanoTime() - start) / 1e9);
      }
      System.out.printf("pipeline on %d threads: %.0f images/s (median of %d runs of %d images; runs %s)%n", cores,
          median(rates), runs, work.size(), Arrays.toString(Arrays.stream(rates).map(Math::round).toArray()));
    }
  }

  /** Each stage alone, one thread: decode at the pipeline's resolution, detect, emotion, objects. */
  private static void stages(Engine engine, List<Path> files, AnalysisRequest request, int runs) throws Exception {
    ImageDecoder decoder = new ImageDecoder();
    double[] decode = new double[runs];
    double[] detect = new double[runs];
    double[] emotion = new double[runs];
    double[] objects = new double[runs];
    int faces = 0;
    for (int run = 0; run < runs; run++) {
      faces = 0;
      for (Path file : files) {
        long t0 = System.nanoTime();
        try (DecodedImage image = decoder.decode(file, Analyzer.decodeTargetFor(request))) {
          long t1 = System.nanoTime();
          decode[run] += (t1 - t0) / 1e6;
          if (request.faces()) {
            List<DetectedFace> found = engine.faceDetector(DetectorChoice.AUTO).detect(image.mat());
            long t2 = System.nanoTime();
            engine.emotion().classify(image.mat(), found, FaceCrop.DETECTED_FACE, request.emotionViews());
            long t3 = System.nanoTime();
            detect[run] += (t2 - t1) / 1e6;
            emotion[run] += (t3 - t2) / 1e6;
            faces += found.size();
          }
          if (request.objects()) {
            long t2 = System.nanoTime();
            engine.objects().detect(image.mat());
            objects[run] += (System.nanoTime() - t2) / 1e6;
          }
        }
      }
    }
    int n = files.size();
    System.out.printf("per image, one thread (median of %d runs): decode %.2f ms", runs, median(decode) / n);
    if (request.faces()) {
      System.out.printf(", detect %.2f ms, emotion %.2f ms per face (%d faces)", median(detect) / n,
          faces == 0 ? 0 : median(emotion) / faces, faces);
    }
    if (request.objects()) {
      System.out.printf(", objects %.2f ms", median(objects) / n);
    }
    System.out.println();
  }

  private static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    return sorted[sorted.length / 2];
  }
}
