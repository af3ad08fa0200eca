package dev.raut.core.camera;

import dev.raut.core.analysis.ImageAnalysis;
import java.util.Map;

/**
 * A face followed from frame to frame: a stable {@code id} and colour ({@code hue}, degrees), the
 * detection of this frame, and its emotion smoothed over the recent frames (null without emotions).
 */
public record TrackedFace(int id, double hue, ImageAnalysis.Face face, ImageAnalysis.Emotion smoothedEmotion) {}
