package dev.raut.core.camera;

import dev.raut.core.analysis.ImageAnalysis;
import java.util.List;

/**
 * A face followed from frame to frame: a stable {@code id} and colour ({@code hue}, degrees), the
 * detection of this frame, its emotion smoothed over the recent frames (null without emotions),
 * and the classes of a per-face classifier smoothed the same way (empty without one).
 */
public record TrackedFace(int id, double hue, ImageAnalysis.Face face, ImageAnalysis.Emotion smoothedEmotion,
    List<ImageAnalysis.ClassScore> smoothedClasses) {

  public TrackedFace {
    smoothedClasses = smoothedClasses == null ? List.of() : List.copyOf(smoothedClasses);
  }

  public TrackedFace(int id, double hue, ImageAnalysis.Face face, ImageAnalysis.Emotion smoothedEmotion) {
    this(id, hue, face, smoothedEmotion, List.of());
  }
}
