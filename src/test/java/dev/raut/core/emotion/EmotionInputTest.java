package dev.raut.core.emotion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.raut.core.face.DetectedFace;
import dev.raut.core.geometry.Box;
import dev.raut.core.geometry.Point;
import dev.raut.core.image.OpenCvNative;
import dev.raut.core.onnx.OnnxModel;
import dev.raut.testing.PixelPickerModel;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;

/**
 * The tensors the emotion networks are given, seen through a model that hands back chosen input
 * elements: each face's crop in order, scaled as the network was trained, its mirror image after it.
 */
class EmotionInputTest {
  private static final List<String> LABELS = List.of("angry", "disgust", "fear", "happy", "sad", "surprise", "neutral");
  private static final List<String> FACE_API_LABELS =
      List.of("neutral", "happy", "sad", "angry", "fearful", "disgusted", "surprised");

  @TempDir
  Path dir;

  @BeforeAll
  static void loadOpenCv() {
    OpenCvNative.ensureLoaded();
  }

  /** A photo of random colours, so every pixel and channel differs from its neighbours. */
  private static Mat noisePhoto() {
    Mat bgr = new Mat(240, 320, CvType.CV_8UC3);
    byte[] pixels = new byte[240 * 320 * 3];
    new Random(7).nextBytes(pixels);
    bgr.put(0, 0, pixels);
    return bgr;
  }

  private static final List<DetectedFace> FACES = List.of(
      new DetectedFace(new Box(40, 50, 60, 60), 0.9, List.of(new Point(55, 70), new Point(85, 72))),
      new DetectedFace(new Box(180, 90, 80, 76), 0.8, List.of(new Point(200, 110), new Point(240, 108))));

  /**
   * Noise, brighter than 224 around the first face (every pick scores above FAST's bar: read once)
   * and darker than 100 around the second (every pick below it: read mirrored too).
   */
  private static Mat sureAndUnsurePhoto() {
    Mat bgr = noisePhoto();
    Mat bright = bgr.submat(30, 130, 20, 120);
    Core.normalize(bright, bright, 224, 255, Core.NORM_MINMAX);
    Mat dim = bgr.submat(70, 186, 160, 280);
    Core.normalize(dim, dim, 0, 100, Core.NORM_MINMAX);
    bright.release();
    dim.release();
    return bgr;
  }

  @Test
  void miniXceptionReadsEachGreyCropScaledToPlusMinusOneAndItsMirrorImageWhereUnsure() throws Exception {
    // seven picks from the 64 x 64 grey input: (row, column) pairs, the last column's mirror is column 0
    int[][] at = {{0, 0}, {0, 63}, {10, 5}, {32, 31}, {63, 0}, {20, 40}, {50, 12}};
    int[] picks = new int[at.length];
    for (int k = 0; k < at.length; k++) {
      picks[k] = at[k][0] * 64 + at[k][1];
    }
    Mat bgr = sureAndUnsurePhoto();
    try (OnnxModel model = OnnxModel.load(PixelPickerModel.write(dir, 64, 64, 1, picks), "picker", 1)) {
      EmotionClassifier classifier = new EmotionClassifier(model, LABELS);
      List<EmotionPrediction> single = classifier.classify(bgr, FACES, FaceCrop.DETECTED_FACE, EmotionViews.SINGLE);
      List<EmotionPrediction> fast = classifier.classify(bgr, FACES, FaceCrop.DETECTED_FACE, EmotionViews.FAST);
      assertThat(single.get(0).score()).isGreaterThanOrEqualTo(EmotionClassifier.MIRROR_BELOW);
      assertThat(single.get(1).score()).isLessThan(EmotionClassifier.MIRROR_BELOW);
      for (int f = 0; f < FACES.size(); f++) {
        Mat grey = new Mat();
        FaceCrop.DETECTED_FACE.cropGrey(bgr, FACES.get(f), 64, 0, 0, grey);
        for (int k = 0; k < at.length; k++) {
          double pixel = grey.get(at[k][0], at[k][1])[0] / 127.5 - 1;
          double mirror = grey.get(at[k][0], 63 - at[k][1])[0] / 127.5 - 1;
          assertThat(single.get(f).scores().get(LABELS.get(k))).as("face %d pick %d", f, k).isCloseTo(pixel, within(1e-5));
          // the sure face keeps its one reading, the unsure one is averaged with its mirror image
          double expected = f == 0 ? pixel : (pixel + mirror) / 2;
          assertThat(fast.get(f).scores().get(LABELS.get(k))).as("face %d pick %d, FAST", f, k)
              .isCloseTo(expected, within(1e-5));
        }
        grey.release();
      }
    }
    bgr.release();
  }

