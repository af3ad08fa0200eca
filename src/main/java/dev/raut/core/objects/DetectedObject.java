package dev.raut.core.objects;

import dev.raut.core.geometry.Box;

/** One object: its COCO label, confidence (0..1) and box. */
public record DetectedObject(String label, double score, Box box) {
  public DetectedObject scaled(double factor) {
    return new DetectedObject(label, score, box.scaled(factor));
  }
}
