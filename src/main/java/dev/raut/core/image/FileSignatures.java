package dev.raut.core.image;

import dev.raut.core.image.ImageDecodeException.ErrorCode;
import dev.raut.core.text.Problem;
import java.util.List;

/**
 * Names common files that are not images Raut reads, so the error can say "This is a PDF
 * document" instead of a vague "unknown format".
 */
final class FileSignatures {
  private record Signature(int offset, String magic, ErrorCode code, String reasonKey) {
    boolean matches(byte[] data) {
      return ImageHeaders.startsWith(data, offset, magic);
    }
  }

  private static final List<Signature> KNOWN = List.of(
      new Signature(0, "%PDF", ErrorCode.NOT_AN_IMAGE, "errors.image.isPdf"),
      new Signature(0, "PK\u0003\u0004", ErrorCode.NOT_AN_IMAGE, "errors.image.isZip"),
      new Signature(0, "\u001f\u008b", ErrorCode.NOT_AN_IMAGE, "errors.image.isGzip"),
      new Signature(0, "Rar!", ErrorCode.NOT_AN_IMAGE, "errors.image.isRar"),
      new Signature(0, "7z\u00bc\u00af", ErrorCode.NOT_AN_IMAGE, "errors.image.is7zip"),
      new Signature(4, "ftypheic", ErrorCode.UNSUPPORTED_FORMAT, "errors.image.isHeic"),
      new Signature(4, "ftypheix", ErrorCode.UNSUPPORTED_FORMAT, "errors.image.isHeic"),
      new Signature(4, "ftypmif1", ErrorCode.UNSUPPORTED_FORMAT, "errors.image.isHeif"),
      new Signature(4, "ftypavif", ErrorCode.UNSUPPORTED_FORMAT, "errors.image.isAvif"),
      new Signature(4, "ftyp", ErrorCode.NOT_AN_IMAGE, "errors.image.isVideo"),
      new Signature(0, "8BPS", ErrorCode.UNSUPPORTED_FORMAT, "errors.image.isPsd"),
      new Signature(0, "\u0000\u0000\u0001\u0000", ErrorCode.UNSUPPORTED_FORMAT, "errors.image.isIco"),
      new Signature(4, "jP  ", ErrorCode.UNSUPPORTED_FORMAT, "errors.image.isJpeg2000"));

  /** Bytes looked at to decide whether a file is text. */
  private static final int TEXT_SNIFF_BYTES = 512;

  private FileSignatures() {}

  /** The error for content that is none of the supported image formats. */
  static ImageDecodeException notAnImage(byte[] data) {
    for (Signature signature : KNOWN) {
      if (signature.matches(data)) {
        return new ImageDecodeException(signature.code(), Problem.of(signature.reasonKey()));
      }
    }
    if (looksLikeText(data)) {
      return new ImageDecodeException(ErrorCode.NOT_AN_IMAGE, Problem.of("errors.image.isText"));
    }
    return new ImageDecodeException(ErrorCode.NOT_AN_IMAGE, Problem.of("errors.image.not_an_image"));
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
