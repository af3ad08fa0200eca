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
  /** Whether the threads are an analysis service's, which the queue must not shut down. */
  private final boolean shared;
  /** The work handed to shared threads and not finished, so closing can drop what has not started. */
  private final java.util.Set<Piece> inFlight = java.util.concurrent.ConcurrentHashMap.newKeySet();

  /** One request's analysis on shared threads; {@code claimed} is set by whichever comes first: its start or closing. */
  private record Piece(Future<?> future, java.util.concurrent.atomic.AtomicBoolean claimed) {}
  private volatile boolean stopping;
  /** Told when the last analysis under way has ended. */
  private final Object idle = new Object();

  /** With {@code workers} analysis threads of its own. */
  WorkQueue(int workers, int waiting) {
    this(null, workers, waiting);
  }

  /** On an analysis service's threads ({@code shared}; its own when null), {@code workers} requests at a time. */
  WorkQueue(ExecutorService shared, int workers, int waiting) {
    this.workers = workers;
    this.capacity = workers + waiting;
    this.admitted = new Semaphore(capacity);
    this.shared = shared != null;
    AtomicInteger number = new AtomicInteger();
    this.threads = shared != null ? shared : Executors.newFixedThreadPool(workers, work -> {
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

  /** How long {@link #close()} waits for an analysis already inside a model to come out. */
  static final java.time.Duration DRAIN = java.time.Duration.ofSeconds(30);

  /**
   * Refuses new work, drops work still waiting, and waits for the analyses in progress to finish
   * (an interrupt cannot stop ONNX Runtime mid-run), so the engine can be closed after this
   * returns without a native call still using its sessions. Returns false if one outlasted {@link #DRAIN}.
   */
  @Override
  public void close() {
    closeWithin(DRAIN);
  }

  boolean closeWithin(java.time.Duration patience) {
    stopping = true;
    if (shared) {
      return closeOnSharedThreads(patience);
    }
    for (Runnable notStarted : threads.shutdownNow()) {
      // their requests are waiting in Ticket.run: cancelled, they get an answer instead of hanging
      if (notStarted instanceof Future<?> future) {
        future.cancel(false);
      }
    }
    try {
      return threads.awaitTermination(patience.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** The service's threads go on serving other doors: only this queue's own work is dropped or awaited. */
  private boolean closeOnSharedThreads(java.time.Duration patience) {
    for (Piece piece : inFlight) {
      if (piece.claimed().compareAndSet(false, true)) {
        piece.future().cancel(false); // not started: it never starts, and its request is answered
      }
    }
    // an analysis inside a model cannot be signalled out of it: wait until the last one says it is out
    long end = System.nanoTime() + patience.toNanos();
    synchronized (idle) {
      while (busy.get() > 0) {
        long left = end - System.nanoTime();
        if (left <= 0) {
          return false;
        }
        try {
          idle.wait(Math.max(1, left / 1_000_000));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return false;
        }
      }
    }
    return true;
  }

  final class Ticket implements AutoCloseable {
    private boolean closed;

    private Ticket() {}

    /** Runs the work on an analysis thread once one is free (first come, first served) and waits for it. */
    <T> T run(Supplier<T> work) throws InterruptedException {
      if (stopping) {
        throw new java.util.concurrent.RejectedExecutionException(); // as a stopped pool of its own refuses
      }
      java.util.concurrent.atomic.AtomicBoolean claimed = new java.util.concurrent.atomic.AtomicBoolean();
      Future<T> result = threads.submit(() -> {
        if (shared && !claimed.compareAndSet(false, true)) {
          return null; // closing dropped it first (its future is cancelled)
        }
        busy.incrementAndGet();
        try {
          return work.get();
        } finally {
          if (busy.decrementAndGet() == 0) {
            synchronized (idle) {
              idle.notifyAll(); // a close may be waiting for the analyses under way
            }
          }
        }
      });
      Piece piece = new Piece(result, claimed);
      if (shared) {
        inFlight.add(piece);
        if (stopping && claimed.compareAndSet(false, true)) {
          result.cancel(false); // closing began while it was being handed over
        }
      }
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
      } finally {
        inFlight.remove(piece);
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
