package dev.raut.core.camera;

import dev.raut.core.image.OpenCvNative;
import dev.raut.core.text.Problem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.opencv.core.Mat;
import org.opencv.videoio.VideoCapture;
import org.opencv.videoio.Videoio;

/**
 * A video file read with OpenCV. The bundled OpenCV has no FFmpeg, so Motion-JPEG .avi files open
 * and H.264 .mp4 files do not; that case is reported as "unsupported" with the conversion to use.
 * With {@code loop} the file starts over at its end.
 */
public final class VideoFileSource implements FrameSource {
  private final Path file;
  private final boolean loop;
  private VideoCapture capture;
  private double fps;
  private double timestampMs;
  private double loopOffsetMs;
  private long framesInPass;

  public VideoFileSource(Path file, boolean loop) {
    this.file = file;
    this.loop = loop;
  }

  @Override
  public String description() {
    return "video " + file.getFileName();
  }

  @Override
  public void open(Duration timeout) throws CameraException {
    if (!Files.isRegularFile(file)) {
      throw new CameraException("not_found", Problem.of("errors.camera.noVideo", file));
    }
    OpenCvNative.ensureLoaded();
    close();
    // the bundled OpenCV reads video with its own Motion-JPEG backend only; naming it skips noisy probes of the others
    capture = new VideoCapture(file.toString(), Videoio.CAP_OPENCV_MJPEG);
    if (!capture.isOpened()) {
      close();
      throw new CameraException("unsupported", Problem.of("errors.camera.videoFormat", file.getFileName()));
    }
    fps = capture.get(Videoio.CAP_PROP_FPS);
    if (!(fps > 0 && fps < 1000)) {
      fps = 25;
    }
    timestampMs = 0;
    loopOffsetMs = 0;
    framesInPass = 0;
  }

  @Override
  public boolean read(Mat bgr) throws CameraException {
    if (capture == null) {
      throw new IllegalStateException("read before open");
    }
    if (capture.read(bgr)) {
      timestampMs = loopOffsetMs + framesInPass++ * 1000.0 / fps;
      return true;
    }
    if (!loop || framesInPass == 0) {
      return false;
    }
    loopOffsetMs += framesInPass * 1000.0 / fps;
    framesInPass = 0;
    capture.set(Videoio.CAP_PROP_POS_FRAMES, 0);
    if (!capture.read(bgr)) {
      return false;
    }
    timestampMs = loopOffsetMs;
    framesInPass = 1;
    return true;
  }

  @Override
  public double lastTimestampMs() {
    return timestampMs;
  }

  @Override
  public double nominalFps() {
    return fps;
  }

  @Override
  public boolean retryable() {
    return false;
  }

  @Override
  public void close() {
    if (capture != null) {
      capture.release();
      capture = null;
    }
  }
}
