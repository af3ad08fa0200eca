package dev.raut.core.camera;

import dev.raut.core.image.OpenCvNative;
import dev.raut.core.text.Problem;
import java.nio.file.Path;
import org.opencv.core.Mat;
import org.opencv.core.Size;
import org.opencv.videoio.VideoWriter;
import org.opencv.videoio.Videoio;

/**
 * Writes frames to a Motion-JPEG .avi (the one video format the bundled OpenCV writes and reads)
 * that plays at the speed it was recorded. An .avi has one fixed frame rate, but frames arrive as
 * fast as they are analysed and shown (often fewer than the camera's rate), so each frame is
 * written as many times as its time on screen fills at the file's rate, or skipped when it came
 * sooner than the next slot.
 */
public final class MjpegRecorder implements AutoCloseable {
  /** A stall longer than this (seconds) is not filled frame by frame: the file would grow for nothing. */
  private static final double LONGEST_FILLED_GAP_S = 5;

  private final VideoWriter writer;
  private final double fps;
  private final Path file;
  private final int width;
  private final int height;
  private long frames;
  private double firstMs = Double.NaN;

  public MjpegRecorder(Path file, double fps, int width, int height) throws CameraException {
    OpenCvNative.ensureLoaded();
    this.file = file;
    this.width = width;
    this.height = height;
    this.fps = fps > 0 ? fps : 25;
    writer = new VideoWriter(file.toString(), Videoio.CAP_OPENCV_MJPEG, VideoWriter.fourcc('M', 'J', 'P', 'G'),
        this.fps, new Size(width, height));
    if (!writer.isOpened()) {
      writer.release();
      throw new CameraException("unsupported", Problem.of("errors.camera.cannotWrite", file));
    }
  }

  /** Appends a frame shown now (the wall clock); see {@link #write(Mat, double)}. */
  public void write(Mat bgr) {
    write(bgr, System.nanoTime() / 1e6);
  }

  /**
   * Appends a frame shown at {@code timeMs} (any clock, the same for every frame of the file):
   * written into every slot of the file's rate up to that time. Frames of another size (the camera
   * changed resolution) are skipped.
   */
  public void write(Mat bgr, double timeMs) {
    if (bgr.cols() != width || bgr.rows() != height) {
      return;
    }
    if (Double.isNaN(firstMs)) {
      firstMs = timeMs;
    }
    long slot = (long) Math.floor((timeMs - firstMs) * fps / 1000.0) + 1;
    long fill = Math.min(slot - frames, (long) Math.ceil(LONGEST_FILLED_GAP_S * fps));
    for (long i = 0; i < fill; i++) {
      writer.write(bgr);
      frames++;
    }
    if (slot > frames) {
      // after a long stall the file's clock jumps: the next frames are written at once again
      firstMs = timeMs - (frames - 1) * 1000.0 / fps;
    }
  }

  public Path file() {
    return file;
  }

  public long frames() {
    return frames;
  }

  @Override
  public void close() {
    writer.release();
  }
}
