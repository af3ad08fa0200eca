package dev.raut.core.analysis;

import dev.raut.core.document.DocumentException;
import dev.raut.core.document.DocumentFormat;
import dev.raut.core.document.DocumentPhotos;
import dev.raut.core.document.DocumentSource;
import dev.raut.core.document.DocumentSummary;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * Analyses many files on several threads and hands the results over in input order, as soon as
 * each one and all before it are done. Only a small window of images is in flight, so memory stays
 * bounded for any batch size and cancelling stops within a few images. With documents
 * ({@link #withDocuments}), each photo of a PDF/Office file is one more result, read from the
 * document only when the window has room for it.
 */
public final class BatchAnalyzer {
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(BatchAnalyzer.class);
  /** The steady-state rate leaves out this share of the first results (model warm-up, JIT compilation). */
  static final double WARM_UP_SHARE = 0.1;

  /** Told after each file: how many are done out of how many. */
  public interface Progress {
    void update(int done, int total);
  }

  private final Analyzer analyzer;
  private final int threads;
  private final DocumentPhotos documents;
  /** An {@link AnalysisService}'s threads, or null: then each run makes {@code threads} of its own. */
  private final ExecutorService shared;

  /**
   * Photos only: every file gives exactly one result (a document is then "not an image"), on
   * {@code threads} threads of each run's own (benchmarks, probes); doors use {@link AnalysisService#batch()}.
   */
  public BatchAnalyzer(Analyzer analyzer, int threads) {
    this(analyzer, threads, null, null);
  }

  /** On a service's threads, {@code threads} of them. */
  BatchAnalyzer(Analyzer analyzer, ExecutorService shared, int threads) {
    this(analyzer, threads, null, shared);
  }

  private BatchAnalyzer(Analyzer analyzer, int threads, DocumentPhotos documents, ExecutorService shared) {
    this.analyzer = analyzer;
    this.threads = Math.max(1, threads);
    this.documents = documents;
    this.shared = shared;
  }

  /** The same, taking the photos out of documents: one result per photo, or one error per unreadable document. */
  public BatchAnalyzer withDocuments(DocumentPhotos photos) {
    return new BatchAnalyzer(analyzer, threads, photos, shared);
  }

  /** Returns false when cancelled before the end; results delivered so far stand. */
  public boolean run(List<Path> files, AnalysisRequest request, Consumer<ImageAnalysis> inOrder, Progress progress,
      AtomicBoolean cancelled) {
    return run(files, request, inOrder, summary -> {}, progress, cancelled);
  }

  /** As above; {@code documentRead} hears what each document held and skipped, in order after its last photo. */
  public boolean run(List<Path> files, AnalysisRequest request, Consumer<ImageAnalysis> inOrder,
      Consumer<DocumentSummary> documentRead, Progress progress, AtomicBoolean cancelled) {
    ExecutorService pool = shared != null ? shared : Executors.newFixedThreadPool(threads, r -> {
      Thread t = new Thread(r, "raut-analyze");
      t.setDaemon(true);
      return t;
    });
    Window window = new Window(pool, threads * 4, inOrder, documentRead, progress, files.size());
    try {
      for (Path file : files) {
        if (cancelled.get()) {
          break;
        }
        DocumentFormat format = documents == null ? null : DocumentFormat.of(file);
        if (format == null) {
          window.add(() -> analyzer.analyze(file, request), null, true);
        } else {
          readDocument(file, format, request, window, cancelled);
        }
      }
      window.drain(0);
      if (LOG.isDebugEnabled()) {
        LOG.debug(window.throughput.describe());
      }
      return window.done == files.size();
    } finally {
      if (shared == null) {
        pool.shutdownNow();
      } else {
        window.abandon(); // what a failure left queued must not take the service's threads
      }
    }
  }

  /** On the caller's thread: the photos are read one by one as the window makes room, and analysed on the pool. */
  private void readDocument(Path file, DocumentFormat format, AnalysisRequest request, Window window,
      AtomicBoolean cancelled) {
    String name = file.toString();
    DocumentSummary summary;
    try {
      summary = documents.read(DocumentSource.of(file), format, photo -> {
        window.add(() -> analyzer.analyze(photo, name, request), null, false);
        return !cancelled.get();
      });
    } catch (DocumentException e) {
      if (cancelled.get()) {
        return;
      }
      ImageAnalysis failed = Analyzer.failedDocument(name, e);
      window.add(() -> failed, null, true);
      return;
    }
    if (!cancelled.get()) {
      window.add(null, summary, true);
    }
  }

  /** Results (and document notes) in input order, at most {@code size} in flight. */
  private static final class Window {
    private record Entry(Future<ImageAnalysis> result, DocumentSummary summary, boolean endsFile) {}

    private final ExecutorService pool;
    private final int size;
    private final Consumer<ImageAnalysis> inOrder;
    private final Consumer<DocumentSummary> documentRead;
    private final Progress progress;
    private final int files;
    private final Deque<Entry> entries = new ArrayDeque<>();
    final Throughput throughput = new Throughput();
    int done;

    Window(ExecutorService pool, int size, Consumer<ImageAnalysis> inOrder, Consumer<DocumentSummary> documentRead,
        Progress progress, int files) {
      this.pool = pool;
      this.size = size;
      this.inOrder = inOrder;
      this.documentRead = documentRead;
      this.progress = progress;
      this.files = files;
    }

    /** Waits for room, then queues {@code task} (or only a note when it is null). */
    void add(Callable<ImageAnalysis> task, DocumentSummary summary, boolean endsFile) {
      drain(size - 1);
      Future<ImageAnalysis> result = task == null ? CompletableFuture.completedFuture(null) : pool.submit(task);
      entries.add(new Entry(result, summary, endsFile));
    }

    /** Drops the entries not handed over: those not started never start. */
    void abandon() {
      entries.forEach(entry -> entry.result().cancel(false));
      entries.clear();
    }

    /** Hands over the oldest entries until at most {@code left} remain. */
    void drain(int left) {
      while (entries.size() > left) {
        Entry entry = entries.poll();
        ImageAnalysis result = await(entry.result());
        if (result != null) {
          inOrder.accept(result);
          throughput.delivered(System.nanoTime());
        }
        if (entry.summary() != null) {
          documentRead.accept(entry.summary());
        }
        if (entry.endsFile()) {
          progress.update(++done, files);
        }
      }
    }
  }

  /**
   * When each result was handed over, for the steady-state rate a benchmark reads from the debug
   * log (startup and warm-up left out, so a door's rate can be set beside the engine's own).
   */
  static final class Throughput {
    private long[] times = new long[256];
    private int count;

    void delivered(long nanos) {
      if (count == times.length) {
        times = java.util.Arrays.copyOf(times, count * 2);
      }
      times[count++] = nanos;
    }

    int count() {
      return count;
    }

    /** How many of the first results the steady state leaves out. */
    int warmUp() {
      return Math.max(1, (int) Math.round(count * WARM_UP_SHARE));
    }

    /** Results per second after the first {@link #warmUp()}; NaN with fewer than three results. */
    double steadyPerSecond() {
      int first = warmUp();
      if (count - 1 - first < 1) {
        return Double.NaN;
      }
      return (count - 1 - first) / ((times[count - 1] - times[first]) / 1e9);
    }

    String describe() {
      return String.format(java.util.Locale.ROOT, "throughput: %d results, steady state %.2f per second (after the first %d)",
          count, steadyPerSecond(), warmUp());
    }
  }

  private static ImageAnalysis await(Future<ImageAnalysis> future) {
    try {
      return future.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      throw new IllegalStateException(e.getCause());
    }
  }
}
