package dev.raut.server;

import dev.raut.core.analysis.AnalysisError;
import dev.raut.core.analysis.AnalysisRequest;
import dev.raut.core.analysis.Analyzer;
import dev.raut.core.analysis.ImageAnalysis;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.List;

/**
 * The way in for uploaded images: refuse oversized bodies unread, take a place in the
 * {@link WorkQueue} (or answer 503), read the parts into memory, then analyse each image.
 */
final class Intake {
  /** Per-image error code for a part whose declared type is not an image type Raut decodes. */
  static final String UNSUPPORTED_TYPE = "unsupported_type";

  private final Analyzer analyzer;
  private final Uploads uploads;
  private final WorkQueue queue;

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
      throw new ApiException(503, "every worker is busy and the queue is full; retry shortly");
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

    /** One result per image, in upload order; per-image problems are results with an error. */
    List<ImageAnalysis> analyze(AnalysisRequest request) {
      List<ImageAnalysis> results = new ArrayList<>(images.size());
      for (Uploads.Upload image : images) {
        results.add(analyze(image, request));
      }
      return results;
    }

    private ImageAnalysis analyze(Uploads.Upload image, AnalysisRequest request) {
      if (!image.declaredTypeAccepted()) {
        return ImageAnalysis.failed(image.name(), new AnalysisError(UNSUPPORTED_TYPE, image.name() + " was sent as "
            + image.declaredType() + "; send a JPEG, PNG, BMP, GIF, TIFF or WebP image."));
      }
      try {
        return ticket.run(() -> analyzer.analyze(image.data(), image.name(), request));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new ApiException(503, "the server is stopping");
      }
    }

    @Override
    public void close() {
      ticket.close();
    }
  }
}
