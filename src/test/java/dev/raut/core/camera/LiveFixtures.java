package dev.raut.core.camera;

import dev.raut.core.image.OpenCvNative;
import dev.raut.core.model.ModelStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.opencv.core.Mat;
import org.opencv.core.MatOfByte;
import org.opencv.core.MatOfInt;
import org.opencv.core.Size;
import org.opencv.imgcodecs.Imgcodecs;
import org.opencv.imgproc.Imgproc;
import org.opencv.videoio.VideoWriter;
import org.opencv.videoio.Videoio;

/** Live test material made from the registry's sample photos (fetched by the build into the model cache). */
public final class LiveFixtures {
  private LiveFixtures() {}

  public static List<Path> samplePhotos() {
    Path dir = ModelStore.defaultStore().samplesDir("face-api-samples");
    List<Path> photos = new ArrayList<>();
    for (int i = 1; i <= 6; i++) {
      Path p = dir.resolve("sample" + i + ".jpg");
      if (!Files.isRegularFile(p)) {
        throw new IllegalStateException("Sample photo " + p + " is missing: run 'raut models fetch --with-samples'");
      }
      photos.add(p);
    }
    return photos;
  }

  /** The sample photos resized to {@code width x height} BGR frames; the caller releases them. */
  public static List<Mat> sampleFrames(int width, int height) {
    OpenCvNative.ensureLoaded();
    List<Mat> frames = new ArrayList<>();
    for (Path p : samplePhotos()) {
      Mat photo = Imgcodecs.imread(p.toString(), Imgcodecs.IMREAD_COLOR);
      Mat frame = new Mat();
      Imgproc.resize(photo, frame, new Size(width, height), 0, 0, Imgproc.INTER_AREA);
      photo.release();
      frames.add(frame);
    }
    return frames;
  }

  /** JPEG bytes of each frame (quality 70 keeps 640x480 frames under the IP-camera driver's 100 kB limit). */
  public static List<byte[]> jpegs(List<Mat> frames) {
    List<byte[]> jpegs = new ArrayList<>();
    for (Mat f : frames) {
      MatOfByte buffer = new MatOfByte();
      Imgcodecs.imencode(".jpg", f, buffer, new MatOfInt(Imgcodecs.IMWRITE_JPEG_QUALITY, 70));
      jpegs.add(buffer.toArray());
      buffer.release();
    }
    return jpegs;
  }

  /** Writes a Motion-JPEG .avi of {@code count} frames cycling through {@code frames}. */
  public static Path writeMjpegAvi(Path file, List<Mat> frames, int count, double fps) {
    Mat first = frames.get(0);
    VideoWriter writer = new VideoWriter(file.toString(), Videoio.CAP_OPENCV_MJPEG, VideoWriter.fourcc('M', 'J', 'P', 'G'), fps,
        new Size(first.cols(), first.rows()));
    try {
      if (!writer.isOpened()) {
        throw new IllegalStateException("OpenCV cannot write " + file);
      }
      for (int i = 0; i < count; i++) {
        writer.write(frames.get(i % frames.size()));
      }
    } finally {
      writer.release();
    }
    return file;
  }

  /**
   * Each frame held for {@code framesPerShot} frames, in order: a video of shots, as a camera or a
   * film gives them (a new photo every frame would be a cut at every frame, and Live draws a
   * result only over frames of its own shot).
   */
  public static List<Mat> shots(List<Mat> frames, int framesPerShot) {
    List<Mat> held = new ArrayList<>();
    for (Mat frame : frames) {
      for (int i = 0; i < framesPerShot; i++) {
        held.add(frame);
      }
    }
    return held;
  }

  public static void release(List<Mat> mats) {
    mats.forEach(Mat::release);
  }
}
