package dev.raut.bench;

import dev.raut.core.classify.ClassifierSpec;
import dev.raut.core.classify.OnnxImageClassifier;
import dev.raut.core.convert.ConversionOptions;
import dev.raut.core.convert.TfjsGraphConverter;
import dev.raut.core.image.DecodeTarget;
import dev.raut.core.image.DecodedImage;
import dev.raut.core.image.ImageDecoder;
import dev.raut.core.image.OpenCvNative;
import dev.raut.core.onnx.OnnxModel;
import dev.raut.core.teach.Features;
import dev.raut.core.teach.SoftmaxRegression;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.opencv.core.Mat;

/**
 * Research harness: which pooling of which MobileNetV3 (CenterNet backbone) feature maps, at which
 * input size, teaches texture classes best. Runs the backbone with raw block outputs, pools them in
 * Java (mean, std, and signed-sqrt covariance), and reports 5-fold CV logistic regression per recipe.
 *
 * <pre>
 * mvn -q -B -Draut.skipFetch=true test-compile exec:java -Dexec.classpathScope=test \
 *   -Dexec.mainClass=dev.raut.bench.TextureProbe -Dexec.args="../shared/data/batik10/train 224,448"
 * </pre>
 */
public final class TextureProbe {
  static final String P = "tower_0/MobilenetV3/";
  static final List<String> NODES = List.of(P + "expanded_conv_5/add", P + "expanded_conv_9/add",
      P + "expanded_conv_11/add", P + "expanded_conv_14/add", P + "expanded_conv_14/expand/hard_swish/mul_1",
      P + "expanded_conv_2/add");

  record Maps(int h, int w, int c, float[] data) {}

  public static void main(String[] args) throws Exception {
    Locale.setDefault(Locale.ROOT);
    OpenCvNative.ensureLoaded();
    Path root = Path.of(args[0]);
    int[] sizes = Arrays.stream(args[1].split(",")).mapToInt(Integer::parseInt).toArray();
    BackboneProbe.Dataset dataset = BackboneProbe.scan(root);
    List<String> classes = dataset.classes();
    List<Path> files = dataset.files();
    int[] y = dataset.labels();
    Path json = Path.of(System.getProperty("user.home"), ".cache/raut/models/embed-mobilenet-v3-texture/upstream/centernet.json");
    int threads = Integer.getInteger("probe.threads", 2);
    // features[size][recipe] per photo
    List<String> recipeNames = new ArrayList<>();
    List<float[][]> recipeX = new ArrayList<>();
    for (int size : sizes) {
      ConversionOptions options = ConversionOptions.defaults().withDynamicBatch().withInputSize(size, size);
      for (String n : NODES) {
        options = options.withOutput(n, n.replace('/', '_'));
      }
      byte[] onnx = TfjsGraphConverter.convert(json, options);
      ClassifierSpec spec = new ClassifierSpec(size, size, ClassifierSpec.Layout.NHWC, ClassifierSpec.ColorOrder.RGB,
          ClassifierSpec.Normalization.RAW, null, null, true, List.of("x"));
      long t0 = System.nanoTime();
      float[][][] perPhoto = new float[files.size()][][];
      try (OnnxModel model = OnnxModel.load(onnx, "probe", 1)) {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<?>> jobs = new ArrayList<>();
        ImageDecoder decoder = new ImageDecoder();
        for (int i = 0; i < files.size(); i++) {
          int index = i;
          jobs.add(pool.submit(() -> {
            try (DecodedImage image = decoder.decode(files.get(index), DecodeTarget.shortSideAtLeast(size))) {
              perPhoto[index] = recipes(model, image.mat(), spec, size, files.get(index));
            } catch (Exception e) {
              System.out.println("skip " + files.get(index) + ": " + e.getMessage());
            }
          }));
        }
        for (Future<?> f : jobs) {
          f.get();
        }
        pool.shutdown();
      }
      System.out.printf("size %d: embedded %d photos in %.1f s%n", size, files.size(), (System.nanoTime() - t0) / 1e9);
      int recipes = 0;
      for (float[][] p : perPhoto) {
        if (p != null) {
          recipes = p.length;
          break;
        }
      }
      for (int r = 0; r < recipes; r++) {
        float[][] x = new float[files.size()][];
        for (int i = 0; i < x.length; i++) {
          x[i] = perPhoto[i] == null ? null : perPhoto[i][r];
        }
        recipeNames.add(size + " " + RECIPES[r]);
        recipeX.add(x);
      }
    }
    // drop photos that failed anywhere
    boolean[] ok = new boolean[files.size()];
    Arrays.fill(ok, true);
    for (float[][] x : recipeX) {
      for (int i = 0; i < x.length; i++) {
        ok[i] &= x[i] != null;
      }
    }
    int[] keep = java.util.stream.IntStream.range(0, ok.length).filter(i -> ok[i]).toArray();
    int[] yk = HeadProbe.pick(y, keep);
    int k = classes.size();
    List<String> combos = new ArrayList<>(recipeNames);
    List<float[][]> comboX = new ArrayList<>();
    for (float[][] x : recipeX) {
      comboX.add(HeadProbe.pick(x, keep));
    }
    // joined multi-scale: every recipe of the first size ++ same recipe at the other sizes
    int per = recipeNames.size() / sizes.length;
    if (sizes.length > 1) {
      for (int r = 0; r < per; r++) {
        float[][] joined = comboX.get(r);
        for (int s = 1; s < sizes.length; s++) {
          joined = join(joined, comboX.get(s * per + r));
        }
        combos.add("multi " + RECIPES[r]);
        comboX.add(joined);
      }
    }
    for (int c = 0; c < combos.size(); c++) {
      float[][] x = comboX.get(c);
      StringBuilder line = new StringBuilder(String.format("%-40s dim %5d", combos.get(c), x[0].length));
      for (double l2 : new double[] {1e-2, 1e-1, 1}) {
        double acc = HeadProbe.cv(x, yk, k, 5, true, (fx, fy) -> SoftmaxRegression.train(fx, fy, k, l2,
            Features.balancedClassWeights(fy, k), new float[0][], new int[0], 300, () -> false));
        line.append(String.format("  l2=%g %.1f%%", l2, 100 * acc));
      }
      System.out.println(line);
    }
  }

