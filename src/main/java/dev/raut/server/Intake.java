package dev.raut.server;

import dev.raut.core.analysis.AnalysisError;
import dev.raut.core.analysis.AnalysisRequest;
import dev.raut.core.analysis.Analyzer;
import dev.raut.core.analysis.ImageAnalysis;
import dev.raut.core.text.Problem;
import io.javalin.http.Context;
import dev.raut.core.document.DocumentException;
import dev.raut.core.document.DocumentFormat;
import dev.raut.core.document.DocumentPhotos;
import dev.raut.core.document.DocumentSource;
import dev.raut.core.document.DocumentSummary;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The way in for uploaded images: refuse oversized bodies unread, take a place in the
 * {@link WorkQueue} (or answer 503), read the parts into memory, then analyse each image (each
 * photo inside an uploaded PDF/Office document). Nothing is written to disk.
 */
final class Intake {
  /** Per-image error code for a part whose declared type is not an image type Raut decodes. */
  static final String UNSUPPORTED_TYPE = "unsupported_type";

  private final Analyzer analyzer;
  private final Uploads uploads;
  private final WorkQueue queue;
  private final DocumentPhotos documents = new DocumentPhotos();

  Intake(Analyzer analyzer, Uploads uploads, WorkQueue queue) {
    this.analyzer = analyzer;
    this.uploads = uploads;
    this.queue = queue;
  }

  /** Admits the request and reads its images; close the batch when the answer is written. */
  Batch open(Context ctx, int maxImages) {
    uploads.checkDeclaredLength(ctx, maxImages);
    WorkQueue.Ticket ticket = queue.tryEnter();
    if (ticket == null) {
      throw new ApiException(503, Problem.of("server.busy"));
    }
    try {
      return new Batch(ticket, uploads.read(ctx, maxImages));
    } catch (RuntimeException e) {
      ticket.close();
      throw e;
    }
  }

  final class Batch implements AutoCloseable {
    private final WorkQueue.Ticket ticket;
    private final List<Uploads.Upload> images;

    private Batch(WorkQueue.Ticket ticket, List<Uploads.Upload> images) {
      this.ticket = ticket;
      this.images = images;
    }

    /**
     * One result per image, in upload order, and one per photo inside an uploaded document (or one
     * error for a document none can be had from); per-image problems are results with an error.
     */
    List<ImageAnalysis> analyze(AnalysisRequest request) {
      return analyze(request, summary -> {});
    }

    /** As above; {@code documentRead} hears what each document held and skipped. */
    List<ImageAnalysis> analyze(AnalysisRequest request, Consumer<DocumentSummary> documentRead) {
      List<ImageAnalysis> results = new ArrayList<>(images.size());
      for (Uploads.Upload image : images) {
        if (!image.declaredTypeAccepted()) {
          results.add(ImageAnalysis.failed(image.name(), AnalysisError.of(UNSUPPORTED_TYPE,
              Problem.of("server.unsupportedType", image.name(), image.declaredType()))));
          continue;
        }
        DocumentFormat format = DocumentFormat.of(image.data(), image.name());
        results.addAll(inTurn(format == null
            ? () -> List.of(analyzer.analyze(image.data(), image.name(), request))
            : () -> document(image, format, request, documentRead)));
      }
      return results;
    }

    /** Every photo of an uploaded document, analysed in memory one after another on this request's worker. */
    private List<ImageAnalysis> document(Uploads.Upload upload, DocumentFormat format, AnalysisRequest request,
        Consumer<DocumentSummary> documentRead) {
      List<ImageAnalysis> results = new ArrayList<>();
      try {
        documentRead.accept(documents.read(DocumentSource.of(upload.data(), upload.name()), format, photo -> {
          results.add(analyzer.analyze(photo, upload.name(), request));
          return true;
        }));
      } catch (DocumentException e) {
        results.add(Analyzer.failedDocument(upload.name(), e));
      }
      return results;
    }

    private List<ImageAnalysis> inTurn(java.util.function.Supplier<List<ImageAnalysis>> work) {
      try {
        return ticket.run(work);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new ApiException(503, Problem.of("server.stopping"));
      }
    }

    @Override
    public void close() {
      ticket.close();
    }
  }
}
