package dev.raut.core.classify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.raut.core.analysis.Engine;
import dev.raut.core.image.OpenCvNative;
import dev.raut.core.onnx.ModelLoadException;
import dev.raut.core.onnx.OnnxModel;
import dev.raut.testing.TinyClassifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Scalar;

/** A user's ONNX classifier: from a card, from a bare .onnx, and refused when it doesn't fit its labels. */
class OnnxImageClassifierTest {
  @TempDir
  Path dir;

  private static Mat solid(int b, int g, int r) {
    OpenCvNative.ensureLoaded();
    return new Mat(40, 60, CvType.CV_8UC3, new Scalar(b, g, r));
  }

  @Test
  void classifiesWithItsCard() throws Exception {
    Path card = TinyClassifier.writeColourClassifier(dir);
    try (Engine engine = Engine.openDefault()) {
      OnnxImageClassifier classifier = engine.classifier(card.toString());
      assertThat(classifier.name()).isEqualTo("Colours");
      Mat blue = solid(250, 10, 10);
      List<ClassPrediction> result = classifier.classify(blue);
      blue.release();
      assertThat(result).extracting(ClassPrediction::label).containsExactly("blue", "red", "green");
      assertThat(result.get(0).score()).isGreaterThan(0.99);
      assertThat(result.stream().mapToDouble(ClassPrediction::score).sum()).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-6));
    }
  }

  /** A wide photo red | green | blue: centre-cropped (Teachable Machine's way) it is all green. */
  @Test
  void centreCropReadsOnlyTheMiddle() throws Exception {
    Path card = TinyClassifier.writeColourClassifier(dir);
    ClassifierCards.Loaded loaded = ClassifierCards.read(card);
    OpenCvNative.ensureLoaded();
    try (OnnxModel model = OnnxModel.load(loaded.onnxFile(), "Colours", 1)) {
      OnnxImageClassifier stretch = new OnnxImageClassifier("Colours", model, loaded.spec());
      Mat wide = new Mat(40, 120, CvType.CV_8UC3, new Scalar(0, 0, 250));
      wide.colRange(40, 80).setTo(new Scalar(10, 250, 10));
      wide.colRange(80, 120).setTo(new Scalar(250, 10, 10));
      OnnxImageClassifier cropped = new OnnxImageClassifier("Colours", model,
          loaded.spec().withFit(ClassifierSpec.Fit.CENTER_CROP));
      float[] input = cropped.toInput(wide);
      float[] stretched = stretch.toInput(wide);
      wide.release();
      int plane = input.length / 3;
      for (int i = 0; i < plane; i++) {
        assertThat(input[plane + i]).as("green plane").isGreaterThan(input[i]);
      }
      assertThat(stretched[0]).as("the stretched photo starts red").isGreaterThan(stretched[plane]);
    }
  }

  @Test
  void guessesTheSpecOfABareOnnxAndReadsItsLabelsFile() throws Exception {
    Path onnx = TinyClassifier.writeOnnx(dir, 3);
    Files.writeString(dir.resolve("colours.labels.txt"), "rot\ngrün\nblau\n");
    ClassifierCards.Loaded loaded = ClassifierCards.read(onnx);
    assertThat(loaded.spec().width()).isEqualTo(8);
    assertThat(loaded.spec().layout()).isEqualTo(ClassifierSpec.Layout.NCHW);
    assertThat(loaded.spec().color()).isEqualTo(ClassifierSpec.ColorOrder.RGB);
    assertThat(loaded.spec().normalization()).isEqualTo(ClassifierSpec.Normalization.MEAN_STD);
    assertThat(loaded.spec().labels()).containsExactly("rot", "grün", "blau");
  }

  @Test
  void refusesAModelWhoseOutputsDoNotMatchItsLabels() throws Exception {
    Path onnx = TinyClassifier.writeOnnx(dir, 5);
    ClassifierSpec spec = new ClassifierSpec(8, 8, ClassifierSpec.Layout.NCHW, ClassifierSpec.ColorOrder.RGB,
        ClassifierSpec.Normalization.ZERO_ONE, null, null, true, List.of("a", "b", "c"));
    try (OnnxModel model = OnnxModel.load(onnx, "five", 1)) {
      ModelLoadException error = catchThrowableOfType(ModelLoadException.class, () -> new OnnxImageClassifier("five", model, spec));
      assertThat(error.getMessage()).isEqualTo("five outputs 5 classes but its labels list has 3. Give a labels file with one label per output class.");
    }
  }

  @Test
  void refusesAFileThatIsNotAModel() throws Exception {
    Path fake = dir.resolve("fake.onnx");
    Files.writeString(fake, "this is not a model");
    ModelLoadException error = catchThrowableOfType(ModelLoadException.class, () -> ClassifierCards.read(fake));
    assertThat(error.getMessage()).startsWith("The model file fake.onnx (fake.onnx) is not a model ONNX Runtime can load");
  }
}
