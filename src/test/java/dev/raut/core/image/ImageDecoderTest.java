package dev.raut.core.image;

import static dev.raut.core.image.TestImages.BLUE;
import static dev.raut.core.image.TestImages.RED;
import static dev.raut.core.image.TestImages.jpeg;
import static dev.raut.core.image.TestImages.pixel;
import static dev.raut.core.image.TestImages.png;
import static dev.raut.core.image.TestImages.solid;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Scalar;

/** Valid and odd-but-valid images: all come out upright, 8-bit BGR, with the right size. */
class ImageDecoderTest {
  private static final double LOSSY_TOLERANCE = 6;

  private final ImageDecoder decoder = new ImageDecoder();

  @TempDir Path dir;

  @Test
  void exifRotatedJpegIsTurnedUprightAtEveryReduction() throws Exception {
    byte[] rotated = TestImages.withExifOrientation(jpeg(TestImages.leftWhiteRightBlack(320, 160)), 6);
    for (int longSide : new int[] {320, 160, 80, 40}) {
      try (DecodedImage image = decoder.decode(rotated, "rotated.jpg", DecodeTarget.longSideAtLeast(longSide))) {
        assertThat(image.originalWidth()).isEqualTo(160);
        assertThat(image.originalHeight()).isEqualTo(320);
        assertThat(image.height()).isEqualTo(longSide);
        assertThat(image.width()).isEqualTo(longSide / 2);
        // turned 90° clockwise: the white left half is now on top
        assertThat(pixel(image, image.width() / 2, 2)[0]).isGreaterThan(200);
        assertThat(pixel(image, image.width() / 2, image.height() - 3)[0]).isLessThan(50);
      }
    }
  }

  @Test
  void orientedTiffIsTurnedUpright() throws Exception {
    byte[] tiff = TestImages.tiffWithOrientation(40, 20, 6);
    try (DecodedImage image = decoder.decode(tiff, "scan.tif", DecodeTarget.fullResolution())) {
      assertThat(image.format()).isEqualTo(ImageFormat.TIFF);
      assertStandardMat(image, 20, 40);
      assertThat(image.originalWidth()).isEqualTo(20);
      assertThat(pixel(image, 10, 2)[0]).isEqualTo(255);
      assertThat(pixel(image, 10, 37)[0]).isZero();
    }
  }

  @Test
  void probeAppliesExifOrientationToTheSize() throws Exception {
    byte[] rotated = TestImages.withExifOrientation(jpeg(solid(320, 160, RED)), 6);
    ImageHeader header = decoder.probe(Files.write(dir.resolve("r.jpg"), rotated));
    assertThat(header.format()).isEqualTo(ImageFormat.JPEG);
    assertThat(header.orientation()).isEqualTo(6);
    assertThat(header.storedWidth()).isEqualTo(320);
    assertThat(header.width()).isEqualTo(160);
    assertThat(header.height()).isEqualTo(320);
  }

  @Test
  void reducedJpegDecodeKeepsTheTargetAndReportsTheScale() throws Exception {
    byte[] photo = jpeg(TestImages.noise(1000, 601));
    try (DecodedImage image = decoder.decode(photo, "p.jpg", DecodeTarget.longSideAtLeast(200))) {
      assertThat(image.width()).isEqualTo(250); // 1000 / 4; by 8 would be 125 < 200
      assertThat(image.height()).isEqualTo(151); // libjpeg rounds up
      assertThat(image.originalWidth()).isEqualTo(1000);
      assertThat(image.originalHeight()).isEqualTo(601);
      assertThat(image.scaleX()).isEqualTo(0.25);
      assertThat(image.scaleY()).isCloseTo(0.25, within(0.002));
    }
    try (DecodedImage image = decoder.decode(photo, "p.jpg", DecodeTarget.shortSideAtLeast(300))) {
      assertThat(image.height()).isEqualTo(301); // by 2; by 4 would leave 151 < 300
    }
    try (DecodedImage image = decoder.decode(photo, "p.jpg", DecodeTarget.fullResolution())) {
      assertThat(image.width()).isEqualTo(1000);
      assertThat(image.scaleX()).isEqualTo(1.0);
    }
  }

  @Test
  void otherFormatsAreDecodedInFull() throws Exception {
    try (DecodedImage image = decoder.decode(png(solid(400, 200, RED)), "p.png", DecodeTarget.longSideAtLeast(50))) {
      assertThat(image.width()).isEqualTo(400);
    }
  }

  @ParameterizedTest
  @CsvSource({".png, PNG", ".bmp, BMP", ".tiff, TIFF", ".webp, WEBP"})
  void formatsOpenCvEncodes(String extension, ImageFormat format) throws Exception {
    Path file = Files.write(dir.resolve("image" + extension), TestImages.encode(extension, solid(30, 20, RED)));
    try (DecodedImage image = decoder.decode(file, DecodeTarget.fullResolution())) {
      assertThat(image.format()).isEqualTo(format);
      assertStandardMat(image, 30, 20);
      // WebP is lossy by default
      assertThat(pixel(image, 5, 5)).containsExactly(new double[] {0, 0, 255}, within(LOSSY_TOLERANCE));
    }
  }

  @Test
  void wrongExtensionIsDecodedByContent() throws Exception {
    Path file = Files.write(dir.resolve("actually-a-png.jpg"), png(solid(8, 8, BLUE)));
    try (DecodedImage image = decoder.decode(file, DecodeTarget.fullResolution())) {
      assertThat(image.format()).isEqualTo(ImageFormat.PNG);
      assertThat(pixel(image, 1, 1)).containsExactly(255, 0, 0);
    }
  }

