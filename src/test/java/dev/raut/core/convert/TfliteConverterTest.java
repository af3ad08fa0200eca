package dev.raut.core.convert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.raut.core.classify.ClassifierSpec;
import dev.raut.core.classify.ModelFormat;
import dev.raut.core.classify.ModelImport;
import dev.raut.core.classify.ModelImportException;
import dev.raut.core.classify.PreparedImport;
import dev.raut.core.convert.ConversionException.Reason;
import dev.raut.core.convert.TfliteTestWriter.Table;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * TFLite import without the real files: tiny models written by {@link TfliteTestWriter} with
 * known random weights, converted, run in ONNX Runtime and compared with the same graph computed
 * here in plain loops (NHWC, TF's padding rule); and the refusals.
 */
class TfliteConverterTest {
  private static final int SAME = 0;
  private static final int VALID = 1;
  private static final int RELU = 1;
  private static final int RELU6 = 3;

  @TempDir
  Path dir;

  // ---------------------------------------------------------------- plain-loop reference (batch 1, NHWC)

  /** A [1, h, w, c] activation. */
  record T(float[] d, int h, int w, int c) {
    float at(int y, int x, int ch) {
      return d[(y * w + x) * c + ch];
    }
  }

  static float act(float v, int fused) {
    return switch (fused) {
      case 0 -> v;
      case RELU -> Math.max(v, 0);
      case RELU6 -> Math.min(Math.max(v, 0), 6);
      default -> throw new IllegalArgumentException();
    };
  }

  /** TF: SAME pads max((out - 1) * s + k - in, 0), the smaller half first. */
  static int[] tfPad(int in, int k, int s, int padding) {
    if (padding == VALID) {
      return new int[] {(in - k) / s + 1, 0};
    }
    int out = (in + s - 1) / s;
    int total = Math.max((out - 1) * s + k - in, 0);
    return new int[] {out, total / 2};
  }

  /** CONV_2D with an OHWI filter, or DEPTHWISE_CONV_2D with a [1, kh, kw, c*m] filter. */
  static T conv(T x, float[] f, int outC, int kh, int kw, float[] bias, int s, int padding, int fused, boolean depthwise) {
    int[] ph = tfPad(x.h, kh, s, padding);
    int[] pw = tfPad(x.w, kw, s, padding);
    int m = depthwise ? outC / x.c : 0;
    float[] out = new float[ph[0] * pw[0] * outC];
    for (int oy = 0; oy < ph[0]; oy++) {
      for (int ox = 0; ox < pw[0]; ox++) {
        for (int oc = 0; oc < outC; oc++) {
          double sum = bias == null ? 0 : bias[oc];
          for (int ky = 0; ky < kh; ky++) {
            for (int kx = 0; kx < kw; kx++) {
              int iy = oy * s - ph[1] + ky;
              int ix = ox * s - pw[1] + kx;
              if (iy < 0 || ix < 0 || iy >= x.h || ix >= x.w) {
                continue;
              }
              if (depthwise) {
                sum += x.at(iy, ix, oc / m) * f[(ky * kw + kx) * outC + oc];
              } else {
                for (int ic = 0; ic < x.c; ic++) {
                  sum += x.at(iy, ix, ic) * f[((oc * kh + ky) * kw + kx) * x.c + ic];
                }
              }
            }
          }
          out[(oy * pw[0] + ox) * outC + oc] = act((float) sum, fused);
        }
      }
    }
    return new T(out, ph[0], pw[0], outC);
  }

  static T pad(T x, int top, int bottom, int left, int right) {
    int h = x.h + top + bottom;
    int w = x.w + left + right;
    float[] out = new float[h * w * x.c];
    for (int y = 0; y < x.h; y++) {
      for (int xx = 0; xx < x.w; xx++) {
        for (int c = 0; c < x.c; c++) {
          out[((y + top) * w + xx + left) * x.c + c] = x.at(y, xx, c);
        }
      }
    }
    return new T(out, h, w, x.c);
  }

  /** TF pooling: SAME average counts the real pixels only, max ignores the padding. */
  static T pool(T x, int k, int s, int padding, boolean max) {
    int[] ph = tfPad(x.h, k, s, padding);
    int[] pw = tfPad(x.w, k, s, padding);
    float[] out = new float[ph[0] * pw[0] * x.c];
    for (int oy = 0; oy < ph[0]; oy++) {
      for (int ox = 0; ox < pw[0]; ox++) {
        for (int c = 0; c < x.c; c++) {
          double acc = max ? Double.NEGATIVE_INFINITY : 0;
          int n = 0;
          for (int ky = 0; ky < k; ky++) {
            for (int kx = 0; kx < k; kx++) {
              int iy = oy * s - ph[1] + ky;
              int ix = ox * s - pw[1] + kx;
              if (iy >= 0 && ix >= 0 && iy < x.h && ix < x.w) {
                acc = max ? Math.max(acc, x.at(iy, ix, c)) : acc + x.at(iy, ix, c);
                n++;
              }
            }
          }
          out[(oy * pw[0] + ox) * x.c + c] = (float) (max ? acc : acc / n);
        }
      }
    }
    return new T(out, ph[0], pw[0], x.c);
  }

  static float[] dense(float[] x, float[] w, float[] b, int units, int fused) {
    int in = x.length;
    float[] out = new float[units];
    for (int o = 0; o < units; o++) {
      double sum = b == null ? 0 : b[o];
      for (int i = 0; i < in; i++) {
        sum += x[i] * w[o * in + i];
      }
      out[o] = act((float) sum, fused);
    }
    return out;
  }

  static double[] softmax(float[] x) {
    double max = Double.NEGATIVE_INFINITY;
    for (float v : x) {
      max = Math.max(max, v);
    }
    double sum = 0;
    double[] out = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      out[i] = Math.exp(x[i] - max);
      sum += out[i];
    }
    for (int i = 0; i < x.length; i++) {
      out[i] /= sum;
    }
    return out;
  }

  private static float[] random(Random r, int n, double scale) {
    float[] v = new float[n];
    for (int i = 0; i < n; i++) {
      v[i] = (float) ((r.nextDouble() * 2 - 1) * scale);
    }
    return v;
  }

  // ---------------------------------------------------------------- the first model

  /** The weights of the conv model, and its graph as a TFLite flatbuffer. */
  static final class ConvModel {
    final Random r = new Random(7);
    final float[] convF = random(r, 4 * 3 * 3 * 3, 0.5);
    final float[] convB = random(r, 4, 0.2);
    final float[] dwF = random(r, 3 * 3 * 8, 0.5);
    final float[] dwB = random(r, 8, 0.2);
    final float[] pwF = random(r, 8 * 8, 0.4);
    final float[] scale = random(r, 8, 1.5);
    final float[] fc1W = random(r, 5 * 16, 0.5);
    final float[] fc1B = random(r, 5, 0.2);
    final float[] fc2W = random(r, 3 * 5, 0.8);
    final float[] fc2B = random(r, 3, 0.2);

    /**
     * input [1,6,6,3] → PAD (top 1, right 1) → CONV_2D 3x3/2 SAME RELU6 → DEPTHWISE x2 3x3/2 SAME RELU
     * → CONV_2D 1x1 VALID no bias, ADD the depthwise output → MUL per-channel → AVERAGE_POOL 2x2/1 SAME,
     * CONCATENATION with the ADD → MEAN over H, W → FULLY_CONNECTED 16→5 RELU → 5→3 → SOFTMAX.
     */
    byte[] tflite() {
      TfliteTestWriter.Model m = new TfliteTestWriter.Model();
      int in = m.activation("input", 1, 6, 6, 3);
      int padded = m.activation("pad", 1, 7, 7, 3);
      m.op(TfliteOps.PAD, new int[] {in, m.int32s("paddings", new int[] {0, 0, 1, 0, 0, 1, 0, 0}, 4, 2)},
          new int[] {padded}, 22, new Table());
      int conv = m.activation("conv", 1, 4, 4, 4);
      m.op(TfliteOps.CONV_2D, new int[] {padded, m.floats("conv/filter", convF, 4, 3, 3, 3),
          m.floats("conv/bias", convB, 4)}, new int[] {conv}, 1,
          new Table().put(0, SAME).put(1, 2).put(2, 2).put(3, RELU6));
      int dw = m.activation("dw", 1, 2, 2, 8);
      m.op(TfliteOps.DEPTHWISE_CONV_2D, new int[] {conv, m.floats("dw/filter", dwF, 1, 3, 3, 8),
          m.floats("dw/bias", dwB, 8)}, new int[] {dw}, 2,
          new Table().put(0, SAME).put(1, 2).put(2, 2).put(3, 2).put(4, RELU));
      int pw = m.activation("pw", 1, 2, 2, 8);
      m.op(TfliteOps.CONV_2D, new int[] {dw, m.floats("pw/filter", pwF, 8, 1, 1, 8), -1}, new int[] {pw}, 1,
          new Table().put(0, VALID).put(1, 1).put(2, 1));
      int add = m.activation("add", 1, 2, 2, 8);
      m.op(TfliteOps.ADD, new int[] {pw, dw}, new int[] {add}, 11, new Table().put(0, 0));
      int mul = m.activation("mul", 1, 2, 2, 8);
      m.op(TfliteOps.MUL, new int[] {add, m.floats("scale", scale, 8)}, new int[] {mul}, 21, new Table());
      int avg = m.activation("avg", 1, 2, 2, 8);
      m.op(TfliteOps.AVERAGE_POOL_2D, new int[] {mul}, new int[] {avg}, 5,
          new Table().put(0, SAME).put(1, 1).put(2, 1).put(3, 2).put(4, 2));
      int cat = m.activation("cat", 1, 2, 2, 16);
      m.op(TfliteOps.CONCATENATION, new int[] {avg, add}, new int[] {cat}, 10, new Table().put(0, -1));
      int mean = m.activation("mean", 1, 16);
      m.op(TfliteOps.MEAN, new int[] {cat, m.int32s("axes", new int[] {1, 2}, 2)}, new int[] {mean}, 27,
          new Table().put(0, false));
      int fc1 = m.activation("fc1", 1, 5);
      m.op(TfliteOps.FULLY_CONNECTED, new int[] {mean, m.floats("fc1/w", fc1W, 5, 16), m.floats("fc1/b", fc1B, 5)},
          new int[] {fc1}, 8, new Table().put(0, RELU));
      int fc2 = m.activation("fc2", 1, 3);
      m.op(TfliteOps.FULLY_CONNECTED, new int[] {fc1, m.floats("fc2/w", fc2W, 3, 5), m.floats("fc2/b", fc2B, 3)},
          new int[] {fc2}, 8, new Table());
      int probs = m.activation("probs", 1, 3);
      m.op(TfliteOps.SOFTMAX, new int[] {fc2}, new int[] {probs}, 9, new Table().put(0, 1f));
      return m.build(new int[] {in}, new int[] {probs});
    }

    double[] reference(float[] input) {
      T x = pad(new T(input, 6, 6, 3), 1, 0, 0, 1);
      T c = conv(x, convF, 4, 3, 3, convB, 2, SAME, RELU6, false);
      T d = conv(c, dwF, 8, 3, 3, dwB, 2, SAME, RELU, true);
      T p = conv(d, pwF, 8, 1, 1, null, 1, VALID, 0, false);
      float[] add = new float[p.d.length];
      float[] mul = new float[p.d.length];
      for (int i = 0; i < add.length; i++) {
        add[i] = p.d[i] + d.d[i];
        mul[i] = add[i] * scale[i % 8];
      }
      T avg = pool(new T(mul, 2, 2, 8), 2, 1, SAME, false);
      float[] mean = new float[16];
      for (int px = 0; px < 4; px++) {
        for (int ch = 0; ch < 8; ch++) {
          mean[ch] += avg.d[px * 8 + ch] / 4;
          mean[8 + ch] += add[px * 8 + ch] / 4;
        }
      }
      return softmax(dense(dense(mean, fc1W, fc1B, 5, RELU), fc2W, fc2B, 3, 0));
    }
  }

  @Test
  void convModelMatchesPlainLoops() throws Exception {
    ConvModel model = new ConvModel();
    Path file = dir.resolve("tiny.tflite");
    Files.write(file, model.tflite());
    KerasConversion c = KerasConverter.convertTflite(file);
    assertThat(c.inputShape()).containsExactly(-1, 6, 6, 3);
    assertThat(c.outputShape()).containsExactly(-1, 3);
    assertThat(c.outputIsSoftmax()).isTrue();
    assertThat(c.layerClasses()).containsExactly("PAD", "CONV_2D", "DEPTHWISE_CONV_2D", "CONV_2D", "ADD", "MUL",
        "AVERAGE_POOL_2D", "CONCATENATION", "MEAN", "FULLY_CONNECTED", "FULLY_CONNECTED", "SOFTMAX");
    long[] shape = {1, 6, 6, 3};
    Random r = new Random(3);
    for (String name : List.of("zeros", "ones", "ramp", "ramp_pm1", "random")) {
      float[] x = name.equals("random") ? random(r, 108, 2) : KerasParity.input(name, shape);
      double[] expected = model.reference(x);
      float[] actual = KerasParity.run(c.onnx(), x, shape);
      assertThat(KerasParity.maxAbsDiff(actual, expected)).as(name + ": " + Arrays.toString(actual) + " vs "
          + Arrays.toString(expected)).isLessThan(1e-5);
    }
  }

  /** input [1,3,2,2] → MAX_POOL 2x2/1 VALID → RESHAPE [1,4] (NHWC order) → FULLY_CONNECTED → HARD_SWISH. */
  @Test
  void reshapeFlattensInTfliteOrder() throws Exception {
    Random r = new Random(11);
    float[] w = random(r, 3 * 4, 1.5);
    TfliteTestWriter.Model m = new TfliteTestWriter.Model();
    int in = m.activation("input", 1, 3, 2, 2);
    int pooled = m.activation("pool", 1, 2, 1, 2);
    m.op(TfliteOps.MAX_POOL_2D, new int[] {in}, new int[] {pooled}, 5,
        new Table().put(0, VALID).put(1, 1).put(2, 1).put(3, 2).put(4, 2));
    int flat = m.activation("flat", 1, 4);
    m.op(TfliteOps.RESHAPE, new int[] {pooled, m.int32s("shape", new int[] {1, 4}, 2)}, new int[] {flat}, 17,
        new Table().put(0, new TfliteTestWriter.IntVector(new int[] {1, 4})));
    int fc = m.activation("fc", 1, 3);
    m.op(TfliteOps.FULLY_CONNECTED, new int[] {flat, m.floats("w", w, 3, 4), -1}, new int[] {fc}, 8, new Table());
    int hs = m.activation("hs", 1, 3);
    m.op(TfliteOps.HARD_SWISH, new int[] {fc}, new int[] {hs}, 0, null);
    Path file = dir.resolve("reshape.tflite");
    Files.write(file, m.build(new int[] {in}, new int[] {hs}));
    KerasConversion c = KerasConverter.convertTflite(file);
    assertThat(c.outputIsSoftmax()).isFalse();
    float[] x = random(r, 12, 3);
    T p = pool(new T(x, 3, 2, 2), 2, 1, VALID, true);
    float[] y = dense(p.d, w, null, 3, 0);
    double[] expected = new double[3];
    for (int i = 0; i < 3; i++) {
      expected[i] = y[i] * Math.min(Math.max(y[i] + 3, 0), 6) / 6;
    }
    float[] actual = KerasParity.run(c.onnx(), x, new long[] {1, 3, 2, 2});
    assertThat(KerasParity.maxAbsDiff(actual, expected)).isLessThan(1e-5);
  }

  /** Float16 weights through DEQUANTIZE (exact), a 1x1 CONV_2D, and a 4-D output back in NHWC. */
  @Test
  void float16WeightsAndImageShapedOutput() throws Exception {
    float[] f = {0.5f, -0.25f, 1.0f, 0.75f, -1.5f, 0.125f};
    short[] half = {0x3800, (short) 0xB400, 0x3C00, 0x3A00, (short) 0xBE00, 0x3000};
    java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(12).order(java.nio.ByteOrder.LITTLE_ENDIAN);
    for (short h : half) {
      b.putShort(h);
    }
    TfliteTestWriter.Model m = new TfliteTestWriter.Model();
    int in = m.activation("input", 1, 2, 2, 3);
    int filter16 = m.constant("filter16", 1, new int[] {2, 1, 1, 3}, b.array(), null);
    int filter = m.activation("filter", 2, 1, 1, 3);
    m.op(TfliteOps.DEQUANTIZE, new int[] {filter16}, new int[] {filter}, 0, null);
    int out = m.activation("conv", 1, 2, 2, 2);
    m.op(TfliteOps.CONV_2D, new int[] {in, filter, -1}, new int[] {out}, 1,
        new Table().put(0, VALID).put(1, 1).put(2, 1));
    Path file = dir.resolve("half.tflite");
    Files.write(file, m.build(new int[] {in}, new int[] {out}));
    KerasConversion c = KerasConverter.convertTflite(file);
    assertThat(c.outputShape()).containsExactly(-1, 2, 2, 2);
    float[] x = random(new Random(5), 12, 2);
    double[] expected = new double[8];
    T y = conv(new T(x, 2, 2, 3), f, 2, 1, 1, null, 1, VALID, 0, false);
    for (int i = 0; i < 8; i++) {
      expected[i] = y.d[i];
    }
    assertThat(KerasParity.maxAbsDiff(KerasParity.run(c.onnx(), x, new long[] {1, 2, 2, 3}), expected)).isLessThan(1e-6);
  }

  @Test
  void teachableMachineFolderImports() throws Exception {
    Path export = Files.createDirectories(dir.resolve("converted_tflite"));
    Files.write(export.resolve("model_unquant.tflite"), new ConvModel().tflite());
    Files.writeString(export.resolve("labels.txt"), "0 Acne\n1 Eczema\n2 Two words\n");
    try (PreparedImport p = ModelImport.prepare(export)) {
      assertThat(p.format()).isEqualTo(ModelFormat.TEACHABLE_MACHINE_TFLITE);
      assertThat(p.format().displayName()).isEqualTo("Teachable Machine (TFLite)");
      assertThat(p.spec().labels()).containsExactly("Acne", "Eczema", "Two words");
      assertThat(p.spec().width()).isEqualTo(6);
      assertThat(p.spec().height()).isEqualTo(6);
      assertThat(p.spec().normalization()).isEqualTo(ClassifierSpec.Normalization.MINUS_ONE_ONE);
      assertThat(p.spec().fit()).isEqualTo(ClassifierSpec.Fit.CENTER_CROP);
      assertThat(p.frameworkVersion()).startsWith("TensorFlow Lite");
    }
    Path other = dir.resolve("mine.tflite");
    Files.write(other, new ConvModel().tflite());
    try (PreparedImport p = ModelImport.prepare(other)) {
      assertThat(p.format()).isEqualTo(ModelFormat.TFLITE);
      assertThat(p.preprocessingCertain()).isFalse();
    }
  }

  // ---------------------------------------------------------------- refusals

  @Test
  void unknownOpIsRefusedByName() throws Exception {
    TfliteTestWriter.Model m = new TfliteTestWriter.Model();
    int in = m.activation("input", 1, 4, 4, 3);
    int out = m.activation("sliced", 1, 2, 2, 3);
    m.op(45, new int[] {in, m.int32s("begin", new int[] {0, 0, 0, 0}, 4), m.int32s("end", new int[] {1, 2, 2, 3}, 4),
        m.int32s("strides", new int[] {1, 1, 1, 1}, 4)}, new int[] {out}, 0, null);
    Path file = dir.resolve("slice.tflite");
    Files.write(file, m.build(new int[] {in}, new int[] {out}));
    assertThatThrownBy(() -> KerasConverter.convertTflite(file)).isInstanceOf(ConversionException.class)
        .hasMessageContaining("STRIDED_SLICE").hasMessageContaining("'sliced'")
        .hasMessageContaining("cannot convert exactly")
        .satisfies(e -> assertThat(((ConversionException) e).reason()).isEqualTo(Reason.UNSUPPORTED_LAYER));
    assertThatThrownBy(() -> ModelImport.prepare(file)).isInstanceOf(ModelImportException.class)
        .hasMessageContaining("STRIDED_SLICE")
        .satisfies(e -> assertThat(((ModelImportException) e).code()).isEqualTo(ModelImportException.Code.UNSUPPORTED_LAYER));
  }

  @Test
  void int8QuantisedModelIsRefused() throws Exception {
    TfliteTestWriter.Model m = new TfliteTestWriter.Model();
    int in = m.activation("input", 1, 4, 4, 3);
    int out = m.activation("conv", 1, 4, 4, 2);
    int filter = m.constant("conv/filter", 9, new int[] {2, 1, 1, 3}, new byte[] {1, 2, 3, 4, 5, 6},
        new float[] {0.02f, 0});
    m.op(TfliteOps.CONV_2D, new int[] {in, filter, -1}, new int[] {out}, 1,
        new Table().put(0, SAME).put(1, 1).put(2, 1));
    Path file = dir.resolve("model.tflite");
    Files.write(file, m.build(new int[] {in}, new int[] {out}));
    assertThatThrownBy(() -> ModelImport.prepare(file)).isInstanceOf(ModelImportException.class)
        .hasMessageContaining("quantised").hasMessageContaining("int8").hasMessageContaining("Floating point")
        .satisfies(e -> assertThat(((ModelImportException) e).code()).isEqualTo(ModelImportException.Code.UNSUPPORTED_LAYER));
  }

  @Test
  void truncatedFileIsRefused() throws Exception {
    byte[] whole = new ConvModel().tflite();
    for (int cut : new int[] {whole.length * 2 / 3, whole.length - 40, 200, 12}) {
      Path file = dir.resolve("model_unquant.tflite");
      Files.write(file, Arrays.copyOf(whole, cut));
      assertThatThrownBy(() -> KerasConverter.convertTflite(file)).as("cut at " + cut)
          .isInstanceOf(ConversionException.class).hasMessageContaining("truncated or damaged")
          .satisfies(e -> assertThat(((ConversionException) e).reason()).isEqualTo(Reason.TRUNCATED));
      assertThatThrownBy(() -> ModelImport.prepare(file)).isInstanceOf(ModelImportException.class)
          .hasMessageContaining("Copy or download it again")
          .satisfies(e -> assertThat(((ModelImportException) e).code()).isEqualTo(ModelImportException.Code.TRUNCATED));
    }
  }

  @Test
  void severalInputsAreRefused() throws Exception {
    TfliteTestWriter.Model m = new TfliteTestWriter.Model();
    int a = m.activation("a", 1, 4);
    int b = m.activation("b", 1, 4);
    int sum = m.activation("sum", 1, 4);
    m.op(TfliteOps.ADD, new int[] {a, b}, new int[] {sum}, 11, new Table());
    Path file = dir.resolve("two.tflite");
    Files.write(file, m.build(new int[] {a, b}, new int[] {sum}));
    assertThatThrownBy(() -> KerasConverter.convertTflite(file)).hasMessageContaining("has 2 inputs");
  }
}
