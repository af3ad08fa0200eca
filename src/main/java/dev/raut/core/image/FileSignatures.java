package dev.raut.core.image;

import dev.raut.core.image.ImageDecodeException.ErrorCode;
import java.util.List;

/**
 * Names common files that are not images Raut reads, so the error can say "This is a PDF
 * document" instead of a vague "unknown format".
 */
final class FileSignatures {
  private record Signature(int offset, String magic, ErrorCode code, String reason) {
    boolean matches(byte[] data) {
      return ImageHeaders.startsWith(data, offset, magic);
    }
  }

  private static final String CONVERT_HINT = " Convert it to JPEG or PNG first.";
  private static final List<Signature> KNOWN = List.of(
      new Signature(0, "%PDF", ErrorCode.NOT_AN_IMAGE, "This is a PDF document, not an image."),
      new Signature(0, "PK\u0003\u0004", ErrorCode.NOT_AN_IMAGE,
          "This is a ZIP archive (or an Office document), not an image."),
      new Signature(0, "\u001f\u008b", ErrorCode.NOT_AN_IMAGE, "This is a gzip archive, not an image."),
      new Signature(0, "Rar!", ErrorCode.NOT_AN_IMAGE, "This is a RAR archive, not an image."),
      new Signature(0, "7z\u00bc\u00af", ErrorCode.NOT_AN_IMAGE, "This is a 7-Zip archive, not an image."),
      new Signature(4, "ftypheic", ErrorCode.UNSUPPORTED_FORMAT,
          "This is a HEIC photo, which Raut cannot read." + CONVERT_HINT),
      new Signature(4, "ftypheix", ErrorCode.UNSUPPORTED_FORMAT,
          "This is a HEIC photo, which Raut cannot read." + CONVERT_HINT),
      new Signature(4, "ftypmif1", ErrorCode.UNSUPPORTED_FORMAT,
          "This is a HEIF image, which Raut cannot read." + CONVERT_HINT),
      new Signature(4, "ftypavif", ErrorCode.UNSUPPORTED_FORMAT,
          "This is an AVIF image, which Raut cannot read." + CONVERT_HINT),
      new Signature(4, "ftyp", ErrorCode.NOT_AN_IMAGE, "This is a video file, not an image."),
      new Signature(0, "8BPS", ErrorCode.UNSUPPORTED_FORMAT,
          "This is a Photoshop (PSD) file, which Raut cannot read." + CONVERT_HINT),
      new Signature(0, "\u0000\u0000\u0001\u0000", ErrorCode.UNSUPPORTED_FORMAT,
          "This is a Windows icon (ICO), which Raut cannot read." + CONVERT_HINT),
      new Signature(4, "jP  ", ErrorCode.UNSUPPORTED_FORMAT,
          "This is a JPEG 2000 image, which Raut cannot read." + CONVERT_HINT));

  /** Bytes looked at to decide whether a file is text. */
  private static final int TEXT_SNIFF_BYTES = 512;

  private FileSignatures() {}

  /** The error for content that is none of the supported image formats. */
  static ImageDecodeException notAnImage(byte[] data) {
    for (Signature signature : KNOWN) {
      if (signature.matches(data)) {
        return new ImageDecodeException(signature.code(), signature.reason());
      }
    }
    if (looksLikeText(data)) {
      return new ImageDecodeException(ErrorCode.NOT_AN_IMAGE, "This is a text file, not an image.");
    }
    return new ImageDecodeException(ErrorCode.NOT_AN_IMAGE,
        "This file is not an image Raut can read (it is not JPEG, PNG, BMP, GIF, TIFF or WebP).");
  }

  private static boolean looksLikeText(byte[] data) {
    int end = Math.min(data.length, TEXT_SNIFF_BYTES);
    for (int i = 0; i < end; i++) {
      int b = data[i] & 0xFF;
      // control characters other than tab, line feed, carriage return do not occur in text
      if (b < 0x20 && b != '\t' && b != '\n' && b != '\r') {
        return false;
      }
    }
    return end > 0;
  }
}
