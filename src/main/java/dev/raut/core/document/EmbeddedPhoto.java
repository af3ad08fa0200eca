package dev.raut.core.document;

import dev.raut.core.image.DecodeTarget;
import dev.raut.core.image.DecodedImage;
import dev.raut.core.image.ImageDecodeException;
import dev.raut.core.image.ImageDecoder;
import org.opencv.core.CvType;
import org.opencv.core.Mat;

/**
 * One photo taken out of a document, holding only its own bytes (the document is closed or has
 * moved on): either an image file as the document stores it (a JPEG, PNG...), decoded by the
 * photo decoder with all its checks; or pixels PDFBox decoded from a PDF's raw samples; or the
 * reason its pixels could not be had, so the photo becomes an error result and the rest go on.
 */
public final class EmbeddedPhoto {
  private final DocumentPart part;
  private final byte[] encoded;
  private final byte[] bgr;
  private final int width;
  private final int height;
  private final int originalWidth;
  private final int originalHeight;
  private final ImageDecodeException problem;

  private EmbeddedPhoto(DocumentPart part, byte[] encoded, byte[] bgr, int width, int height, int originalWidth,
      int originalHeight, ImageDecodeException problem) {
    this.part = part;
    this.encoded = encoded;
    this.bgr = bgr;
    this.width = width;
    this.height = height;
    this.originalWidth = originalWidth;
    this.originalHeight = originalHeight;
    this.problem = problem;
  }

  /** An image file as stored in the document (JPEG, PNG, GIF, BMP, TIFF, WebP). */
  static EmbeddedPhoto encoded(DocumentPart part, byte[] file) {
    return new EmbeddedPhoto(part, file, null, 0, 0, 0, 0, null);
  }

  /** Interleaved BGR pixels, {@code width × height}, read (possibly reduced) from an image of the original size. */
  static EmbeddedPhoto pixels(DocumentPart part, byte[] bgr, int width, int height, int originalWidth, int originalHeight) {
    return new EmbeddedPhoto(part, null, bgr, width, height, originalWidth, originalHeight, null);
  }

  /** A photo whose pixels could not be read. */
  static EmbeddedPhoto failed(DocumentPart part, ImageDecodeException problem) {
    return new EmbeddedPhoto(part, null, null, 0, 0, 0, 0, problem);
  }

  public DocumentPart part() {
    return part;
  }

  /** The image file's bytes when the document stores one, else null. */
  public byte[] encodedBytes() {
    return encoded;
  }

  /**
   * The upright pixels, at no less than {@code target} where the format allows a cheaper decode.
   * The caller owns (closes) the result.
   *
   * @param name the photo's name in error messages, e.g. "report.pdf — page 3, photo 2"
   * @throws ImageDecodeException when its pixels cannot be read (too large, damaged, unsupported)
   */
  public DecodedImage decode(ImageDecoder decoder, DecodeTarget target, String name) throws ImageDecodeException {
    if (problem != null) {
      throw problem.about(name);
    }
    if (encoded != null) {
      return decoder.decode(encoded, name, target);
    }
    Mat mat = new Mat(height, width, CvType.CV_8UC3);
    try {
      mat.put(0, 0, bgr);
      return DecodedImage.ofPixels(mat, null, originalWidth, originalHeight);
    } catch (RuntimeException e) {
      mat.release();
      throw e;
    }
  }
}
