package dev.raut.app.gallery;

import dev.raut.core.document.DocumentException;
import dev.raut.core.document.DocumentFormat;
import dev.raut.core.document.DocumentPart;
import dev.raut.core.document.DocumentPhotos;
import dev.raut.core.document.DocumentSource;
import dev.raut.core.image.DecodeTarget;
import dev.raut.core.image.DecodedImage;
import dev.raut.core.image.ImageDecodeException;
import dev.raut.core.image.ImageDecoder;
import java.nio.file.Path;

/**
 * Where a card's pixels come from: a photo file, or one photo inside a document (read again from
 * the document when the card needs it, so the gallery keeps no document's photos in memory).
 */
record PhotoRef(Path file, DocumentPart part) {
  /** Made on first use, on a pool thread (it loads OpenCV's native library). */
  private static final class Documents {
    static final DocumentPhotos PHOTOS = new DocumentPhotos();
  }

  static PhotoRef of(Path file) {
    return new PhotoRef(file, null);
  }

  static DocumentPhotos documents() {
    return Documents.PHOTOS;
  }

  /** "sample1.jpg", "report.pdf — page 3, photo 2". */
  String label() {
    Path name = file.getFileName();
    return DocumentPart.label(name == null ? file.toString() : name.toString(), part);
  }

  /** The upright pixels; the caller closes them. Off the FX thread. */
  DecodedImage decode(ImageDecoder decoder, DecodeTarget target) throws ImageDecodeException {
    if (part == null) {
      return decoder.decode(file, target);
    }
    try {
      return documents().readOne(DocumentSource.of(file), DocumentFormat.of(file), part).decode(decoder, target, label());
    } catch (DocumentException e) {
      throw new ImageDecodeException(ImageDecodeException.ErrorCode.UNREADABLE, e.getMessage(), e).about(label());
    }
  }
}
