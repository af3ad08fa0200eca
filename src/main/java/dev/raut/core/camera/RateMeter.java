package dev.raut.core.camera;

/**
 * Events per second over the last couple of seconds (camera frames, analysed frames), from a ring
 * of event times. Thread-safe; nothing is allocated per event.
 */
final class RateMeter {
  private static final long WINDOW_NANOS = 2_000_000_000L;
  private final long[] times = new long[256];
  private int next;
  private int count;

  synchronized void record(long nanos) {
    times[next] = nanos;
    next = (next + 1) % times.length;
    count = Math.min(count + 1, times.length);
  }

  synchronized double perSecond(long nowNanos) {
    int inWindow = 0;
    long oldest = nowNanos;
    for (int i = 1; i <= count; i++) {
      long t = times[(next - i + times.length) % times.length];
      if (nowNanos - t > WINDOW_NANOS) {
        break;
      }
      inWindow++;
      oldest = t;
    }
    if (inWindow < 2) {
      return 0;
    }
    long newest = times[(next - 1 + times.length) % times.length];
    double interval = (double) (newest - oldest) / (inWindow - 1);
    // a source that went quiet slows the rate down instead of freezing it at its last value
    double span = Math.max(newest - oldest, nowNanos - oldest - interval);
    return (inWindow - 1) * 1e9 / Math.max(1, span);
  }

  synchronized void reset() {
    next = 0;
    count = 0;
  }
}
