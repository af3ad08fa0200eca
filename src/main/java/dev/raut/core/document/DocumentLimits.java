package dev.raut.core.document;

import dev.raut.core.image.DecodeLimits;

/**
 * What counts as a photo, and what a document may make Raut read.
 *
 * @param minPhotoSide images whose shorter side is under this many pixels are icons, bullets or
 *     logos: skipped and counted, not analysed (default 64: no face worth reading fits in less)
 * @param decodeLimits the photo decoder's limits, applied to every embedded image (pixel count
 *     before anything is decoded; bytes of an embedded image file)
 */
public record DocumentLimits(int minPhotoSide, DecodeLimits decodeLimits) {
  public static final DocumentLimits DEFAULT = new DocumentLimits(64, DecodeLimits.DEFAULT);

  public DocumentLimits {
    if (minPhotoSide < 1) {
      throw new IllegalArgumentException("the smallest photo side must be positive: " + minPhotoSide);
    }
  }
}
