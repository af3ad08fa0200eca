package dev.raut.core.camera;

import dev.raut.core.image.OpenCvNative;
import dev.raut.core.text.Problem;
import java.nio.file.Path;
import org.opencv.core.Mat;
import org.opencv.core.Size;
import org.opencv.videoio.VideoWriter;
import org.opencv.videoio.Videoio;

/** Writes frames to a Motion-JPEG .avi (the one video format the bundled OpenCV writes and reads). */
public final class MjpegRecorder implements AutoCloseable {
  private final VideoWriter writer;
  private final Path file;
  private final int width;
  private final int height;
  private long frames;

  public MjpegRecorder(Path file, double fps, int width, int height) throws CameraException {
    OpenCvNative.ensureLoaded();
    this.file = file;
    this.width = width;
    this.height = height;
    writer = new VideoWriter(file.toString(), Videoio.CAP_OPENCV_MJPEG, VideoWriter.fourcc('M', 'J', 'P', 'G'),
        fps > 0 ? fps : 25, new Size(width, height));
    if (!writer.isOpened()) {
      writer.release();
      throw new CameraException("unsupported", Problem.of("errors.camera.cannotWrite", file));
    }
  }

  /** Appends a frame; frames of another size (the camera changed resolution) are skipped. */
  public void write(Mat bgr) {
    if (bgr.cols() == width && bgr.rows() == height) {
      writer.write(bgr);
      frames++;
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
