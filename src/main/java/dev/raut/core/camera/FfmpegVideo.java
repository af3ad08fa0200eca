package dev.raut.core.camera;

import dev.raut.core.text.Problem;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.FrameGrabber;
import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A video file decoded by FFmpeg (H.264, H.265, VP9, AV1, MPEG-4... in .mp4, .mov, .mkv, .webm):
 * the videos phones and screen recorders make, which OpenCV's own reader cannot open. Frames come
 * out as BGR and are turned upright when the file says it was filmed rotated (portrait phone video).
 */
final class FfmpegVideo implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(FfmpegVideo.class);

  private final FFmpegFrameGrabber grabber;
  private final int rotation;
  private byte[] pixelBytes = new byte[0];
  private final Mat decoded = new Mat();

  private FfmpegVideo(FFmpegFrameGrabber grabber, int rotation) {
    this.grabber = grabber;
    this.rotation = rotation;
  }

  /**
   * Opens {@code file}; null when FFmpeg cannot read it (not a video, or no decoder for it), or
   * when FFmpeg's native libraries are not available on this platform.
   */
  static FfmpegVideo open(Path file) {
    FFmpegFrameGrabber grabber;
    try {
      grabber = new FFmpegFrameGrabber(file.toFile());
    } catch (LinkageError | RuntimeException noNatives) {
      LOG.warn("FFmpeg is not available here, only Motion-JPEG videos can be read: {}", noNatives.toString());
      return null;
    }
    try {
      avutil.av_log_set_level(avutil.AV_LOG_ERROR);
      grabber.setPixelFormat(avutil.AV_PIX_FMT_BGR24);
      grabber.start();
      if (grabber.getImageWidth() <= 0 || grabber.getImageHeight() <= 0) {
        grabber.close();
        return null;
      }
      return new FfmpegVideo(grabber, normalise(grabber.getDisplayRotation()));
    } catch (FrameGrabber.Exception | LinkageError | RuntimeException e) {
      LOG.info("FFmpeg cannot read {}: {}", file.getFileName(), e.getMessage());
      closeQuietly(grabber);
      return null;
    }
  }

  /** The file's frame rate, or 0 when it does not say. */
  double fps() {
    double fps = grabber.getFrameRate();
    return fps > 0 && fps < 1000 ? fps : 0;
  }

  /** The next frame as BGR into {@code bgr}; false at the end. */
  boolean read(Mat bgr) throws CameraException {
    org.bytedeco.javacv.Frame frame;
    try {
      frame = grabber.grabImage();
    } catch (FrameGrabber.Exception e) {
      throw new CameraException("unsupported", Problem.of("errors.camera.videoBroken", Problem.of(e)));
    }
    if (frame == null || frame.image == null || frame.image.length == 0) {
      return false;
    }
    int w = frame.imageWidth;
    int h = frame.imageHeight;
    int stride = frame.imageStride;
    ByteBuffer pixels = ((ByteBuffer) frame.image[0]).duplicate();
    Mat target = rotation == 0 ? bgr : decoded;
    if (target.rows() != h || target.cols() != w || target.type() != CvType.CV_8UC3) {
      target.create(h, w, CvType.CV_8UC3);
    }
    // one copy into the Mat per frame: FFmpeg's rows are padded to its alignment, so drop the padding on the way
    int rowBytes = w * 3;
    if (pixelBytes.length != rowBytes * h) {
      pixelBytes = new byte[rowBytes * h];
    }
    if (stride == rowBytes) {
      pixels.get(pixelBytes, 0, pixelBytes.length);
    } else {
      for (int y = 0; y < h; y++) {
        pixels.position(y * stride);
        pixels.get(pixelBytes, y * rowBytes, rowBytes);
      }
    }
    target.put(0, 0, pixelBytes);
    if (rotation != 0) {
      Core.rotate(decoded, bgr, switch (rotation) {
        case 90 -> Core.ROTATE_90_CLOCKWISE;
        case 180 -> Core.ROTATE_180;
        default -> Core.ROTATE_90_COUNTERCLOCKWISE;
      });
    }
    return true;
  }

  /** Back to the first frame, for looping. */
  boolean rewind() {
    try {
      grabber.setTimestamp(0);
      return true;
    } catch (FrameGrabber.Exception e) {
      LOG.info("Cannot rewind the video: {}", e.getMessage());
      return false;
    }
  }

  @Override
  public void close() {
    closeQuietly(grabber);
    decoded.release();
  }

  /** FFmpeg's display matrix gives counter-clockwise degrees; the frame is turned clockwise by that much. */
  static int normalise(double displayRotation) {
    int degrees = (int) Math.round(-displayRotation) % 360;
    degrees = (degrees + 360) % 360;
    return degrees == 90 || degrees == 180 || degrees == 270 ? degrees : 0;
  }

  private static void closeQuietly(FFmpegFrameGrabber grabber) {
    try {
      grabber.close();
    } catch (FrameGrabber.Exception | RuntimeException e) {
      LOG.debug("Closing the video: {}", e.getMessage());
    }
  }
}
