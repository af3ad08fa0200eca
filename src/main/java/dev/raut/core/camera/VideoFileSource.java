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
 * A video file: Motion-JPEG .avi through OpenCV's own reader (Raut's recordings, and the fastest),
 * anything else (H.264 .mp4 from a phone, .mov, .mkv, .webm) through FFmpeg. A file neither can
 * read is reported as "unsupported" with the conversion to use. With {@code loop} the file starts
 * over at its end.
 */
public final class VideoFileSource implements FrameSource {
  private final Path file;
  private final boolean loop;
  private VideoCapture capture;
  private FfmpegVideo ffmpeg;
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
    if (capture.isOpened()) {
      fps = capture.get(Videoio.CAP_PROP_FPS);
    } else {
      capture.release();
      capture = null;
      ffmpeg = FfmpegVideo.open(file);
      if (ffmpeg == null) {
        throw new CameraException("unsupported", Problem.of("errors.camera.videoFormat", file.getFileName()));
      }
      fps = ffmpeg.fps();
    }
    if (!(fps > 0 && fps < 1000)) {
      fps = 25;
    }
    timestampMs = 0;
    loopOffsetMs = 0;
    framesInPass = 0;
  }

  @Override
  public boolean read(Mat bgr) throws CameraException {
    if (capture == null && ffmpeg == null) {
      throw new IllegalStateException("read before open");
    }
    if (next(bgr)) {
      timestampMs = loopOffsetMs + framesInPass++ * 1000.0 / fps;
      return true;
    }
    if (!loop || framesInPass == 0) {
      return false;
    }
    loopOffsetMs += framesInPass * 1000.0 / fps;
    framesInPass = 0;
    if (!rewind() || !next(bgr)) {
      return false;
    }
    timestampMs = loopOffsetMs;
    framesInPass = 1;
    return true;
  }

  private boolean next(Mat bgr) throws CameraException {
    return capture != null ? capture.read(bgr) : ffmpeg.read(bgr);
  }

  private boolean rewind() {
    if (capture != null) {
      capture.set(Videoio.CAP_PROP_POS_FRAMES, 0);
      return true;
    }
    return ffmpeg.rewind();
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
    if (ffmpeg != null) {
      ffmpeg.close();
      ffmpeg = null;
    }
  }
}