  @Test
  void faceExpressionNetReadsEachColourCropAsRgbZeroTo255AndItsMirrorImage() throws Exception {
    // seven picks from the 112 x 112 x 3 input: (row, column, channel); channel 0 is red
    int[][] at = {{0, 0, 0}, {0, 111, 2}, {5, 7, 1}, {56, 56, 0}, {111, 3, 2}, {30, 90, 1}, {80, 20, 0}};
    int side = FaceExpressionClassifier.SIDE;
    int[] picks = new int[at.length];
    for (int k = 0; k < at.length; k++) {
      picks[k] = (at[k][0] * side + at[k][1]) * 3 + at[k][2];
    }
    Mat bgr = noisePhoto();
    FaceCrop crop = new FaceCrop(1.8, 0.05, true);
    try (OnnxModel model = OnnxModel.load(PixelPickerModel.write(dir, side, side, 3, picks), "picker", 1)) {
      FaceExpressionClassifier classifier = new FaceExpressionClassifier(model, FACE_API_LABELS, LABELS);
      List<EmotionPrediction> single = classifier.classify(bgr, FACES, crop, EmotionViews.SINGLE);
      List<EmotionPrediction> mirrored = classifier.classify(bgr, FACES, crop, EmotionViews.THOROUGH);
      for (int f = 0; f < FACES.size(); f++) {
        Mat colour = crop.cropColour(bgr, FACES.get(f));
        Mat sized = new Mat();
        Imgproc.resize(colour, sized, new Size(side, side), 0, 0,
            colour.cols() > side ? Imgproc.INTER_AREA : Imgproc.INTER_LINEAR);
        for (int k = 0; k < at.length; k++) {
          // the model's k-th output is face-api's k-th label, answered under its FER name
          String label = List.of("neutral", "happy", "sad", "angry", "fear", "disgust", "surprise").get(k);
          int bgrChannel = 2 - at[k][2];
          double pixel = sized.get(at[k][0], at[k][1])[bgrChannel];
          double mirror = sized.get(at[k][0], side - 1 - at[k][1])[bgrChannel];
          assertThat(single.get(f).scores().get(label)).as("face %d pick %d", f, k).isCloseTo(pixel, within(1e-3));
          assertThat(mirrored.get(f).scores().get(label)).as("face %d pick %d, mean with the mirror", f, k)
              .isCloseTo((pixel + mirror) / 2, within(1e-3));
        }
        colour.release();
        sized.release();
      }
    }
    bgr.release();
  }

  @Test
  void aMirroredLookIsTheSecondHalfOfBothLooks() {
    Mat bgr = noisePhoto();
    FaceCrop crop = new FaceCrop(1.8, 0.05, true);
    int side = 32;
    int floats = side * side * 3;
    ByteBuffer both = ByteBuffer.allocateDirect(FACES.size() * 2 * floats * 4).order(ByteOrder.nativeOrder());
    ByteBuffer mirrored = ByteBuffer.allocateDirect(FACES.size() * floats * 4).order(ByteOrder.nativeOrder());
    FaceImages.rgbBatch(bgr, FACES, crop, side, FaceLooks.BOTH, both);
    FaceImages.rgbBatch(bgr, FACES, crop, side, FaceLooks.MIRRORED, mirrored);
    FloatBuffer b = both.asFloatBuffer();
    FloatBuffer m = mirrored.asFloatBuffer();
    for (int f = 0; f < FACES.size(); f++) {
      for (int i = 0; i < floats; i++) {
        assertThat(m.get(f * floats + i)).as("face %d float %d", f, i).isEqualTo(b.get((2 * f + 1) * floats + i));
      }
    }
    bgr.release();
  }
}
