package dev.raut.core.analysis;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * A door's analysis: owns the engine and the threads that analyse photos on it, as many as the
 * engine's budget of images at once (each model call runs on one ONNX Runtime thread). Doors hand
 * it jobs instead of making pools of their own: one photo ({@link #photo}), a batch with results in
 * input order ({@link #batch}), or work on its threads through {@link #threads()} (the app's
 * gallery and the server queue their pieces there). Live's stream keeps a thread of its own (it
 * holds its place for hours, newest frame winning), and Teach embeds on threads of its own (its
 * backbones are not the engine's models); every analysis on any thread takes the engine's lease,
 * so the budget holds for all of them.
 *
 * <p>{@link #close()} refuses new work, lets the work under way end (an interrupt cannot stop a
 * native model call), then closes the engine, which waits for any lease still held elsewhere.
 */
public final class AnalysisService implements AutoCloseable {
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(AnalysisService.class);

  private final int size;
  private final ThreadPoolExecutor threads;
  private final CompletableFuture<Analyzer> analyzer;

  private AnalysisService(int size, Function<ExecutorService, CompletableFuture<Analyzer>> start) {
    this.size = Math.max(1, size);
    AtomicInteger number = new AtomicInteger();
    this.threads = new ThreadPoolExecutor(this.size, this.size, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(),
        work -> {
          Thread thread = new Thread(work, "raut-analysis-" + number.incrementAndGet());
          thread.setDaemon(true);
          return thread;
        });
    this.analyzer = start.apply(threads);
  }

  /** Over an engine already open; {@code analyzer} reads photos on it (its decoder settings are the door's). */
  public static AnalysisService over(Analyzer analyzer, int threads) {
    return new AnalysisService(threads, pool -> CompletableFuture.completedFuture(analyzer));
  }

  /** Over an engine already open, read with the default decoder. */
  public static AnalysisService over(Engine engine, int threads) {
    return over(new Analyzer(engine), threads);
  }

  /**
   * Opens the engine on one of its own threads, so a window can show at once; {@link #analyzer()}
   * completes when it is up (exceptionally when it cannot start).
   */
  public static AnalysisService opening(Supplier<Engine> engine, int threads) {
    return new AnalysisService(threads, pool -> CompletableFuture.supplyAsync(() -> new Analyzer(engine.get()), pool));
  }

  /** The analyser, once the engine is up. */
  public CompletableFuture<Analyzer> analyzer() {
    return analyzer;
  }

  /** How many photos it analyses at once. */
  public int size() {
    return size;
  }

  /**
   * Its threads, for a door that queues its own work on them (the gallery, the server); not to be
   * shut down: {@link #close()} does that.
   */
  public ExecutorService threads() {
    return threads;
  }

  /**
   * One photo's work on an analysis thread, once the engine is up. Cancelling the future before
   * the work starts keeps it from starting; closing the service fails the ones not started.
   */
  public <T> CompletableFuture<T> photo(Function<Analyzer, T> work) {
    CompletableFuture<T> result = new CompletableFuture<>();
    analyzer.whenComplete((ready, failed) -> {
      if (failed != null) {
        result.completeExceptionally(failed);
        return;
      }
      try {
        threads.execute(new PhotoJob<>(result, () -> work.apply(ready)));
      } catch (RejectedExecutionException e) {
        result.completeExceptionally(closing());
      }
    });
    return result;
  }

  /** A photo's work and the future it completes; dropped unstarted when the service closes. */
  private record PhotoJob<T>(CompletableFuture<T> result, Supplier<T> work) implements Runnable {
    @Override
    public void run() {
      if (result.isDone()) {
        return; // cancelled while waiting
      }
      try {
        result.complete(work.get());
      } catch (RuntimeException | Error e) {
        result.completeExceptionally(e);
      }
    }

    void drop() {
      result.completeExceptionally(closing());
    }
  }

  /** A batch on these threads: results in input order, a few photos in flight (see {@link BatchAnalyzer}). */
  public BatchAnalyzer batch() {
    return new BatchAnalyzer(analyzer.join(), threads, size);
  }

  /**
   * Takes no more work and drops the work not started (a waiting caller's future is cancelled),
   * waits up to {@link Engine#CLOSE_WAIT} for the work under way, then closes the engine (which
   * also waits for leases held on other threads).
   */
  @Override
  public void close() {
    // no interrupt for the work under way (it may be reading a file for a photo): only the queue is dropped
    threads.shutdown();
    List<Runnable> waiting = new ArrayList<>();
    threads.getQueue().drainTo(waiting);
    for (Runnable notStarted : waiting) {
      if (notStarted instanceof PhotoJob<?> job) {
        job.drop();
      } else if (notStarted instanceof java.util.concurrent.Future<?> future) {
        future.cancel(false); // a batch's or a door's queued piece: its waiter is told
      }
    }
    try {
      if (!threads.awaitTermination(Engine.CLOSE_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
        LOG.warn("analyses still running after {}; closing the engine waits for them", Engine.CLOSE_WAIT);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    // an engine whose opening never started is never used; one that opened is closed
    analyzer.completeExceptionally(closing());
    analyzer.thenAccept(a -> a.engine().close());
  }

  private static IllegalStateException closing() {
    return new IllegalStateException("The analysis service is closed (the program is ending)");
  }
}
