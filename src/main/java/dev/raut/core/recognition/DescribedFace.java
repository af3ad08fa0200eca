package dev.raut.core.recognition;

import dev.raut.core.geometry.Box;

/** A face found in a photo: its box in the photo's own pixels and its 128-D descriptor. */
public record DescribedFace(Box box, double score, float[] descriptor) {
  public double area() {
    return box.width() * box.height();
  }
}
