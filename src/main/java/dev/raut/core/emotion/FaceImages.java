package dev.raut.core.emotion;

import dev.raut.core.face.DetectedFace;
import java.nio.ByteBuffer;
import java.util.List;
import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;

/**
 * Face crops as the batch tensors face-api's networks take: side x side, RGB 0..255, NHWC. Each
 * crop is cut at the photo's own resolution and then resized once, area-averaged when shrinking,
 * so a large face does not alias into the small input (a direct bilinear warp to 112 would).
 */
public final class FaceImages {
  private FaceImages() {
  }

  /**
   * The same batch written straight into {@code into}, a model's input buffer ({@code OnnxModel.inputBuffer})
   * with room for every crop: OpenCV converts and mirrors in place, no float[] and no copy.
   */
  public static void rgbBatch(Mat bgr, List<DetectedFace> faces, FaceCrop crop, int side, FaceLooks looks,
      ByteBuffer into) {
    int views = looks.perCrop();
    Mat batch = new Mat(faces.size() * views * side, side, CvType.CV_32FC3, into);
    Mat sized = new Mat();
    try {
      int slot = 0;
      for (DetectedFace face : faces) {
        resizedCrop(bgr, face, crop, side, sized);
        Imgproc.cvtColor(sized, sized, Imgproc.COLOR_BGR2RGB);
        Mat view = batch.rowRange(slot * side, (slot + 1) * side);
        sized.convertTo(view, CvType.CV_32F);
        slot++;
        if (looks == FaceLooks.MIRRORED) {
          Core.flip(view, view, 1);
        } else if (looks == FaceLooks.BOTH) {
          Mat mirror = batch.rowRange(slot * side, (slot + 1) * side);
          Core.flip(view, mirror, 1);
          mirror.release();
          slot++;
        }
        view.release();
      }
    } finally {
      sized.release();
      batch.release();
    }
  }

  /** The crop around {@code face}, resized to {@code side} (area-averaged when shrinking), BGR, into {@code sized}. */
  private static void resizedCrop(Mat bgr, DetectedFace face, FaceCrop crop, int side, Mat sized) {
    Mat colour = crop.cropColour(bgr, face);
    try {
      int interpolation = colour.cols() > side ? Imgproc.INTER_AREA : Imgproc.INTER_LINEAR;
      Imgproc.resize(colour, sized, new Size(side, side), 0, 0, interpolation);
    } finally {
      colour.release();
    }
  }

  /** One crop per face, each followed by its mirror image when {@code mirrored}. */
  public static float[] rgbBatch(Mat bgr, List<DetectedFace> faces, FaceCrop crop, int side, boolean mirrored) {
    int pixels = side * side * 3;
    float[] batch = new float[faces.size() * (mirrored ? 2 : 1) * pixels];
    byte[] bytes = new byte[pixels];
    Mat sized = new Mat();
    try {
      int slot = 0;
      for (DetectedFace face : faces) {
        resizedCrop(bgr, face, crop, side, sized);
        sized.get(0, 0, bytes);
        int base = slot++ * pixels;
        for (int i = 0; i < pixels; i += 3) {
          batch[base + i] = bytes[i + 2] & 0xff;
          batch[base + i + 1] = bytes[i + 1] & 0xff;
          batch[base + i + 2] = bytes[i] & 0xff;
        }
        if (mirrored) {
          int mirror = slot++ * pixels;
          for (int y = 0; y < side; y++) {
            for (int x = 0; x < side; x++) {
              System.arraycopy(batch, base + (y * side + x) * 3, batch, mirror + (y * side + side - 1 - x) * 3, 3);
            }
          }
        }
      }
    } finally {
      sized.release();
    }
    return batch;
  }
}
