package dev.raut.core.classify;

import dev.raut.core.onnx.ModelLoadException;
import dev.raut.core.onnx.OnnxModel;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.opencv.core.Mat;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;

/** Any ONNX image classifier described by a {@link ClassifierSpec}: a painting-genre, batik or skin model. */
public final class OnnxImageClassifier {
  private final String name;
  private final OnnxModel model;
  private final ClassifierSpec spec;

  public OnnxImageClassifier(String name, OnnxModel model, ClassifierSpec spec) {
    this.name = name;
    this.model = model;
    this.spec = spec;
    long[] shape = model.inputShape();
    if (shape.length != 4) {
      throw new ModelLoadException(name + ": an image classifier takes a 4-D input, this one takes "
          + java.util.Arrays.toString(shape));
    }
    long outputs = 1;
    for (long d : model.outputShape(0)) {
      outputs *= Math.max(1, d);
    }
    if (outputs != spec.labels().size()) {
      throw new ModelLoadException(name + " outputs " + outputs + " classes but its labels list has "
          + spec.labels().size() + ". Give a labels file with one label per output class.");
    }
  }

  public String name() {
    return name;
  }

  public ClassifierSpec spec() {
    return spec;
  }

  /** Every class's probability, most likely first. */
  public List<ClassPrediction> classify(Mat bgr) {
    float[] logits = model.run(toInput(bgr), new long[] {1, dims()[0], dims()[1], dims()[2]})[0];
    double[] p = spec.softmax() ? softmax(logits) : toDouble(logits);
    List<ClassPrediction> result = new ArrayList<>(p.length);
    for (int i = 0; i < p.length; i++) {
      result.add(new ClassPrediction(spec.labels().get(i), p[i]));
    }
    result.sort(Comparator.comparingDouble(ClassPrediction::score).reversed());
    return result;
  }

  private int[] dims() {
    return spec.layout() == ClassifierSpec.Layout.NCHW
        ? new int[] {spec.channels(), spec.height(), spec.width()}
        : new int[] {spec.height(), spec.width(), spec.channels()};
  }

  float[] toInput(Mat bgr) {
    return toInput(bgr, spec);
  }

  /**
   * A photo as this spec's input tensor: fitted (stretched or centre-cropped), resized (area
   * averaging when shrinking), colour-converted, laid out and scaled. The teacher feeds its backbones
   * through here too, so a taught model sees at run time exactly the pixels it was taught on.
   */
  public static float[] toInput(Mat bgr, ClassifierSpec spec) {
    int w = spec.width();
    int h = spec.height();
    int channels = spec.channels();
    Mat resized = new Mat();
    Mat converted = new Mat();
    Mat region = spec.fit() == ClassifierSpec.Fit.CENTER_CROP ? centreRegion(bgr, w, h) : bgr;
    try {
      boolean shrinking = region.cols() > w || region.rows() > h;
      Imgproc.resize(region, resized, new Size(w, h), 0, 0, shrinking ? Imgproc.INTER_AREA : Imgproc.INTER_LINEAR);
      int code = switch (spec.color()) {
        case RGB -> Imgproc.COLOR_BGR2RGB;
        case GREY -> Imgproc.COLOR_BGR2GRAY;
        case BGR -> -1;
      };
      Mat source = resized;
      if (code >= 0) {
        Imgproc.cvtColor(resized, converted, code);
        source = converted;
      }
      byte[] pixels = new byte[w * h * channels];
      source.get(0, 0, pixels);
      float[] input = new float[pixels.length];
      boolean planar = spec.layout() == ClassifierSpec.Layout.NCHW;
      for (int i = 0; i < w * h; i++) {
        for (int c = 0; c < channels; c++) {
          float v = normalise(spec, pixels[i * channels + c] & 0xff, c);
          input[planar ? c * w * h + i : i * channels + c] = v;
        }
      }
      return input;
    } finally {
      resized.release();
      converted.release();
      if (region != bgr) {
        region.release();
      }
    }
  }

  /** The largest centred region of the input's aspect ratio (a view into {@code bgr}, no copy). */
  private static Mat centreRegion(Mat bgr, int w, int h) {
    double aspect = (double) w / h;
    int cw = bgr.cols();
    int ch = bgr.rows();
    if ((double) cw / ch > aspect) {
      cw = (int) Math.round(ch * aspect);
    } else {
      ch = (int) Math.round(cw / aspect);
    }
    return bgr.submat(new org.opencv.core.Rect((bgr.cols() - cw) / 2, (bgr.rows() - ch) / 2, cw, ch));
  }

  private static float normalise(ClassifierSpec spec, int value, int channel) {
    return switch (spec.normalization()) {
      case ZERO_ONE -> value / 255f;
      case MINUS_ONE_ONE -> value / 127.5f - 1f;
      case MEAN_STD -> (float) ((value / 255.0 - spec.mean().get(channel)) / spec.std().get(channel));
      case CAFFE -> (float) (value - spec.mean().get(channel));
      case RAW -> value;
    };
  }

  private static double[] softmax(float[] logits) {
    double max = Double.NEGATIVE_INFINITY;
    for (float v : logits) {
      max = Math.max(max, v);
    }
    double[] p = new double[logits.length];
    double sum = 0;
    for (int i = 0; i < logits.length; i++) {
      p[i] = Math.exp(logits[i] - max);
      sum += p[i];
    }
    for (int i = 0; i < p.length; i++) {
      p[i] /= sum;
    }
    return p;
  }

  private static double[] toDouble(float[] values) {
    double[] d = new double[values.length];
    for (int i = 0; i < values.length; i++) {
      d[i] = values[i];
    }
    return d;
  }
}
