package dev.raut.core.classify;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;

/**
 * How to feed an ONNX image classifier and read its output. Stored in the classifier's card
 * (a JSON file next to the .onnx) so any door (CLI, app, server) uses a user's model the same way.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ClassifierSpec(
    int width,
    int height,
    Layout layout,
    ColorOrder color,
    Normalization normalization,
    List<Double> mean,
    List<Double> std,
    boolean softmax,
    List<String> labels,
    Fit fit) {

  /** How a photo is brought to the input size. */
  public enum Fit {
    /** The whole photo, stretched to the input's shape. */
    STRETCH,
    /** The largest centred region with the input's shape, then resized (Teachable Machine's way). */
    CENTER_CROP
  }

  public ClassifierSpec(int width, int height, Layout layout, ColorOrder color, Normalization normalization,
      List<Double> mean, List<Double> std, boolean softmax, List<String> labels) {
    this(width, height, layout, color, normalization, mean, std, softmax, labels, Fit.STRETCH);
  }

  public enum Layout { NCHW, NHWC }

  public enum ColorOrder { RGB, BGR, GREY }

  public enum Normalization {
    /** pixel / 255 */
    ZERO_ONE,
    /** pixel / 127.5 - 1 */
    MINUS_ONE_ONE,
    /** (pixel / 255 - mean) / std, per channel (ImageNet: mean 0.485,0.456,0.406 std 0.229,0.224,0.225) */
    MEAN_STD,
    /** pixel - mean in 0..255, BGR order (Caffe/Keras "caffe" mode: 103.939, 116.779, 123.68) */
    CAFFE,
    /** pixel as 0..255 */
    RAW
  }

  public static final List<Double> IMAGENET_MEAN = List.of(0.485, 0.456, 0.406);
  public static final List<Double> IMAGENET_STD = List.of(0.229, 0.224, 0.225);
  public static final List<Double> CAFFE_MEAN_BGR = List.of(103.939, 116.779, 123.68);

  public ClassifierSpec {
    if (width <= 0 || height <= 0) {
      throw new IllegalArgumentException("Input width and height must be positive, got " + width + "x" + height);
    }
    labels = List.copyOf(labels);
    if (labels.isEmpty()) {
      throw new IllegalArgumentException("A classifier needs at least one label");
    }
    mean = mean == null ? defaultMean(normalization) : List.copyOf(mean);
    std = std == null ? (normalization == Normalization.MEAN_STD ? IMAGENET_STD : List.of(1.0, 1.0, 1.0)) : List.copyOf(std);
    fit = fit == null ? Fit.STRETCH : fit;
  }

  private static List<Double> defaultMean(Normalization normalization) {
    return switch (normalization) {
      case MEAN_STD -> IMAGENET_MEAN;
      case CAFFE -> CAFFE_MEAN_BGR;
      default -> List.of(0.0, 0.0, 0.0);
    };
  }

  public int channels() {
    return color == ColorOrder.GREY ? 1 : 3;
  }

  public ClassifierSpec withLabels(List<String> newLabels) {
    return new ClassifierSpec(width, height, layout, color, normalization, mean, std, softmax, newLabels, fit);
  }

  public ClassifierSpec withSoftmax(boolean applySoftmax) {
    return new ClassifierSpec(width, height, layout, color, normalization, mean, std, applySoftmax, labels, fit);
  }

  public ClassifierSpec withFit(Fit newFit) {
    return new ClassifierSpec(width, height, layout, color, normalization, mean, std, softmax, labels, newFit);
  }

  public ClassifierSpec withNormalization(Normalization newNormalization) {
    return new ClassifierSpec(width, height, layout, color, newNormalization, null, null, softmax, labels, fit);
  }

  public ClassifierSpec withColor(ColorOrder newColor) {
    return new ClassifierSpec(width, height, layout, newColor, normalization, mean, std, softmax, labels, fit);
  }
}
