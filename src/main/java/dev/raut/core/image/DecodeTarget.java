package dev.raut.core.image;

/**
 * How much resolution the caller needs, so the decoder may decode a smaller image when that
 * is cheaper (JPEG's DCT scaling by 2, 4 or 8). The decoder never goes below the target: the
 * caller still resizes to the exact size it needs, but from a smaller start.
 */
public final class DecodeTarget {
  private static final int[] REDUCTIONS_LARGEST_FIRST = {8, 4, 2};

  private enum Side { LONG, SHORT }

  private static final DecodeTarget FULL = new DecodeTarget(Side.LONG, 0);

  private final Side side;
  private final int minPixels;

  private DecodeTarget(Side side, int minPixels) {
    this.side = side;
    this.minPixels = minPixels;
  }

  /** Decode every pixel. */
  public static DecodeTarget fullResolution() {
    return FULL;
  }

  /** The caller fits the image into a {@code pixels}-sided box: keep the long side at least that big. */
  public static DecodeTarget longSideAtLeast(int pixels) {
    return new DecodeTarget(Side.LONG, requirePositive(pixels));
  }

  /** The caller needs the short side at least {@code pixels} long (e.g. a model's input size). */
  public static DecodeTarget shortSideAtLeast(int pixels) {
    return new DecodeTarget(Side.SHORT, requirePositive(pixels));
  }

  /** The largest of 1, 2, 4, 8 that still leaves the relevant side at least the target size. */
  int reductionFor(int width, int height) {
    if (this == FULL) {
      return 1;
    }
    int sidePixels = side == Side.LONG ? Math.max(width, height) : Math.min(width, height);
    for (int reduction : REDUCTIONS_LARGEST_FIRST) {
      // libjpeg rounds scaled sizes up
      if ((sidePixels + reduction - 1) / reduction >= minPixels) {
        return reduction;
      }
    }
    return 1;
  }

  private static int requirePositive(int pixels) {
    if (pixels <= 0) {
      throw new IllegalArgumentException("target size must be positive: " + pixels);
    }
    return pixels;
  }

  @Override
  public String toString() {
    return this == FULL ? "full resolution" : side.name().toLowerCase(java.util.Locale.ROOT) + " side >= " + minPixels;
  }
}
