package dev.raut.core.camera;

import java.time.Duration;

/**
 * How a live pipeline runs. {@code maxAnalysedFrames} 0 means until stopped (or the video ends);
 * reconnect waits start at {@code firstRetry} and double up to {@code maxRetry}.
 */
public record LiveOptions(Pace pace, Duration openTimeout, long maxAnalysedFrames, Duration firstRetry, Duration maxRetry) {
  public static LiveOptions defaults() {
    return new LiveOptions(Pace.NATIVE, Duration.ofSeconds(10), 0, Duration.ofSeconds(1), Duration.ofSeconds(15));
  }

  public LiveOptions withPace(Pace newPace) {
    return new LiveOptions(newPace, openTimeout, maxAnalysedFrames, firstRetry, maxRetry);
  }

  public LiveOptions withMaxAnalysedFrames(long frames) {
    return new LiveOptions(pace, openTimeout, frames, firstRetry, maxRetry);
  }

  public LiveOptions withRetry(Duration first, Duration max) {
    return new LiveOptions(pace, openTimeout, maxAnalysedFrames, first, max);
  }

  public LiveOptions withOpenTimeout(Duration timeout) {
    return new LiveOptions(pace, timeout, maxAnalysedFrames, firstRetry, maxRetry);
  }
}
