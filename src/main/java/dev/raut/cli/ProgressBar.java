package dev.raut.cli;

import dev.raut.core.text.Messages;
import java.io.PrintWriter;

/** A one-line progress bar with count and ETA on stderr, drawn only when stderr is a terminal. */
final class ProgressBar {
  private static final int WIDTH = 30;

  private final PrintWriter err;
  private final boolean enabled;
  private final long start = System.nanoTime();
  private long lastDraw;
  private boolean drawn;

  ProgressBar(PrintWriter err, boolean enabled) {
    this.err = err;
    this.enabled = enabled;
  }

  void update(int done, int total) {
    long now = System.nanoTime();
    if (!enabled || (now - lastDraw < 100_000_000L && done < total)) {
      return;
    }
    lastDraw = now;
    drawn = true;
    int filled = total == 0 ? WIDTH : (int) ((long) done * WIDTH / total);
    double elapsed = (now - start) / 1e9;
    double rate = done / Math.max(elapsed, 1e-9);
    long eta = done == 0 ? 0 : Math.round((total - done) / rate);
    err.print("\r[" + "#".repeat(filled) + " ".repeat(WIDTH - filled) + "] "
        + Messages.text("cli.progress", done, total, rate, eta) + " ");
    err.flush();
  }

  /** A line of its own above the bar (the bar is drawn again on the next update). */
  void note(String line) {
    if (drawn) {
      err.print("\r" + " ".repeat(WIDTH + 40) + "\r");
    }
    err.println(line);
    err.flush();
  }

  void finish() {
    if (drawn) {
      err.println();
      err.flush();
    }
  }
}
