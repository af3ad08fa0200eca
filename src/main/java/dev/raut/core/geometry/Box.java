package dev.raut.core.geometry;

/** An axis-aligned box in pixels: top-left corner, width and height. */
public record Box(double x, double y, double width, double height) {
  public double area() {
    return Math.max(0, width) * Math.max(0, height);
  }

  public double centerX() {
    return x + width / 2;
  }

  public double centerY() {
    return y + height / 2;
  }

  /** Intersection over union, 0 when the boxes don't touch. */
  public double iou(Box other) {
    double ix = Math.min(x + width, other.x + other.width) - Math.max(x, other.x);
    double iy = Math.min(y + height, other.y + other.height) - Math.max(y, other.y);
    if (ix <= 0 || iy <= 0) {
      return 0;
    }
    double inter = ix * iy;
    return inter / (area() + other.area() - inter);
  }

  public Box scaled(double factor) {
    return new Box(x * factor, y * factor, width * factor, height * factor);
  }

  /** The part of this box inside a width x height image. */
  public Box clippedTo(double imageWidth, double imageHeight) {
    double x1 = Math.max(0, x);
    double y1 = Math.max(0, y);
    double x2 = Math.min(imageWidth, x + width);
    double y2 = Math.min(imageHeight, y + height);
    return new Box(x1, y1, Math.max(0, x2 - x1), Math.max(0, y2 - y1));
  }
}
