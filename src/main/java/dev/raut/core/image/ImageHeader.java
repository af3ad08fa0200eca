package dev.raut.core.image;

/**
 * What the header of an image file says, read without decoding any pixels.
 *
 * @param format the format recognised from the content
 * @param storedWidth width as stored in the file, before EXIF orientation
 * @param storedHeight height as stored in the file, before EXIF orientation
 * @param orientation EXIF/TIFF orientation 1..8 (1 = as stored); only JPEG and TIFF carry one here
 */
public record ImageHeader(ImageFormat format, int storedWidth, int storedHeight, int orientation) {

  /** True when showing the image upright swaps width and height (orientations 5 to 8). */
  public boolean orientationSwapsSides() {
    return orientation >= 5 && orientation <= 8;
  }

  /** Width as a person sees the photo, EXIF orientation applied. */
  public int width() {
    return orientationSwapsSides() ? storedHeight : storedWidth;
  }

  /** Height as a person sees the photo, EXIF orientation applied. */
  public int height() {
    return orientationSwapsSides() ? storedWidth : storedHeight;
  }

  public long pixelCount() {
    return (long) storedWidth * storedHeight;
  }
}
