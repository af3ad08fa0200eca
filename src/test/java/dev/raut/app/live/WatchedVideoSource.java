package dev.raut.app.live;

import dev.raut.core.camera.CameraException;
import dev.raut.core.camera.FrameSource;
import dev.raut.core.camera.VideoFileSource;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.opencv.core.Mat;

/** A video file source for the Live tests that counts its opens, reads and releases, and says when it was opened. */
final class WatchedVideoSource implements FrameSource {
  final AtomicInteger opens = new AtomicInteger();
  final AtomicInteger closes = new AtomicInteger();
  final AtomicInteger reads = new AtomicInteger();
  final CountDownLatch opened = new CountDownLatch(1);
  private final VideoFileSource inner;
  volatile boolean open;

  WatchedVideoSource(Path file, boolean loop) {
    inner = new VideoFileSource(file, loop);
  }

  @Override
  public String description() {
    return inner.description();
  }

  @Override
  public void open(Duration timeout) throws CameraException {
    inner.open(timeout);
    opens.incrementAndGet();
    open = true;
    opened.countDown();
  }

  @Override
  public boolean read(Mat bgr) throws CameraException {
    reads.incrementAndGet();
    return inner.read(bgr);
  }

  @Override
  public double lastTimestampMs() {
    return inner.lastTimestampMs();
  }

  @Override
  public double nominalFps() {
    return inner.nominalFps();
  }

  @Override
  public void close() {
    inner.close();
    if (open) {
      closes.incrementAndGet();
    }
    open = false;
  }
}
