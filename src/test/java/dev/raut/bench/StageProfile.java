package dev.raut.bench;

import dev.raut.core.analysis.AnalysisRequest;
import dev.raut.core.analysis.Analyzer;
import dev.raut.core.analysis.DetectorChoice;
import dev.raut.core.analysis.Engine;
import dev.raut.core.analysis.ImageAnalysis;
import dev.raut.core.analysis.ResultJson;
import dev.raut.core.emotion.EmotionModel;
import dev.raut.core.emotion.EmotionViews;
import dev.raut.core.emotion.FaceCrop;
import dev.raut.core.face.DetectedFace;
import dev.raut.core.image.DecodeTarget;
import dev.raut.core.image.DecodedImage;
import dev.raut.core.image.ImageDecoder;
import dev.raut.core.image.ImageFiles;
import dev.raut.core.model.ModelCatalog;
import dev.raut.core.model.ModelCard;
import dev.raut.core.model.ModelStore;
import dev.raut.core.onnx.OnnxModel;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Exploratory: thread CPU time of each step, one thread, so a loaded machine moves the figures less. */
public final class StageProfile {
  private static final ThreadMXBean CPU = ManagementFactory.getThreadMXBean();
  private static final Map<String, double[]> MS = new LinkedHashMap<>();

  private interface Step {
    void run() throws Exception;
  }

  private static void time(String name, Step step) throws Exception {
    long t0 = CPU.getCurrentThreadCpuTime();
    step.run();
    double ms = (CPU.getCurrentThreadCpuTime() - t0) / 1e6;
    double[] acc = MS.computeIfAbsent(name, k -> new double[2]);
    acc[0] += ms;
    acc[1]++;
  }

  public static void main(String[] args) throws Exception {
    List<Path> files = ImageFiles.expand(List.of(Path.of(args[0])));
    int rounds = Integer.parseInt(args.length > 1 ? args[1] : "3");
    ModelStore store = ModelStore.defaultStore();
    ModelCatalog catalog = ModelCatalog.defaults();
    Map<String, OnnxModel> raw = new LinkedHashMap<>();
    for (String id : List.of(ModelCatalog.FACE_BACK, ModelCatalog.FACE_FRONT, ModelCatalog.EMOTION, ModelCatalog.FACE_EXPRESSION)) {
      ModelCard card = catalog.get(id);
      raw.put(id, OnnxModel.load(store.artifact(id, card.artifact().file()), id, 1));
      if (id.startsWith("face-") && !id.equals(ModelCatalog.FACE_EXPRESSION)) {
        raw.put(id + " widened", OnnxModel.loadWidened(store.artifact(id, card.artifact().file()), id, 1));
      }
    }
    try (Engine engine = Engine.openDefault()) {
      AnalysisRequest mini = AnalysisRequest.facesAndEmotions().withBuiltInEmotion(EmotionModel.MINI_XCEPTION);
      AnalysisRequest blend = AnalysisRequest.facesAndEmotions();
      engine.warmUp(blend);
      Analyzer analyzer = new Analyzer(engine);
      ImageDecoder decoder = new ImageDecoder();
      DecodeTarget target = Analyzer.decodeTargetFor(mini);
      for (int round = 0; round < rounds + 1; round++) {
        if (round == 1) {
          MS.clear(); // round 0 warms up
        }
        for (Path file : files) {
          byte[][] bytes = new byte[1][];
          time("read file", () -> bytes[0] = Files.readAllBytes(file));
          time("probe header", () -> decoder.probe(bytes[0], "x"));
          time("imdecode reduced 4 only", () -> {
            org.opencv.core.MatOfByte m = new org.opencv.core.MatOfByte(bytes[0]);
            org.opencv.core.Mat d = org.opencv.imgcodecs.Imgcodecs.imdecode(m, org.opencv.imgcodecs.Imgcodecs.IMREAD_REDUCED_COLOR_4);
            d.release();
            m.release();
          });
          time("imdecode reduced 4 no EXIF", () -> {
            org.opencv.core.MatOfByte m = new org.opencv.core.MatOfByte(bytes[0]);
            org.opencv.core.Mat d = org.opencv.imgcodecs.Imgcodecs.imdecode(m,
                org.opencv.imgcodecs.Imgcodecs.IMREAD_REDUCED_COLOR_4 | org.opencv.imgcodecs.Imgcodecs.IMREAD_IGNORE_ORIENTATION);
            d.release();
            m.release();
          });
          DecodedImage[] img = new DecodedImage[1];
          time("decode (checks + imdecode)", () -> img[0] = decoder.decode(bytes[0], "x", target));
          try (DecodedImage image = img[0]) {
            List<DetectedFace>[] faces = new List[1];
            time("detect auto", () -> faces[0] = engine.faceDetector(DetectorChoice.AUTO).detect(image.mat()));
            time("detect back only", () -> engine.faceDetector(DetectorChoice.BACK).detect(image.mat()));
            time("mini 1 view", () -> engine.emotion().classify(image.mat(), faces[0], FaceCrop.DETECTED_FACE, EmotionViews.SINGLE));
            time("mini 2 views (TWICE)", () -> engine.emotion().classify(image.mat(), faces[0], FaceCrop.DETECTED_FACE, EmotionViews.TWICE));
            time("fen 1 view", () -> engine.faceExpression().classify(image.mat(), faces[0], Engine.FACE_NETWORK_CROP, EmotionViews.SINGLE));
            time("fen 2 views (TWICE)", () -> engine.faceExpression().classify(image.mat(), faces[0], Engine.FACE_NETWORK_CROP, EmotionViews.TWICE));
            MS.computeIfAbsent("faces", k -> new double[2])[0] += faces[0].size();
          }
          ImageAnalysis[] r = new ImageAnalysis[1];
          time("analyze mini (file)", () -> r[0] = analyzer.analyze(file, mini));
          time("analyze blend (file)", () -> analyzer.analyze(file, blend));
          time("json line", () -> ResultJson.line(r[0]));
        }
        for (Map.Entry<String, OnnxModel> m : raw.entrySet()) {
          long[] shape = m.getValue().inputShape();
          shape[0] = 1;
          int n = 1;
          for (long s : shape) {
            n *= (int) s;
          }
          float[] input = new float[n];
          for (int i = 0; i < 20; i++) {
            time("ort " + m.getKey() + " n=1", () -> m.getValue().run(input, shape));
          }
          if (m.getValue().inputShape()[0] == 1) {
            continue; // fixed batch of one
          }
          long[] shape2 = shape.clone();
          shape2[0] = 2;
          float[] input2 = new float[2 * n];
          for (int i = 0; i < 20; i++) {
            time("ort " + m.getKey() + " n=2", () -> m.getValue().run(input2, shape2));
          }
        }
      }
      int images = files.size() * rounds;
      System.out.printf("%d files x %d rounds, %.2f faces per image; thread CPU ms per call%n", files.size(), rounds,
          MS.get("faces")[0] / images);
      MS.forEach((k, v) -> {
        if (!k.equals("faces")) {
          System.out.printf("  %-28s %8.3f%n", k, v[0] / v[1]);
        }
      });
    }
    raw.values().forEach(OnnxModel::close);
  }
}
