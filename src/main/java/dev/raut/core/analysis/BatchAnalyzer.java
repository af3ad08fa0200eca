package dev.raut.core.analysis;

import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * Analyses many files on several threads and hands the results over in input order, as soon as
 * each one and all before it are done. Only a small window of files is in flight, so memory stays
 * bounded for any batch size and cancelling stops within a few images.
 */
public final class BatchAnalyzer {
  /** Told after each image: how many are done out of how many. */
  public interface Progress {
    void update(int done, int total);
  }

  private final Analyzer analyzer;
  private final int threads;

  public BatchAnalyzer(Analyzer analyzer, int threads) {
    this.analyzer = analyzer;
    this.threads = Math.max(1, threads);
  }

  /** Returns false when cancelled before the end; results delivered so far stand. */
  public boolean run(List<Path> files, AnalysisRequest request, Consumer<ImageAnalysis> inOrder, Progress progress,
      AtomicBoolean cancelled) {
    ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
      Thread t = new Thread(r, "raut-analyze");
      t.setDaemon(true);
      return t;
    });
    try {
      Deque<Future<ImageAnalysis>> window = new ArrayDeque<>();
      int next = 0;
      int done = 0;
      while (done < files.size()) {
        while (next < files.size() && window.size() < threads * 4 && !cancelled.get()) {
          Path file = files.get(next++);
          window.add(pool.submit(() -> analyzer.analyze(file, request)));
        }
        if (window.isEmpty()) {
          return false;
        }
        inOrder.accept(await(window.poll()));
        progress.update(++done, files.size());
      }
      return true;
    } finally {
      pool.shutdownNow();
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
