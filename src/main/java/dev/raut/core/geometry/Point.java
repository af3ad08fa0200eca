package dev.raut.core.geometry;

/** A point in pixels. */
public record Point(double x, double y) {
  public Point scaled(double factor) {
    return new Point(x * factor, y * factor);
  }
}
