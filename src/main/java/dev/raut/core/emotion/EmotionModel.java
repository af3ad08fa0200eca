package dev.raut.core.emotion;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Which built-in network reads a face's emotion. Every choice answers in mini-Xception's labels
 * and order (angry, disgust, fear, happy, sad, surprise, neutral), so results, reports and the
 * blend line up whichever model ran. Measured on both test sets (README, "Emotion accuracy").
 */
public enum EmotionModel {
  /** oarriaga's mini-Xception, 64x64 grey, trained on FER2013's own tight grey crops. */
  MINI_XCEPTION("mini-xception"),
  /** face-api's FaceExpressionNet, 112x112 colour. */
  FACE_EXPRESSION("face-expression"),
  /** The mean of both models' probabilities, label by label. */
  BLEND("blend");

  private final String id;

  EmotionModel(String id) {
    this.id = id;
  }

  public String id() {
    return id;
  }

  /** The model for {@code id}, or null when it names no built-in model (it may name a user's model). */
  public static EmotionModel find(String id) {
    String wanted = id.strip().toLowerCase(Locale.ROOT);
    return Arrays.stream(values()).filter(m -> m.id.equals(wanted)).findFirst().orElse(null);
  }

  /** "mini-xception, face-expression, blend", for help and messages. */
  public static String ids() {
    return Arrays.stream(values()).map(EmotionModel::id).collect(Collectors.joining(", "));
  }
}
