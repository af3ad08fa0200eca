package dev.raut.core.camera;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The hand-over between the capture thread and the analysis (one step at a time, on whichever
 * thread runs it): one slot holding the newest frame. Three frame buffers cycle (the capture thread's, the slot's, the worker's), so nothing is
 * allocated per frame and nothing queues: a frame still in the slot when a newer one arrives is
 * dropped. In back-pressure mode (a file read "as fast as the pipeline takes it") the capture
 * thread instead waits for the worker to take the frame.
 */
final class LatestFrameSlot {
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition filled = lock.newCondition();
  private final Condition emptied = lock.newCondition();
  private final Frame[] buffers = {new Frame(), new Frame(), new Frame()};
  private Frame slot;
  private Frame spare = buffers[2];
  private boolean closed;
  private long dropped;

  /** The buffer the capture thread fills first. */
  Frame firstCaptureBuffer() {
    return buffers[0];
  }

  /** The buffer the worker starts with (handed back on its first take). */
  Frame firstWorkerBuffer() {
    return buffers[1];
  }

  /**
   * Puts a filled frame in the slot and returns an empty buffer for the next capture: the frame it
   * replaced (dropped) or the spare the worker handed back. Returns null when the slot is closed.
   */
  Frame publish(Frame filledFrame, boolean waitForWorker) throws InterruptedException {
    lock.lock();
    try {
      while (waitForWorker && slot != null && !closed) {
        emptied.await();
      }
      if (closed) {
        return null;
      }
      Frame free;
      if (slot != null) {
        free = slot;
        dropped++;
      } else {
        free = spare;
        spare = null;
      }
      slot = filledFrame;
      filled.signal();
      return free;
    } finally {
      lock.unlock();
    }
  }

  /**
   * Hands the worker's finished buffer back and waits up to {@code timeoutMillis} for the newest
   * frame. Returns null on timeout (the worker's buffer is then kept by the worker: the caller passes
   * it again) or when the slot is closed.
   */
  Frame take(Frame finished, long timeoutMillis) throws InterruptedException {
    lock.lock();
    try {
      long nanos = TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
      while (slot == null && !closed) {
        if (nanos <= 0) {
          return null;
        }
        nanos = filled.awaitNanos(nanos);
      }
      if (closed) {
        return null;
      }
      Frame next = slot;
      slot = null;
      spare = finished;
      emptied.signal();
      return next;
    } finally {
      lock.unlock();
    }
  }

  /** True while a frame waits in the slot. */
  boolean hasFrame() {
    lock.lock();
    try {
      return slot != null && !closed;
    } finally {
      lock.unlock();
    }
  }

  /** Frames replaced before the worker could take them. */
  long dropped() {
    lock.lock();
    try {
      return dropped;
    } finally {
      lock.unlock();
    }
  }

  /** Wakes both sides; they return null from now on. */
  void close() {
    lock.lock();
    try {
      closed = true;
      filled.signalAll();
      emptied.signalAll();
    } finally {
      lock.unlock();
    }
  }

  /** Frees the pixel memory of all buffers; call once both threads have stopped. */
  void releaseBuffers() {
    for (Frame f : buffers) {
      f.release();
    }
  }
}
