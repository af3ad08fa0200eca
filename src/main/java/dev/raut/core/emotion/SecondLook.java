package dev.raut.core.emotion;

import dev.raut.core.face.DetectedFace;
import java.util.ArrayList;
import java.util.List;
import org.opencv.core.Mat;

/**
 * {@link EmotionViews#FAST}: each face read as cut, and again mirrored only where that first look
 * is unsure. A face the network reads with a top probability of {@code mirrorBelow} or more keeps
 * that answer; the others get the mean of both looks, as when every face was read twice. Measured
 * with {@code dev.raut.bench.EmotionGateProbe} (docs/bench/emotion-gate.txt): within 0.3 points of
 * reading every face twice on the dev photos and FER2013, with a third to three fifths of the faces
 * read twice.
 */
public final class SecondLook {
  /**
   * The blend's bar, on the mean of both networks' first looks: within 0.2 points of reading every
   * face twice on the dev photos and on FER2013's crops (62.40% against 62.27%, 65.00% against
   * 64.98%), with 54% and 43% of them read twice. (Each network deciding alone, at its own bar,
   * lost 1.9 points on FER2013.)
   */
  static final double BLEND_MIRROR_BELOW = 0.7;

  private SecondLook() {
  }

  /** FAST with both networks: their first looks blended, and both read mirrored where the blend is unsure. */
  public static List<EmotionPrediction> blended(EmotionClassifier mini, FaceExpressionClassifier expression, Mat bgr,
      List<DetectedFace> faces, FaceCrop miniCrop, FaceCrop expressionCrop) {
    if (faces.isEmpty()) {
      return List.of();
    }
    return whereUnsure(faces, BLEND_MIRROR_BELOW, (some, look) -> EmotionPrediction.blend(
        mini.read(bgr, some, miniCrop, look), expression.read(bgr, some, expressionCrop, look)));
  }

  /** A network's reading of some faces, one look at each ({@link FaceLooks#CENTRED} or {@link FaceLooks#MIRRORED}). */
  @FunctionalInterface
  interface Reader {
    List<EmotionPrediction> read(List<DetectedFace> faces, FaceLooks look);
  }

  static List<EmotionPrediction> whereUnsure(List<DetectedFace> faces, double mirrorBelow, Reader network) {
    List<EmotionPrediction> first = network.read(faces, FaceLooks.CENTRED);
    List<Integer> unsure = new ArrayList<>();
    for (int i = 0; i < first.size(); i++) {
      if (first.get(i).score() < mirrorBelow) {
        unsure.add(i);
      }
    }
    if (unsure.isEmpty()) {
      return first;
    }
    List<EmotionPrediction> mirrored = network.read(unsure.stream().map(faces::get).toList(), FaceLooks.MIRRORED);
    List<EmotionPrediction> result = new ArrayList<>(first);
    List<EmotionPrediction> averaged = EmotionPrediction.blend(unsure.stream().map(first::get).toList(), mirrored);
    for (int k = 0; k < unsure.size(); k++) {
      result.set(unsure.get(k), averaged.get(k));
    }
    return result;
  }
}
