package dev.raut.server;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Bounds the analysis work: {@code workers} analysis threads, {@code waiting} more requests may
 * wait for one, and anything beyond that is refused at once (the server answers 503 with
 * Retry-After) instead of piling up. Admission happens before the upload is read, so refused
 * requests cost no memory. Analyses run on the same few threads whatever Jetty thread received
 * the request, which keeps the native allocators of ONNX Runtime and OpenCV to a few arenas.
 */
final class WorkQueue implements AutoCloseable {
  private final int workers;
  private final int capacity;
  private final Semaphore admitted;
  private final AtomicInteger busy = new AtomicInteger();
  private final ExecutorService threads;

  WorkQueue(int workers, int waiting) {
    this.workers = workers;
    this.capacity = workers + waiting;
    this.admitted = new Semaphore(capacity);
    AtomicInteger number = new AtomicInteger();
    this.threads = Executors.newFixedThreadPool(workers, work -> {
      Thread thread = new Thread(work, "raut-analysis-" + number.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    });
  }

  /** How busy the server is, for {@code GET /health}. */
  record Load(int workers, int busy, int waiting) {}

  Load load() {
    int working = busy.get();
    int inside = capacity - admitted.availablePermits();
    return new Load(workers, working, Math.max(0, inside - working));
  }

  /** A place in the queue, or null when it is full. Close it when the request is done. */
  Ticket tryEnter() {
    return admitted.tryAcquire() ? new Ticket() : null;
  }

  /** Stops the analysis threads; work still waiting is dropped. */
  @Override
  public void close() {
    threads.shutdownNow();
  }

  final class Ticket implements AutoCloseable {
    private boolean closed;

    private Ticket() {}

    /** Runs the work on an analysis thread once one is free (first come, first served) and waits for it. */
    <T> T run(Supplier<T> work) throws InterruptedException {
      Future<T> result = threads.submit(() -> {
        busy.incrementAndGet();
        try {
          return work.get();
        } finally {
          busy.decrementAndGet();
        }
      });
      try {
        return result.get();
      } catch (InterruptedException e) {
        result.cancel(true);
        throw e;
      } catch (ExecutionException e) {
        if (e.getCause() instanceof RuntimeException runtime) {
          throw runtime;
        }
        if (e.getCause() instanceof Error error) {
          throw error;
        }
        throw new IllegalStateException(e.getCause());
      }
    }

    @Override
    public void close() {
      if (!closed) {
        closed = true;
        admitted.release();
      }
    }
  }
}
