package dev.raut.core.image;

/**
 * Guards against files that would exhaust memory. Both are checked before any pixel memory is
 * allocated: the file size from the file system, the pixel count from the image header.
 *
 * @param maxPixels largest width × height accepted (default 100 megapixels)
 * @param maxFileBytes largest file accepted, in bytes (default 512 MiB)
 */
public record DecodeLimits(long maxPixels, long maxFileBytes) {
  public static final DecodeLimits DEFAULT = new DecodeLimits(100_000_000L, 512L * 1024 * 1024);

  /** Java arrays hold at most this many bytes. */
  private static final long MAX_ARRAY_BYTES = Integer.MAX_VALUE - 8;

  public DecodeLimits {
    if (maxPixels <= 0 || maxFileBytes <= 0 || maxFileBytes > MAX_ARRAY_BYTES) {
      throw new IllegalArgumentException(
          "limits must be positive and at most " + MAX_ARRAY_BYTES + " bytes: " + maxPixels + ", " + maxFileBytes);
    }
  }

  /**
   * Refuses an image whose declared size is over {@link #maxPixels()}, before any pixel memory is
   * allocated: a photo's header, or an image inside a document.
   */
  public void requirePixelsWithin(int width, int height) throws ImageDecodeException {
    long pixels = (long) width * height;
    if (pixels > maxPixels) {
      throw new ImageDecodeException(ImageDecodeException.ErrorCode.TOO_LARGE, dev.raut.core.text.Problem.of(
          "errors.image.tooManyPixels", width, height, pixels / 1e6, maxPixels / 1e6));
    }
  }

  public DecodeLimits withMaxPixels(long pixels) {
    return new DecodeLimits(pixels, maxFileBytes);
  }

  public DecodeLimits withMaxFileBytes(long bytes) {
    return new DecodeLimits(maxPixels, bytes);
  }
}
