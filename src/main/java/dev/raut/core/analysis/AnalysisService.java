package dev.raut.core.analysis;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * A door's analysis: owns the engine and the threads that analyse photos on it, as many as the
 * engine's budget of images at once (each model call runs on one ONNX Runtime thread). Doors hand
 * it work instead of making pools of their own: a batch with results in input order ({@link #batch}),
 * or photos one by one in a lane of their own ({@link #lane}: the app's pages, the server, Teach's
 * embedding; each piece a cancellable future), or a stream where the newest frame wins ({@link #stream}:
 * Live; it holds a thread only while a frame is analysed, not while it waits for the next). The
 * threads take the lanes' work in turn, so a gallery with thousands of photos queued does not hold
 * up a request to the local server, an evaluation or a Teach run; a stream's frame goes first.
 *
 * <p>{@link #close()} refuses new work, lets the work under way end (an interrupt cannot stop a
 * native model call), then closes the engine, which waits for any lease still held elsewhere.
 */
public final class AnalysisService implements AutoCloseable {
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(AnalysisService.class);

  private final int size;
  private final TakingTurns turns = new TakingTurns();
  private final List<Thread> workers = new ArrayList<>();
  /** The engine's opening. */
  private final ExecutorService opening = turns.lane("opening");
  /** Batches (the CLI's, evaluation's): each keeps a few photos in flight, so one lane serves them all. */
  private final ExecutorService batches = turns.lane("batches");
  /** Streams (Live's cameras): one frame at a time each, ahead of the lanes taking turns. */
  private final ExecutorService streams = turns.urgentLane("streams");
  private final CompletableFuture<Analyzer> analyzer;

  private AnalysisService(int size, Function<ExecutorService, CompletableFuture<Analyzer>> start) {
    this.size = Math.max(1, size);
    for (int i = 1; i <= this.size; i++) {
      Thread worker = new Thread(this::work, "raut-analysis-" + i);
      worker.setDaemon(true);
      workers.add(worker);
      worker.start();
    }
    this.analyzer = start.apply(opening);
  }

  private void work() {
    try {
      for (Runnable piece = turns.take(); piece != null; piece = turns.take()) {
        try {
          piece.run();
        } catch (RuntimeException | Error e) {
          LOG.error("analysis work failed", e); // futures keep their own failures: this is a bare task's
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
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

  /**
   * A door's own queue on the analysis threads (the gallery's pages, the server): the threads take
   * the doors' work in turn, so a long queue in one does not hold up another. Not to be shut down:
   * {@link #close()} does that.
   */
  public ExecutorService lane(String door) {
    return turns.lane(door);
  }

  /** A batch on these threads: results in input order, a few photos in flight (see {@link BatchAnalyzer}). */
  public BatchAnalyzer batch() {
    return new BatchAnalyzer(analyzer.join(), batches, size);
  }

  /**
   * A stream on these threads (a camera's frames): {@code step} takes the newest frame and analyses
   * it, one step at a time, queued when the stream is signalled (see {@link StreamJob}).
   */
  public StreamJob stream(Runnable step) {
    return new StreamJob(streams, step);
  }

  /**
   * Takes no more work and drops the work not started (a waiting caller's future is cancelled),
   * waits up to {@link Engine#CLOSE_WAIT} for the work under way, then closes the engine (which
   * also waits for leases held on other threads).
   */
  @Override
  public void close() {
    // no interrupt for the work under way (it may be reading a file for a photo): only the queues are dropped
    for (Runnable notStarted : turns.close()) {
      if (notStarted instanceof java.util.concurrent.Future<?> future) {
        future.cancel(false); // a batch's or a door's queued piece: its waiter is told
      }
    }
    long end = System.nanoTime() + Engine.CLOSE_WAIT.toNanos();
    try {
      for (Thread worker : workers) {
        worker.join(Math.max(1, (end - System.nanoTime()) / 1_000_000));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (workers.stream().anyMatch(Thread::isAlive)) {
      LOG.warn("analyses still running after {}; closing the engine waits for them", Engine.CLOSE_WAIT);
    }
    // an engine whose opening never started is never used; one that opened is closed
    analyzer.completeExceptionally(closing());
    analyzer.thenAccept(a -> a.engine().close());
  }

  private static IllegalStateException closing() {
    return new IllegalStateException("The analysis service is closed (the program is ending)");
  }
}
