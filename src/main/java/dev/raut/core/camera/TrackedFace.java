package dev.raut.core.camera;

import dev.raut.core.analysis.ImageAnalysis;
import java.util.List;
import java.util.Locale;

/**
 * A face followed from frame to frame: a stable {@code id} and colour ({@code hue}, degrees), the
 * detection of this frame, its emotion smoothed over the recent frames (null without emotions),
 * the classes of a per-face classifier smoothed the same way (empty without one), and its apparent
 * age and gender smoothed the same way (null unless age/gender was asked for).
 */
public record TrackedFace(int id, double hue, ImageAnalysis.Face face, ImageAnalysis.Emotion smoothedEmotion,
    List<ImageAnalysis.ClassScore> smoothedClasses, Double smoothedAge, ImageAnalysis.ClassScore smoothedGender) {

  public TrackedFace {
    smoothedClasses = smoothedClasses == null ? List.of() : List.copyOf(smoothedClasses);
  }

  public TrackedFace(int id, double hue, ImageAnalysis.Face face, ImageAnalysis.Emotion smoothedEmotion,
      List<ImageAnalysis.ClassScore> smoothedClasses) {
    this(id, hue, face, smoothedEmotion, smoothedClasses, null, null);
  }

  public TrackedFace(int id, double hue, ImageAnalysis.Face face, ImageAnalysis.Emotion smoothedEmotion) {
    this(id, hue, face, smoothedEmotion, List.of());
  }

  /**
   * The overlay's words for this face, parts joined by {@code separator}: the smoothed emotion (or
   * the detection score), a per-face classifier's top class, age and gender ("happy 92% · 34 y F").
   * ASCII apart from the separator, since the recordings' OpenCV fonts have no other characters.
   */
  public String caption(String separator) {
    StringBuilder text = new StringBuilder(smoothedEmotion == null ? "face " + percent(face.score())
        : smoothedEmotion.label() + " " + percent(smoothedEmotion.score()));
    if (!smoothedClasses.isEmpty()) {
      ImageAnalysis.ClassScore top = smoothedClasses.get(0);
      text.append(separator).append(top.label()).append(' ').append(percent(top.score()));
    }
    if (smoothedAge != null && smoothedGender != null) {
      text.append(separator).append(Math.round(smoothedAge)).append(" y ")
          .append(smoothedGender.label().equals("female") ? "F" : "M");
    }
    return text.toString();
  }

  static String percent(double score) {
    return String.format(Locale.ROOT, "%.0f%%", score * 100);
  }
}
