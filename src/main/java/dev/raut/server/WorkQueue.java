package dev.raut.server;

import java.util.concurrent.Semaphore;
import java.util.function.Supplier;

/**
 * Bounds the analysis work: {@code workers} requests analyse at once, {@code waiting} more may
 * wait for a worker, and anything beyond that is refused at once (the server answers 503 with
 * Retry-After) instead of piling up. Admission happens before the upload is read, so refused
 * requests cost no memory.
 */
final class WorkQueue {
  private final int workers;
  private final int capacity;
  private final Semaphore admitted;
  private final Semaphore working;

  WorkQueue(int workers, int waiting) {
    this.workers = workers;
    this.capacity = workers + waiting;
    this.admitted = new Semaphore(capacity);
    this.working = new Semaphore(workers, true);
  }

  /** How busy the server is, for {@code GET /health}. */
  record Load(int workers, int busy, int waiting) {}

  Load load() {
    int busy = workers - working.availablePermits();
    int inside = capacity - admitted.availablePermits();
    return new Load(workers, busy, Math.max(0, inside - busy));
  }

  /** A place in the queue, or null when it is full. Close it when the request is done. */
  Ticket tryEnter() {
    return admitted.tryAcquire() ? new Ticket() : null;
  }

  final class Ticket implements AutoCloseable {
    private boolean closed;

    private Ticket() {}

    /** Runs the work once a worker is free (in the caller's thread; first come, first served). */
    <T> T run(Supplier<T> work) throws InterruptedException {
      working.acquire();
      try {
        return work.get();
      } finally {
        working.release();
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
