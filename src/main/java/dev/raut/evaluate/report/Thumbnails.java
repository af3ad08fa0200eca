package dev.raut.evaluate.report;

import dev.raut.core.evaluate.ImagePrediction;
import dev.raut.core.geometry.Box;
import dev.raut.core.image.DecodeTarget;
import dev.raut.core.image.DecodedImage;
import dev.raut.core.image.ImageDecodeException;
import dev.raut.core.image.ImageDecoder;
import java.util.Optional;
import org.opencv.core.Mat;
import org.opencv.core.MatOfByte;
import org.opencv.core.MatOfInt;
import org.opencv.core.Rect;
import org.opencv.core.Size;
import org.opencv.imgcodecs.Imgcodecs;
import org.opencv.imgproc.Imgproc;

/** Small JPEGs of what the model looked at: the face or object when there is one, else the whole image. */
public final class Thumbnails {
  /** Thumbnails fit in a square of this side. */
  static final int SIDE = 112;
  /** Show some context around a face or object. */
  private static final double MARGIN = 0.15;

  private final ImageDecoder decoder;

  public Thumbnails(ImageDecoder decoder) {
    this.decoder = decoder;
  }

  /** Empty when the image cannot be decoded any more (it was moved or is corrupt). */
  public Optional<byte[]> jpeg(ImagePrediction prediction) {
    try (DecodedImage image = decoder.decode(prediction.file(), DecodeTarget.longSideAtLeast(640))) {
      Mat pixels = image.mat();
      Rect area = area(prediction.region(), image);
      Mat cropped = pixels.submat(area);
      Mat small = new Mat();
      MatOfByte encoded = new MatOfByte();
      try {
        double scale = (double) SIDE / Math.max(area.width, area.height);
        Imgproc.resize(cropped, small, new Size(Math.max(1, Math.round(area.width * scale)),
            Math.max(1, Math.round(area.height * scale))), 0, 0, scale < 1 ? Imgproc.INTER_AREA : Imgproc.INTER_LINEAR);
        Imgcodecs.imencode(".jpg", small, encoded, new MatOfInt(Imgcodecs.IMWRITE_JPEG_QUALITY, 85));
        return Optional.of(encoded.toArray());
      } finally {
        encoded.release();
        small.release();
        cropped.release();
      }
    } catch (ImageDecodeException e) {
      return Optional.empty();
    }
  }

  /** The region in decoded pixels, with a margin, inside the image; the whole image without a region. */
  private static Rect area(Box region, DecodedImage image) {
    if (region == null) {
      return new Rect(0, 0, image.width(), image.height());
    }
    double sx = image.scaleX();
    double sy = image.scaleY();
    double grow = Math.max(region.width(), region.height()) * MARGIN;
    int x0 = clamp((region.x() - grow) * sx, image.width() - 1);
    int y0 = clamp((region.y() - grow) * sy, image.height() - 1);
    int x1 = clamp((region.x() + region.width() + grow) * sx, image.width());
    int y1 = clamp((region.y() + region.height() + grow) * sy, image.height());
    return new Rect(x0, y0, Math.max(1, x1 - x0), Math.max(1, y1 - y0));
  }

  private static int clamp(double v, int max) {
    return (int) Math.max(0, Math.min(max, Math.round(v)));
  }
}
