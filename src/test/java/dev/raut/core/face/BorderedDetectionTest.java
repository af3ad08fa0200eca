package dev.raut.core.face;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.raut.core.analysis.DetectorChoice;
import dev.raut.core.analysis.Engine;
import dev.raut.core.image.DecodeTarget;
import dev.raut.core.image.DecodedImage;
import dev.raut.core.image.ImageDecoder;
import dev.raut.testing.Samples;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.opencv.core.Core;
import org.opencv.core.Mat;
import org.opencv.core.Rect;
import org.opencv.core.Scalar;

/**
 * BlazeFace on a close-up framed in a black border (how the photo detector finds faces that fill
 * the frame) gives the faces it gives on the bordered copy, without making that copy.
 */
class BorderedDetectionTest {
  private static Engine engine;

  @BeforeAll
  static void open() {
    engine = Engine.openDefault();
  }

  @AfterAll
  static void close() {
    engine.close();
  }

  @ParameterizedTest(name = "{0} x {1} close-up, border {2}")
  // 350 px with the photo detector's 30% border lines the border up with the input's pixels; the others do not
  @CsvSource({"350, 350, 105", "300, 260, 90", "257, 311, 40"})
  void theBorderIsLetterboxPaddingAndTheFacesAreTheBorderedCopysFaces(int width, int height, int border)
      throws Exception {
    BlazeFaceDetector front = (BlazeFaceDetector) engine.faceDetector(DetectorChoice.FRONT);
    try (DecodedImage photo = new ImageDecoder().decode(Samples.photo(1), DecodeTarget.fullResolution())) {
      DetectedFace face = engine.faceDetector(DetectorChoice.BACK).detect(photo.mat()).get(0);
      // a close-up: the face fills most of the crop, as in a portrait dataset
      int x = (int) Math.min(photo.width() - width, Math.max(0, face.box().centerX() - width / 2.0));
      int y = (int) Math.min(photo.height() - height, Math.max(0, face.box().centerY() - height / 2.0));
      Mat closeUp = photo.mat().submat(new Rect(x, y, width, height)).clone();
      Mat padded = new Mat();
      Core.copyMakeBorder(closeUp, padded, border, border, border, border, Core.BORDER_CONSTANT, new Scalar(0, 0, 0));
      List<DetectedFace> onCopy = front.detect(padded).stream().map(f -> f.translated(-border, -border)).toList();
      List<DetectedFace> bordered = front.detectWithBorder(closeUp, border);

      assertThat(onCopy).isNotEmpty();
      assertThat(bordered).hasSameSizeAs(onCopy);
      for (int i = 0; i < onCopy.size(); i++) {
        double tolerance = 0.02 * onCopy.get(i).box().width();
        assertThat(bordered.get(i).box().x()).isCloseTo(onCopy.get(i).box().x(), within(tolerance));
        assertThat(bordered.get(i).box().y()).isCloseTo(onCopy.get(i).box().y(), within(tolerance));
        assertThat(bordered.get(i).box().width()).isCloseTo(onCopy.get(i).box().width(), within(tolerance));
        assertThat(bordered.get(i).score()).isCloseTo(onCopy.get(i).score(), within(0.01));
        assertThat(bordered.get(i).keypoints().get(0).x()).isCloseTo(onCopy.get(i).keypoints().get(0).x(),
            within(tolerance));
      }
      closeUp.release();
      padded.release();
    }
  }
}
