package dev.raut.core.image;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.opencv.core.Core;
import org.opencv.core.Mat;
import org.opencv.core.MatOfByte;
import org.opencv.imgcodecs.Imgcodecs;

/** Our transforms (used on the ImageIO path) must match what OpenCV does for EXIF JPEGs. */
class OrientationTest {
  @ParameterizedTest
  @ValueSource(ints = {1, 2, 3, 4, 5, 6, 7, 8})
  void matchesOpenCv(int orientation) {
    byte[] jpeg = TestImages.withExifOrientation(TestImages.jpeg(TestImages.noise(48, 32)), orientation);
    Mat byOpenCv = Imgcodecs.imdecode(new MatOfByte(jpeg), Imgcodecs.IMREAD_COLOR);
    Mat stored = Imgcodecs.imdecode(new MatOfByte(jpeg), Imgcodecs.IMREAD_COLOR | Imgcodecs.IMREAD_IGNORE_ORIENTATION);
    Mat ours = Orientation.apply(stored, orientation);

    assertThat(ours.size()).isEqualTo(byOpenCv.size());
    Mat difference = new Mat();
    Core.absdiff(ours, byOpenCv, difference);
    assertThat(Core.sumElems(difference).val).containsOnly(0.0);
  }
}
