package dev.raut.core.camera;

import com.github.sarxos.webcam.Webcam;
import dev.raut.core.text.Problem;
import java.awt.Dimension;
import java.awt.image.BufferedImage;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.opencv.core.Mat;

/** A local camera through the sarxos webcam driver (the default driver), at a chosen resolution. */
public final class SarxosCameraSource implements FrameSource {
  private final int index;
  private final CameraDevice.Resolution resolution;
  private final BgrFrames converter = new BgrFrames();
  private Webcam webcam;
  private long openedNanos;
  private double timestampMs;

  /** {@code resolution} may be null for the driver's default. */
  public SarxosCameraSource(int index, CameraDevice.Resolution resolution) {
    this.index = index;
    this.resolution = resolution;
  }

  @Override
  public String description() {
    return "camera " + index;
  }

  @Override
  public void open(Duration timeout) throws CameraException {
    close();
    Webcam candidate = LocalCameras.webcam(index, timeout.toMillis());
    ExecutorService opener = Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, "raut-camera-open");
      t.setDaemon(true);
      return t;
    });
    try {
      Future<Boolean> opening = opener.submit(() -> {
        if (resolution != null) {
          Dimension size = new Dimension(resolution.width(), resolution.height());
          candidate.setCustomViewSizes(size);
          candidate.setViewSize(size);
        }
        return candidate.open();
      });
      if (!opening.get(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        throw new CameraException("busy", Problem.of("errors.camera.busy.number", index));
      }
    } catch (TimeoutException e) {
      candidate.close();
      throw new CameraException("timeout", Problem.of("errors.camera.openTimeout", index, timeout.toSeconds()));
    } catch (ExecutionException e) {
      candidate.close();
      throw new CameraException("busy", Problem.of("errors.camera.openFailed", index, Problem.of(e.getCause())),
          e.getCause());
    } catch (InterruptedException e) {
      candidate.close();
      Thread.currentThread().interrupt();
      throw new CameraException("timeout", Problem.of("errors.camera.openCancelled"));
    } finally {
      opener.shutdownNow();
    }
    webcam = candidate;
    openedNanos = System.nanoTime();
  }

  @Override
  public boolean read(Mat bgr) throws CameraException {
    BufferedImage image;
    try {
      image = webcam.getImage();
    } catch (RuntimeException e) {
      throw new CameraException("stream_lost", Problem.of("errors.camera.stoppedBecause", index, Problem.of(e)), e);
    }
    if (image == null) {
      throw new CameraException("stream_lost", Problem.of("errors.camera.stopped", index));
    }
    converter.copy(image, bgr);
    timestampMs = (System.nanoTime() - openedNanos) / 1e6;
    return true;
  }

  @Override
  public double lastTimestampMs() {
    return timestampMs;
  }

  @Override
  public void close() {
    if (webcam != null) {
      webcam.close();
      webcam = null;
    }
  }
}
