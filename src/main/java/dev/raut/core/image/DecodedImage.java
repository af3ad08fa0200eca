package dev.raut.core.image;

import org.opencv.core.Mat;
import org.opencv.imgproc.Imgproc;

/**
 * A decoded, upright image: an 8-bit, 3-channel BGR, continuous OpenCV {@link Mat}, plus the
 * size of the original photo so results found on a reduced decode can be mapped back.
 *
 * <p>Ownership: this object owns the native pixel memory and frees it in {@link #close()}.
 * Use it in try-with-resources. {@link #mat()} lends the Mat: do not release it and do not
 * keep it past {@code close()}; clone it if it must outlive this object. Not thread-safe to
 * close while another thread reads pixels; reading from several threads is fine.
 */
public final class DecodedImage implements AutoCloseable {
  private final Mat bgr;
  private final ImageFormat format;
  private final int originalWidth;
  private final int originalHeight;
  private boolean closed;

  DecodedImage(Mat bgr, ImageFormat format, int originalWidth, int originalHeight) {
    this.bgr = bgr;
    this.format = format;
    this.originalWidth = originalWidth;
    this.originalHeight = originalHeight;
  }

  /**
   * Pixels decoded by someone else (a PDF's raw image samples, read by PDFBox), possibly reduced;
   * this object takes ownership of {@code bgr}. {@code format} is null when they came from no image file.
   */
  public static DecodedImage ofPixels(Mat bgr, ImageFormat format, int originalWidth, int originalHeight) {
    if (bgr.type() != org.opencv.core.CvType.CV_8UC3 || bgr.empty()) {
      throw new IllegalArgumentException("expected a non-empty 8-bit BGR Mat, got " + bgr);
    }
    return new DecodedImage(bgr, format, originalWidth, originalHeight);
  }

  /** The pixels, owned by this object (see class comment). */
  public Mat mat() {
    requireOpen();
    return bgr;
  }

  /** The file format, or null for pixels that came without one ({@link #ofPixels}). */
  public ImageFormat format() {
    return format;
  }

  /** Decoded width; smaller than {@link #originalWidth()} after a reduced decode. */
  public int width() {
    return bgr.cols();
  }

  public int height() {
    return bgr.rows();
  }

  /** Width of the photo as a person sees it (EXIF orientation applied), from the header. */
  public int originalWidth() {
    return originalWidth;
  }

  public int originalHeight() {
    return originalHeight;
  }

  /** Decoded / original width; divide a decoded x by it to get the original x. */
  public double scaleX() {
    return (double) width() / originalWidth;
  }

  /** Decoded / original height; divide a decoded y by it to get the original y. Differs from
   * {@link #scaleX()} only by rounding (reduced JPEG sizes are rounded up). */
  public double scaleY() {
    return (double) height() / originalHeight;
  }

  /** A copy of the pixels as interleaved RGB bytes, row by row. */
  public byte[] rgbPixels() {
    return convertedPixels(Imgproc.COLOR_BGR2RGB, 3);
  }

  /** A copy of the pixels as grey bytes (BT.601 luma), row by row. */
  public byte[] greyPixels() {
    return convertedPixels(Imgproc.COLOR_BGR2GRAY, 1);
  }

  private byte[] convertedPixels(int conversion, int channels) {
    requireOpen();
    Mat converted = new Mat();
    try {
      Imgproc.cvtColor(bgr, converted, conversion);
      byte[] pixels = new byte[width() * height() * channels];
      converted.get(0, 0, pixels);
      return pixels;
    } finally {
      converted.release();
    }
  }

  /** Frees the pixel memory; later calls do nothing. */
  @Override
  public void close() {
    if (!closed) {
      closed = true;
      bgr.release();
    }
  }

  private void requireOpen() {
    if (closed) {
      throw new IllegalStateException("DecodedImage is closed");
    }
  }
}
