package dev.raut.core.camera;

import java.util.Arrays;

/**
 * Latencies in 0.1 ms bins up to 5 s (longer ones count in the last bin): percentiles over any
 * number of samples with fixed memory. Thread-safe.
 */
final class LatencyHistogram {
  private static final double BIN_MS = 0.1;
  private final long[] bins = new long[50_000];
  private long total;

  synchronized void record(long nanos) {
    int bin = (int) Math.min(bins.length - 1, Math.max(0, nanos / 1e6 / BIN_MS));
    bins[bin]++;
    total++;
  }

  /** The latency in ms below which {@code fraction} of the samples lie (upper edge of the bin), 0 without samples. */
  synchronized double percentileMs(double fraction) {
    if (total == 0) {
      return 0;
    }
    long rank = (long) Math.ceil(fraction * total);
    long seen = 0;
    for (int i = 0; i < bins.length; i++) {
      seen += bins[i];
      if (seen >= rank) {
        return Math.round((i + 1) * BIN_MS * 10) / 10.0;
      }
    }
    return bins.length * BIN_MS;
  }

  synchronized long count() {
    return total;
  }

  synchronized void reset() {
    Arrays.fill(bins, 0);
    total = 0;
  }
}
