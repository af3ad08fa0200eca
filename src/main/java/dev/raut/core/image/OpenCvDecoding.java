package dev.raut.core.image;

import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.MatOfByte;
import org.opencv.imgcodecs.Imgcodecs;
import org.opencv.imgproc.Imgproc;

/**
 * Decodes with OpenCV's {@code imdecode}, from memory (no temporary files for our formats), and
 * brings every result to 8-bit BGR: 16-bit and float samples are scaled, grey is expanded and
 * alpha is composited over white.
 */
final class OpenCvDecoding {
  private OpenCvDecoding() {}

  /** The decoded BGR image, or an empty Mat when OpenCV cannot read the data. */
  static Mat decode(byte[] data, ImageFormat format, int reduction) {
    MatOfByte encoded = new MatOfByte(data);
    try {
      return switch (format) {
        // libjpeg scales in the DCT (the big speed win) and OpenCV applies the EXIF orientation
        case JPEG -> Imgcodecs.imdecode(encoded, jpegFlag(reduction));
        // 32-bit BMPs often carry an unused, all-zero alpha channel: ignore it
        case BMP -> Imgcodecs.imdecode(encoded, Imgcodecs.IMREAD_COLOR);
        default -> {
          Mat decoded = Imgcodecs.imdecode(encoded, Imgcodecs.IMREAD_UNCHANGED);
          // OpenCV applies the TIFF orientation itself, even with IMREAD_UNCHANGED
          yield decoded.empty() ? decoded : toBgr(toEightBit(decoded));
        }
      };
    } finally {
      encoded.release();
    }
  }

  private static int jpegFlag(int reduction) {
    return switch (reduction) {
      case 1 -> Imgcodecs.IMREAD_COLOR;
      case 2 -> Imgcodecs.IMREAD_REDUCED_COLOR_2;
      case 4 -> Imgcodecs.IMREAD_REDUCED_COLOR_4;
      case 8 -> Imgcodecs.IMREAD_REDUCED_COLOR_8;
      default -> throw new IllegalArgumentException("JPEG can be reduced by 1, 2, 4 or 8, not " + reduction);
    };
  }

  private static Mat toEightBit(Mat decoded) {
    int depth = decoded.depth();
    if (depth == CvType.CV_8U) {
      return decoded;
    }
    double scale = switch (depth) {
      case CvType.CV_16U -> 1.0 / 257; // 65535 -> 255
      case CvType.CV_32F, CvType.CV_64F -> 255.0; // float images are 0..1
      default -> 1.0;
    };
    Mat eightBit = new Mat();
    decoded.convertTo(eightBit, CvType.CV_8U, scale);
    decoded.release();
    return eightBit;
  }

  private static Mat toBgr(Mat eightBit) {
    int channels = eightBit.channels();
    if (channels == 3) {
      return eightBit;
    }
    Mat bgr = new Mat();
    if (channels == 4) {
      compositeOverWhite(eightBit, bgr);
    } else {
      Imgproc.cvtColor(eightBit, bgr, Imgproc.COLOR_GRAY2BGR);
    }
    eightBit.release();
    return bgr;
  }

  /** bgr * a/255 + white * (255-a)/255, i.e. bgr * a/255 + (255 - a). */
  private static void compositeOverWhite(Mat bgra, Mat bgr) {
    Mat colour = new Mat();
    Mat alpha = new Mat();
    Mat alpha3 = new Mat();
    try {
      Imgproc.cvtColor(bgra, colour, Imgproc.COLOR_BGRA2BGR);
      Core.extractChannel(bgra, alpha, 3);
      Imgproc.cvtColor(alpha, alpha3, Imgproc.COLOR_GRAY2BGR);
      Core.multiply(colour, alpha3, bgr, 1.0 / 255);
      Core.bitwise_not(alpha3, alpha3);
      Core.add(bgr, alpha3, bgr);
    } finally {
      colour.release();
      alpha.release();
      alpha3.release();
    }
  }
}