  @Test
  void strayBytesBetweenJpegSegmentsAreToleratedLikeLibjpegDoes() throws Exception {
    byte[] clean = jpeg(solid(16, 16, BLUE));
    int sos = TestImages.startOfScan(clean);
    byte[] padded = TestImages.concat(TestImages.slice(clean, 0, sos), new byte[3], TestImages.slice(clean, sos, clean.length));
    try (DecodedImage image = decoder.decode(padded, "padded.jpg", DecodeTarget.fullResolution())) {
      assertThat(pixel(image, 8, 8)).containsExactly(new double[] {255, 0, 0}, within(LOSSY_TOLERANCE));
    }
  }

  @Test
  void greyJpegBecomesThreeChannels() throws Exception {
    Mat grey = new Mat(16, 24, CvType.CV_8UC1, new Scalar(128));
    try (DecodedImage image = decoder.decode(jpeg(grey), "grey.jpg", DecodeTarget.fullResolution())) {
      assertStandardMat(image, 24, 16);
      assertThat(pixel(image, 3, 3)).containsExactly(new double[] {128, 128, 128}, within(2.0));
    }
  }

  @Test
  void cmykJpegHasTheRightColours() throws Exception {
    // pure magenta + yellow ink is red
    byte[] cmyk = TestImages.cmykJpeg(32, 16, 0, 255, 255, 0);
    try (DecodedImage image = decoder.decode(cmyk, "cmyk.jpg", DecodeTarget.fullResolution())) {
      assertStandardMat(image, 32, 16);
      assertThat(pixel(image, 10, 8)).containsExactly(new double[] {0, 0, 255}, within(LOSSY_TOLERANCE));
    }
  }

  @Test
  void sixteenBitPngIsScaledToEightBits() throws Exception {
    Mat deep = new Mat(10, 10, CvType.CV_16UC3, new Scalar(0, 32896, 65535));
    try (DecodedImage image = decoder.decode(png(deep), "deep.png", DecodeTarget.fullResolution())) {
      assertStandardMat(image, 10, 10);
      assertThat(pixel(image, 2, 2)).containsExactly(0, 128, 255);
    }
  }

  @Test
  void transparentPixelsBecomeWhite() throws Exception {
    Mat bgra = new Mat(10, 20, CvType.CV_8UC4, new Scalar(0, 0, 0, 0)); // transparent black
    bgra.submat(0, 10, 10, 20).setTo(new Scalar(0, 0, 255, 255)); // opaque red right half
    bgra.submat(0, 10, 5, 10).setTo(new Scalar(0, 0, 0, 128)); // half-transparent black
    try (DecodedImage image = decoder.decode(png(bgra), "alpha.png", DecodeTarget.fullResolution())) {
      assertStandardMat(image, 20, 10);
      assertThat(pixel(image, 1, 1)).containsExactly(255, 255, 255);
      assertThat(pixel(image, 7, 1)).containsExactly(new double[] {127, 127, 127}, within(1.0));
      assertThat(pixel(image, 15, 1)).containsExactly(0, 0, 255);
    }
  }

  @Test
  void palettePng() throws Exception {
    try (DecodedImage image = decoder.decode(TestImages.palettePng(12, 12, 0x00FF00), "palette.png", DecodeTarget.fullResolution())) {
      assertStandardMat(image, 12, 12);
      assertThat(pixel(image, 4, 4)).containsExactly(0, 255, 0);
    }
  }

  @Test
  void animatedGifGivesItsFirstFrame() throws Exception {
    try (DecodedImage image = decoder.decode(TestImages.animatedGif(16, 8), "anim.gif", DecodeTarget.fullResolution())) {
      assertThat(image.format()).isEqualTo(ImageFormat.GIF);
      assertStandardMat(image, 16, 8);
      assertThat(pixel(image, 3, 3)).containsExactly(0, 0, 255);
    }
  }

  @Test
  void pixelsAsRgbAndGrey() throws Exception {
    try (DecodedImage image = decoder.decode(png(solid(3, 2, RED)), "red.png", DecodeTarget.fullResolution())) {
      byte[] rgb = image.rgbPixels();
      assertThat(rgb).hasSize(3 * 2 * 3);
      assertThat(rgb[0] & 0xFF).isEqualTo(255);
      assertThat(rgb[2] & 0xFF).isZero();
      assertThat(image.greyPixels()).hasSize(6);
    }
  }

  @Test
  void closedImageRefusesAccess() throws Exception {
    DecodedImage image = decoder.decode(png(solid(3, 2, RED)), "red.png", DecodeTarget.fullResolution());
    image.close();
    image.close();
    assertThatThrownBy(image::mat).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void severalThreadsDecodeAtOnce() throws Exception {
    byte[] rotated = TestImages.withExifOrientation(jpeg(TestImages.leftWhiteRightBlack(640, 320)), 6);
    byte[] gif = TestImages.animatedGif(64, 32);
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<int[]>> results = new ArrayList<>();
      for (int i = 0; i < 40; i++) {
        byte[] data = i % 2 == 0 ? rotated : gif;
        results.add(pool.submit(() -> {
          try (DecodedImage image = decoder.decode(data, "x", DecodeTarget.longSideAtLeast(160))) {
            return new int[] {image.width(), image.height()};
          }
        }));
      }
      for (int i = 0; i < results.size(); i++) {
        assertThat(results.get(i).get()).containsExactly(i % 2 == 0 ? new int[] {80, 160} : new int[] {64, 32});
      }
    } finally {
      pool.shutdownNow();
    }
  }

  private static void assertStandardMat(DecodedImage image, int width, int height) {
    Mat mat = image.mat();
    assertThat(mat.type()).isEqualTo(CvType.CV_8UC3);
    assertThat(mat.isContinuous()).isTrue();
    assertThat(image.width()).isEqualTo(width);
    assertThat(image.height()).isEqualTo(height);
  }
}
