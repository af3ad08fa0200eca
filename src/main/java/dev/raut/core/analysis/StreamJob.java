package dev.raut.core.analysis;

import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A stream on the analysis threads where the newest item wins (a camera's frames). {@link #signal()}
 * says a new item is there; at most one step is queued or running at a time, and the signals that
 * come while it runs are folded into one more step, which takes whatever is newest by then. The
 * stream holds a thread only while a step runs: a camera waiting for its next frame costs the other
 * doors nothing, and between two frames the gallery or the server get their turn.
 */
public final class StreamJob {
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(StreamJob.class);
  private final Executor lane;
  private final Runnable step;
  /** Signals not yet answered by a step; the one that raises it from zero queues the step. */
  private final AtomicInteger signals = new AtomicInteger();
  private final Object idle = new Object();
  private boolean stepRunning;
  private boolean closed;

  /** {@code step} takes the newest item and analyses it; it is never run twice at once. */
  public StreamJob(Executor lane, Runnable step) {
    this.lane = lane;
    this.step = step;
  }

  /** A new item is there (or the stream ended): a step will look at it. */
  public void signal() {
    if (signals.getAndIncrement() == 0) {
      queue();
    }
  }

  private void queue() {
    try {
      lane.execute(this::runStep);
    } catch (RejectedExecutionException closing) {
      // the analysis threads have stopped (the program is ending): the stream has no more steps
    }
  }

  private void runStep() {
    int answered = signals.get();
    synchronized (idle) {
      if (closed) {
        return;
      }
      stepRunning = true;
    }
    try {
      step.run();
    } catch (RuntimeException e) {
      LOG.warn("A step of a stream failed; the next frame gets a step of its own", e);
    } finally {
      synchronized (idle) {
        stepRunning = false;
        idle.notifyAll();
      }
      if (signals.addAndGet(-answered) > 0) {
        queue(); // more came while it ran: one more step takes the newest
      }
    }
  }

  /**
   * Runs no more steps, and waits up to {@code timeout} for the one under way (a native model call
   * cannot be interrupted). True when none is running any more.
   */
  public boolean close(Duration timeout) throws InterruptedException {
    long end = System.nanoTime() + timeout.toNanos();
    synchronized (idle) {
      closed = true;
      while (stepRunning) {
        long left = end - System.nanoTime();
        if (left <= 0) {
          return false;
        }
        idle.wait(Math.max(1, left / 1_000_000));
      }
      return true;
    }
  }
}
