package dev.raut.bench;

import dev.raut.core.analysis.AnalysisRequest;
import dev.raut.core.analysis.Analyzer;
import dev.raut.core.analysis.BatchAnalyzer;
import dev.raut.core.analysis.DetectorChoice;
import dev.raut.core.analysis.Engine;
import dev.raut.core.emotion.EmotionModel;
import dev.raut.core.emotion.EmotionViews;
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
import org.opencv.core.Mat;

/**
 * Speed of the engine behind {@code raut analyze}: milliseconds per stage (one thread), the compute
 * limit they imply, and steady-state images per second for the whole pipeline on all cores, with
 * the request {@code raut analyze} makes. Run with
 * {@code mvn -q -B test-compile exec:java -Dexec.classpathScope=test -Dexec.mainClass=dev.raut.bench.AnalyzeBenchmark
 * -Dexec.args="PATH... [--emotion-model mini-xception|face-expression|blend] [--objects] [--runs N] [--images N]"};
 * without paths it uses the six registry sample photos. Prints medians over the runs.
 */
public final class AnalyzeBenchmark {
  private AnalyzeBenchmark() {}

  public static void main(String[] args) throws Exception {
    List<Path> inputs = new ArrayList<>();
    boolean objects = false;
    int runs = 5;
    int images = 600;
    EmotionModel emotionModel = null;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--objects" -> objects = true;
        case "--runs" -> runs = Integer.parseInt(args[++i]);
        case "--images" -> images = Integer.parseInt(args[++i]);
        case "--emotion-model" -> emotionModel = EmotionModel.find(args[++i]);
        default -> inputs.add(Path.of(args[i]));
      }
    }
    if (inputs.isEmpty()) {
      inputs.add(ModelStore.defaultStore().samplesDir("face-api-samples"));
    }
    List<Path> files = ImageFiles.expand(inputs);
    // the request raut analyze makes for the same options
    AnalysisRequest request = objects ? AnalysisRequest.objectsOnly()
        : AnalysisRequest.facesAndEmotions().withBuiltInEmotion(emotionModel);
    int cores = Runtime.getRuntime().availableProcessors();
    System.out.printf("%d images, %s, %d cores, %s, Java %s%n", files.size(),
        objects ? "objects" : "faces + emotions (" + request.emotionChoice().id() + ")",
        cores, System.getProperty("os.arch"), System.getProperty("java.version"));
    try (Engine engine = Engine.openDefault()) {
      engine.warmUp(request);
      Analyzer analyzer = new Analyzer(engine);
      stages(engine, files, request, runs, cores);
      double[] rates = new double[runs];
      BatchAnalyzer batch = new BatchAnalyzer(analyzer, cores);
      List<Path> work = new ArrayList<>();
      while (work.size() < images) {
        work.addAll(files);
      }
      batch.run(work.subList(0, Math.min(work.size(), 4 * cores * 4)), request, r -> { }, (d, t) -> { },
          new AtomicBoolean());
      for (int run = 0; run < runs; run++) {
        long start = System.nanoTime();
        batch.run(work, request, r -> { }, (d, t) -> { }, new AtomicBoolean());
        rates[run] = work.size() / ((System.nanoTime() - start) / 1e9);
      }
      System.out.printf("pipeline on %d threads: %.1f images/s (median of %d runs of %d images; runs %s)%n", cores,
          median(rates), runs, work.size(), Arrays.toString(Arrays.stream(rates).map(Math::round).toArray()));
    }
  }

  /**
   * Each stage alone, one thread: decode at the pipeline's resolution, detect, the request's
   * emotion model(s) as the pipeline reads them, objects; then the compute limit, the images/s
   * all cores would give if nothing but decode, detect and one emotion view per face ran.
   */
  private static void stages(Engine engine, List<Path> files, AnalysisRequest request, int runs, int cores)
      throws Exception {
    ImageDecoder decoder = new ImageDecoder();
    double[] decode = new double[runs];
    double[] detect = new double[runs];
    double[] emotion = new double[runs];
    double[] oneView = new double[runs];
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
            List<DetectedFace> found = engine.faceDetector(request.detector()).detect(image.mat());
            long t2 = System.nanoTime();
            emotions(engine, image.mat(), found, request.emotionChoice(), request.emotionViews());
            long t3 = System.nanoTime();
            emotions(engine, image.mat(), found, EmotionModel.MINI_XCEPTION, EmotionViews.SINGLE);
            long t4 = System.nanoTime();
            detect[run] += (t2 - t1) / 1e6;
            emotion[run] += (t3 - t2) / 1e6;
            oneView[run] += (t4 - t3) / 1e6;
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
      double perFace = faces == 0 ? 0 : median(emotion) / faces;
      double viewPerFace = faces == 0 ? 0 : median(oneView) / faces;
      System.out.printf(", detect %.2f ms, emotion %.2f ms per face (%s, %s; %d faces), one mini-Xception view %.2f ms"
              + " per face%n", median(detect) / n, perFace, request.emotionChoice().id(), request.emotionViews(), faces,
          viewPerFace);
      double limitMs = (median(decode) + median(detect) + median(oneView)) / n;
      System.out.printf("compute limit (decode + detect + one emotion view per face, %d cores): %.1f images/s%n", cores,
          cores * 1000 / limitMs);
    }
    if (request.objects()) {
      System.out.printf(", objects %.2f ms%n", median(objects) / n);
    }
    if (!request.faces() && !request.objects()) {
      System.out.println();
    }
  }

  /** The built-in emotions as the analyzer reads them (crops as {@code Analyzer} cuts them for found faces). */
  private static void emotions(Engine engine, Mat bgr, List<DetectedFace> faces, EmotionModel model, EmotionViews views) {
    if (model != EmotionModel.FACE_EXPRESSION) {
      engine.emotion().classify(bgr, faces, FaceCrop.DETECTED_FACE, views);
    }
    if (model != EmotionModel.MINI_XCEPTION) {
      engine.faceExpression().classify(bgr, faces, Engine.FACE_NETWORK_CROP, views);
    }
  }

  private static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    return sorted[sorted.length / 2];
  }
}