  static final String[] RECIPES = {"meanstd 5,9,11,14 (default)", "meanstd 2,5,9,11,14", "meanstd 14expand",
      "meanstd 5,9,11,14 + 14expand", "cov 14 (sqrt)", "meanstd default + cov 14", "cov 11 (sqrt)",
      "meanstd default + cov 11 + cov 14"};

  static float[][] recipes(OnnxModel model, Mat bgr, ClassifierSpec spec, int size, Path file) {
    float[] input = OnnxImageClassifier.toInput(bgr, spec);
    float[][] out = model.run(input, new long[] {1, size, size, 3});
    List<String> names = model.outputNames();
    Maps[] maps = new Maps[NODES.size()];
    for (int n = 0; n < NODES.size(); n++) {
      int o = names.indexOf(NODES.get(n).replace('/', '_'));
      long[] shape = model.outputShape(o);
      int c = (int) shape[3];
      int hw = out[o].length / c;
      maps[n] = new Maps(hw, 1, c, out[o]);
    }
    float[] b5 = meanStd(maps[0]);
    float[] b9 = meanStd(maps[1]);
    float[] b11 = meanStd(maps[2]);
    float[] b14 = meanStd(maps[3]);
    float[] e14 = meanStd(maps[4]);
    float[] b2 = meanStd(maps[5]);
    float[] def = join(b5, b9, b11, b14);
    float[] c14 = covariance(maps[3]);
    float[] c11 = covariance(maps[2]);
    return new float[][] {
        Features.l2Normalize(def),
        Features.l2Normalize(join(b2, b5, b9, b11, b14)),
        Features.l2Normalize(e14),
        Features.l2Normalize(join(b5, b9, b11, b14, e14)),
        Features.l2Normalize(c14),
        Features.l2Normalize(join(def, c14)),
        Features.l2Normalize(c11),
        Features.l2Normalize(join(def, c11, c14))};
  }

  /** Per-channel mean then std, L2-normalised together (as the texture card does per block). */
  static float[] meanStd(Maps m) {
    int c = m.c();
    int n = m.h() * m.w();
    double[] sum = new double[c];
    double[] sq = new double[c];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < c; j++) {
        double v = m.data()[i * c + j];
        sum[j] += v;
      }
    }
    float[] out = new float[2 * c];
    for (int j = 0; j < c; j++) {
      out[j] = (float) (sum[j] / n);
    }
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < c; j++) {
        double d = m.data()[i * c + j] - out[j];
        sq[j] += d * d;
      }
    }
    for (int j = 0; j < c; j++) {
      out[c + j] = (float) Math.sqrt(sq[j] / n);
    }
    return Features.l2Normalize(out);
  }

  /** Second-order pooling: upper triangle of (1/n) X^T X, signed square root, L2-normalised. */
  static float[] covariance(Maps m) {
    int c = m.c();
    int n = m.h() * m.w();
    double[] g = new double[c * c];
    float[] d = m.data();
    for (int i = 0; i < n; i++) {
      int base = i * c;
      for (int a = 0; a < c; a++) {
        double va = d[base + a];
        if (va == 0) {
          continue;
        }
        for (int b = a; b < c; b++) {
          g[a * c + b] += va * d[base + b];
        }
      }
    }
    float[] out = new float[c * (c + 1) / 2];
    int at = 0;
    for (int a = 0; a < c; a++) {
      for (int b = a; b < c; b++) {
        double v = g[a * c + b] / n;
        out[at++] = (float) (Math.signum(v) * Math.sqrt(Math.abs(v)));
      }
    }
    return Features.l2Normalize(out);
  }

  static float[] join(float[]... parts) {
    int n = 0;
    for (float[] p : parts) {
      n += p.length;
    }
    float[] out = new float[n];
    int at = 0;
    for (float[] p : parts) {
      System.arraycopy(p, 0, out, at, p.length);
      at += p.length;
    }
    return out;
  }

  static float[][] join(float[][] a, float[][] b) {
    float[][] out = new float[a.length][];
    for (int i = 0; i < a.length; i++) {
      out[i] = Features.l2Normalize(join(a[i], b[i]));
    }
    return out;
  }
}
