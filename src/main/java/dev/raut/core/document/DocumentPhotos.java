package dev.raut.core.document;

import dev.raut.core.document.DocumentException.ErrorCode;
import dev.raut.core.image.ImageDecoder;
import dev.raut.core.text.Problem;

/**
 * Takes the photos out of PDF, Word, PowerPoint and Excel files, one at a time, so a 500-page PDF
 * never has more than the photos its reader keeps in flight in memory. Everything wrong with the
 * document as a whole is a {@link DocumentException}; what is wrong with one photo travels with
 * that photo ({@link EmbeddedPhoto#decode}), and the others go on. Thread-safe; each call reads
 * its document on the calling thread.
 */
public final class DocumentPhotos {
  private final DocumentLimits limits;
  /** Reads embedded pictures' headers only (size, to skip icons); decoding is the caller's. */
  private final ImageDecoder headers;

  public DocumentPhotos() {
    this(DocumentLimits.DEFAULT);
  }

  public DocumentPhotos(DocumentLimits limits) {
    this.limits = limits;
    this.headers = new ImageDecoder(limits.decodeLimits());
  }

  /**
   * Hands on each photo as it is read, in document order, until the sink says stop.
   *
   * @return what was found and skipped
   * @throws DocumentException when the document cannot be read, or holds no photo at all
   *     ({@code no_photos}, saying what was skipped)
   */
  public DocumentSummary read(DocumentSource source, DocumentFormat format, PhotoSink sink) throws DocumentException {
    DocumentSummary summary = readAll(source, format, 0, sink);
    if (summary.photos() == 0) {
      throw new DocumentException(ErrorCode.NO_PHOTOS, summary.skippedAny()
          ? Problem.of("errors.document.noPhotosSkipped", format.nameProblem(), summary.skipped())
          : Problem.of("errors.document.noPhotos", format.nameProblem()), null);
    }
    return summary;
  }

  /** One photo again (a gallery card's pixels), reading only as far as it (for a PDF, only its page). */
  public EmbeddedPhoto readOne(DocumentSource source, DocumentFormat format, DocumentPart part)
      throws DocumentException {
    EmbeddedPhoto[] found = new EmbeddedPhoto[1];
    readAll(source, format, part.page() != null && format == DocumentFormat.PDF ? part.page() : 0, photo -> {
      if (photo.part().equals(part)) {
        found[0] = photo;
        return false;
      }
      return true;
    });
    if (found[0] == null) {
      throw new DocumentException(ErrorCode.NOT_FOUND, Problem.of("errors.document.partGone", format.nameProblem(),
          part.describeProblem(source.name())), null);
    }
    return found[0];
  }

  private DocumentSummary readAll(DocumentSource source, DocumentFormat format, int onlyPage, PhotoSink sink)
      throws DocumentException {
    source.checkedSize();
    return format == DocumentFormat.PDF
        ? PdfPhotos.read(source, limits, onlyPage, sink)
        : OfficePhotos.read(source, format, limits, sink, headers);
  }
}
