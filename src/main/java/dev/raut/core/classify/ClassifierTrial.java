package dev.raut.core.classify;

import dev.raut.core.image.DecodeTarget;
import dev.raut.core.image.DecodedImage;
import dev.raut.core.image.ImageDecodeException;
import dev.raut.core.image.ImageDecoder;
import dev.raut.core.onnx.ModelLoadException;
import dev.raut.core.onnx.OnnxModel;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Scalar;

/**
 * A user's classifier loaded on its own, before it is imported: checks that the model loads, that
 * its input matches the preprocessing and its output the labels, and classifies a photo for a
 * preview. Owns its ONNX Runtime session; close it.
 */
public final class ClassifierTrial implements AutoCloseable {
  private final OnnxModel model;
  private final OnnxImageClassifier classifier;

  private ClassifierTrial(OnnxModel model, OnnxImageClassifier classifier) {
    this.model = model;
    this.classifier = classifier;
  }

  /**
   * Loads and checks the model, and runs it once on a grey image so a model that loads but cannot
   * run with this preprocessing is refused now, not on the first photo.
   *
   * @throws ModelLoadException with the reason, in plain words
   */
  public static ClassifierTrial open(Path onnx, String name, ClassifierSpec spec) {
    // the trial image is an OpenCV Mat; a door that imports before it opens an Engine (raut models import) has not loaded OpenCV
    dev.raut.core.image.OpenCvNative.ensureLoaded();
    OnnxModel model = OnnxModel.load(onnx, name, 1);
    try {
      checkInputSize(model.inputShape(), spec, name);
      OnnxImageClassifier classifier = new OnnxImageClassifier(name, model, spec);
      Mat grey = new Mat(spec.height(), spec.width(), CvType.CV_8UC3, new Scalar(128, 128, 128));
      try {
        classifier.classify(grey);
      } finally {
        grey.release();
      }
      return new ClassifierTrial(model, classifier);
    } catch (RuntimeException e) {
      model.close();
      if (e instanceof ModelLoadException) {
        throw e;
      }
      throw new ModelLoadException(name + " cannot run with this preprocessing: " + e.getMessage(), e);
    }
  }

  /** Every class's probability for a photo, most likely first. */
  public List<ClassPrediction> classify(Path photo) throws ImageDecodeException {
    ClassifierSpec spec = classifier.spec();
    try (DecodedImage image = new ImageDecoder().decode(photo,
        DecodeTarget.shortSideAtLeast(Math.max(spec.width(), spec.height())))) {
      return classifier.classify(image.mat());
    }
  }

  @Override
  public void close() {
    model.close();
  }

  private static void checkInputSize(long[] shape, ClassifierSpec spec, String name) {
    if (shape.length != 4) {
      throw new ModelLoadException(name + " takes a " + shape.length + "-D input " + Arrays.toString(shape)
          + "; an image classifier takes [1,C,H,W] or [1,H,W,C].");
    }
    boolean nchw = spec.layout() == ClassifierSpec.Layout.NCHW;
    long channels = nchw ? shape[1] : shape[3];
    long height = nchw ? shape[2] : shape[1];
    long width = nchw ? shape[3] : shape[2];
    if (channels > 0 && channels != spec.channels()) {
      throw new ModelLoadException(name + " expects " + channels + " colour channels in " + spec.layout()
          + " layout (input " + Arrays.toString(shape) + "), but the preprocessing gives " + spec.channels()
          + ". Check the layout and colour order.");
    }
    if (height > 0 && height != spec.height() || width > 0 && width != spec.width()) {
      throw new ModelLoadException(name + " expects " + width + " x " + height + " pixels (input "
          + Arrays.toString(shape) + "), but the preprocessing says " + spec.width() + " x " + spec.height() + ".");
    }
  }
}
