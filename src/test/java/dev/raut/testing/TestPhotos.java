package dev.raut.testing;

import dev.raut.core.image.OpenCvNative;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.MatOfByte;
import org.opencv.core.Scalar;
import org.opencv.imgcodecs.Imgcodecs;

/** Small images made on the spot. */
public final class TestPhotos {
  private TestPhotos() {}

  public static byte[] solidPng(int width, int height, int grey) {
    OpenCvNative.ensureLoaded();
    Mat image = new Mat(height, width, CvType.CV_8UC3, new Scalar(grey, grey, grey));
    MatOfByte png = new MatOfByte();
    try {
      Imgcodecs.imencode(".png", image, png);
      return png.toArray();
    } finally {
      image.release();
      png.release();
    }
  }
}
