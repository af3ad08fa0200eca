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

  /** An embedded image file's bytes, refused ({@code file_too_big}) past the decoder's file limit. */
  static byte[] readImageFile(java.io.InputStream in, DocumentLimits limits, String what)
      throws java.io.IOException, dev.raut.core.image.ImageDecodeException {
    long max = limits.decodeLimits().maxFileBytes();
    byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, max + 1));
    if (bytes.length > max) {
      throw new dev.raut.core.image.ImageDecodeException(dev.raut.core.image.ImageDecodeException.ErrorCode.FILE_TOO_BIG,
          what + " is more than " + max / (1024 * 1024) + " MB.");
    }
    return bytes;
  }
}
