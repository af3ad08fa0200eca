package dev.raut.cli;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Turns Ctrl-C (or a TERM signal) into a cancel flag for a long run, and holds the JVM's exit for
 * up to {@code graceSeconds} so the run can still write what it has. Close it when the run is done.
 */
final class CancelOnShutdown implements AutoCloseable {
  private final AtomicBoolean cancelled = new AtomicBoolean();
  private final CountDownLatch finished = new CountDownLatch(1);
  private final Thread hook;

  CancelOnShutdown(int graceSeconds) {
    hook = new Thread(() -> {
      cancelled.set(true);
      try {
        finished.await(graceSeconds, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }, "raut-cancel-on-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
  }

  /** Set once the user asked to stop. */
  AtomicBoolean flag() {
    return cancelled;
  }

  @Override
  public void close() {
    finished.countDown();
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException shuttingDown) {
      // the hook is running (Ctrl-C) and returns now that the run is finished
    }
  }
}
