package dev.raut.bench;

import dev.raut.core.analysis.Analyzer;
import dev.raut.core.analysis.DetectorChoice;
import dev.raut.core.analysis.Engine;
import dev.raut.core.emotion.EmotionModel;
import dev.raut.core.emotion.EmotionPrediction;
import dev.raut.core.emotion.FaceCrop;
import dev.raut.core.emotion.SecondLook;
import dev.raut.core.face.DetectedFace;
import dev.raut.core.geometry.Box;
import dev.raut.core.evaluate.LabelledImage;
import org.opencv.core.Mat;
import org.opencv.imgcodecs.Imgcodecs;
import dev.raut.core.emotion.EmotionViews;
import dev.raut.core.evaluate.Dataset;
import dev.raut.core.evaluate.DatasetReader;
import dev.raut.core.evaluate.EvaluationResult;
import dev.raut.core.evaluate.EvaluationRunner;
import dev.raut.core.evaluate.EvaluationSettings;
import dev.raut.core.evaluate.EvaluationTask;
import dev.raut.core.evaluate.ImagePrediction;
import dev.raut.core.evaluate.LabelMap;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Reading the mirrored view only where the centred one is unsure (FAST): for each threshold, the
 * accuracy (the same scoring as {@code raut evaluate}) and the share of faces that would be read
 * twice, from one SINGLE and one TWICE run per set, combined per image (a face whose centred top
 * score reaches the threshold keeps the single view's answer, the others the two views'); then
 * FAST as shipped (its bars: EmotionClassifier, FaceExpressionClassifier, SecondLook), for comparison:
 * {@code mvn -q -B test-compile exec:java -Dexec.classpathScope=test -Dexec.mainClass=dev.raut.bench.EmotionGateProbe
 * -Dexec.args="../shared/data/faces-emotion-dev/labels.csv ../shared/data/fer2013-publictest [MODEL]"}.
 */
public final class EmotionGateProbe {
  private static final double[] THRESHOLDS = {0, 0.5, 0.6, 0.7, 0.75, 0.8, 0.85, 0.9, 0.95, 1.01};

  private EmotionGateProbe() {}

  public static void main(String[] args) throws Exception {
    Path photos = Path.of(args[0]);
    Path crops = Path.of(args[1]);
    try (Engine engine = Engine.openDefault()) {
      EvaluationRunner runner = new EvaluationRunner(new Analyzer(engine), Runtime.getRuntime().availableProcessors());
      EmotionModel[] models = args.length > 2 ? new EmotionModel[] {EmotionModel.find(args[2])} : EmotionModel.values();
      for (EmotionModel model : models) {
        sweep(runner, "faces-emotion-dev", photos, DetectorChoice.AUTO, model);
        sweep(runner, "fer2013-publictest", crops, DetectorChoice.NONE, model);
        fastOnCrops(engine, crops, model);
      }
    }
  }

  private static void sweep(EvaluationRunner runner, String set, Path path, DetectorChoice detector, EmotionModel model) {
    Dataset data = DatasetReader.read(path);
    List<ImagePrediction> one = run(runner, data, detector, model, EmotionViews.SINGLE);
    List<ImagePrediction> two = run(runner, data, detector, model, EmotionViews.TWICE);
    Map<Path, ImagePrediction> twoByFile = new HashMap<>();
    two.forEach(p -> twoByFile.put(p.file(), p));
    for (double threshold : THRESHOLDS) {
      int correct = 0;
      int faces = 0;
      int mirrored = 0;
      for (ImagePrediction single : one) {
        ImagePrediction both = twoByFile.get(single.file());
        if (!single.isPredicted()) {
          continue;
        }
        faces++;
        boolean sure = single.confidence() >= threshold;
        mirrored += sure ? 0 : 1;
        if ((sure ? single : both).correct()) {
          correct++;
        }
      }
      System.out.printf("%s, %s, mirror below %.2f: %.2f%% (%d of %d), %.1f%% of %d faces read twice%n", set, model.id(),
          threshold, 100.0 * correct / one.size(), correct, one.size(), 100.0 * mirrored / Math.max(1, faces), faces);
    }
    List<ImagePrediction> fast = run(runner, data, detector, model, EmotionViews.FAST);
    long right = fast.stream().filter(ImagePrediction::correct).count();
    System.out.printf("%s, %s, the analyser's default (FAST; THOROUGH for --detector none): %.2f%% (%d of %d)%n", set,
        model.id(), 100.0 * right / fast.size(), right,
        fast.size());
  }

  /** FER2013's crops read whole with FAST itself (the analyser reads such crops THOROUGH by default). */
  private static void fastOnCrops(Engine engine, Path path, EmotionModel model) {
    Dataset data = DatasetReader.read(path);
    int correct = 0;
    for (LabelledImage image : data.images()) {
      Mat bgr = Imgcodecs.imread(image.file().toString());
      try {
        List<DetectedFace> whole = List.of(new DetectedFace(new Box(0, 0, bgr.cols(), bgr.rows()), 1, List.of()));
        correct += read(engine, bgr, whole, model).label().equals(image.label()) ? 1 : 0;
      } finally {
        bgr.release();
      }
    }
    System.out.printf("fer2013-publictest, %s, FAST as shipped (crops read FAST, not THOROUGH): %.2f%% (%d of %d)%n",
        model.id(), 100.0 * correct / data.images().size(), correct, data.images().size());
  }

  private static EmotionPrediction read(Engine engine, Mat bgr, List<DetectedFace> whole, EmotionModel model) {
    return switch (model) {
      case MINI_XCEPTION -> engine.emotion().classify(bgr, whole, FaceCrop.WHOLE_IMAGE, EmotionViews.FAST).get(0);
      case FACE_EXPRESSION ->
          engine.faceExpression().classify(bgr, whole, FaceCrop.WHOLE_IMAGE, EmotionViews.FAST).get(0);
      case BLEND -> SecondLook.blended(engine.emotion(), engine.faceExpression(), bgr, whole, FaceCrop.WHOLE_IMAGE,
          FaceCrop.WHOLE_IMAGE).get(0);
    };
  }

  private static List<ImagePrediction> run(EvaluationRunner runner, Dataset data, DetectorChoice detector,
      EmotionModel model, EmotionViews views) {
    EvaluationSettings settings = new EvaluationSettings(EvaluationTask.EMOTION, detector, null, LabelMap.empty(),
        0.3, views, model);
    EvaluationResult result = runner.run(data, settings, (done, total) -> { }, new AtomicBoolean());
    return result.predictions();
  }
}
