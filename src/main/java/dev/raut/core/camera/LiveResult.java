package dev.raut.core.camera;

import dev.raut.core.analysis.ImageAnalysis;
import java.util.List;

/**
 * The analysis of one frame, matched to it by {@code frameIndex}: coordinates are in that frame's
 * pixels. {@code faces} are the tracked faces in the order of {@code analysis.faces()}. {@code scene}
 * is the frame's {@link Frame#scene()}: a result must not be drawn over a frame of another scene.
 */
public record LiveResult(
    long frameIndex, double timestampMs, long capturedNanos, double latencyMs, ImageAnalysis analysis,
    List<TrackedFace> faces, long scene) {
  public LiveResult {
    faces = List.copyOf(faces);
  }
}
