package dev.raut.bench;

import dev.raut.core.classify.ClassifierSpec;
import dev.raut.core.classify.OnnxImageClassifier;
import dev.raut.core.convert.ConversionOptions;
import dev.raut.core.convert.TfjsGraphConverter;
import dev.raut.core.image.DecodeTarget;
import dev.raut.core.image.DecodedImage;
import dev.raut.core.image.ImageDecoder;
import dev.raut.core.image.OpenCvNative;
import dev.raut.core.model.BundledTfjsUnwrapper;
import dev.raut.core.onnx.OnnxModel;
import dev.raut.core.teach.Features;
import dev.raut.core.teach.SoftmaxRegression;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Research harness: which intermediate blocks of the nsfwjs MobileNetV2 1.4 (TF-Hub ImageNet
 * weights), pooled to per-channel mean and standard deviation, teach texture classes best. Runs the
 * network with raw block outputs, pools them in Java, and reports 5-fold CV logistic regression
 * (standardised, balanced class weights) for single blocks and joins of blocks.
 *
 * <pre>
 * mvn -q -B -Draut.skipFetch=true test-compile exec:java -Dexec.classpathScope=test \
 *   -Dexec.mainClass=dev.raut.bench.BlockPoolingProbe -Dexec.args="../shared/data/batik10/train 224"
 * </pre>
 */
public final class BlockPoolingProbe {
  static final String P = "StatefulPartitionedCall/sequential/keras_layer/StatefulPartitionedCall/"
      + "StatefulPartitionedCall/StatefulPartitionedCall/predict/MobilenetV2/";
  static final List<String> BLOCKS = List.of("expanded_conv_2/add", "expanded_conv_5/add", "expanded_conv_9/add",
      "expanded_conv_12/add", "expanded_conv_15/add", "Conv_1/Relu6");

  public static void main(String[] args) throws Exception {
    Locale.setDefault(Locale.ROOT);
    OpenCvNative.ensureLoaded();
    Path root = Path.of(args[0]);
    int size = args.length > 1 ? Integer.parseInt(args[1]) : 224;
    BackboneProbe.Dataset dataset = BackboneProbe.scan(root);
    List<Path> files = dataset.files();
    int[] y = dataset.labels();
    int k = dataset.classes().size();
    Path wrapped = Path.of(System.getProperty("user.home"), ".cache/raut/models/embed-mobilenet-v2/upstream/model.min.js");
    Path work = Files.createTempDirectory("raut-probe");
    Path json = BundledTfjsUnwrapper.unwrap(wrapped, work);
    ConversionOptions options = ConversionOptions.defaults().withDynamicBatch().withInputSize(size, size);
    for (String b : BLOCKS) {
      options = options.withOutput(P + b, b.replace('/', '_'));
    }
    byte[] onnx = TfjsGraphConverter.convert(json, options);
    ClassifierSpec spec = new ClassifierSpec(size, size, ClassifierSpec.Layout.NHWC, ClassifierSpec.ColorOrder.RGB,
        ClassifierSpec.Normalization.ZERO_ONE, null, null, true, List.of("x"));
    // pooled[photo][block] = {mean (c), std (c)}
    float[][][] pooled = new float[files.size()][][];
    long t0 = System.nanoTime();
    int threads = Integer.getInteger("probe.threads", 2);
    try (OnnxModel model = OnnxModel.load(onnx, "probe", 1)) {
      ExecutorService pool = Executors.newFixedThreadPool(threads);
      List<Future<?>> jobs = new ArrayList<>();
      ImageDecoder decoder = new ImageDecoder();
      List<String> names = model.outputNames();
      for (int i = 0; i < files.size(); i++) {
        int index = i;
        jobs.add(pool.submit(() -> {
          try (DecodedImage image = decoder.decode(files.get(index), DecodeTarget.shortSideAtLeast(size))) {
            float[][] out = model.run(OnnxImageClassifier.toInput(image.mat(), spec), new long[] {1, size, size, 3});
            float[][] perBlock = new float[BLOCKS.size()][];
            for (int b = 0; b < BLOCKS.size(); b++) {
              int o = names.indexOf(BLOCKS.get(b).replace('/', '_'));
              int c = (int) model.outputShape(o)[3];
              perBlock[b] = meanAndStd(out[o], c);
            }
            pooled[index] = perBlock;
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
    // the default backbone's 608-D texture embedding, to see whether the two networks add up
    float[][] texture = new float[files.size()][];
    Path textureOnnx = Path.of(System.getProperty("user.home"),
        ".cache/raut/models/embed-mobilenet-v3-texture/embed-mobilenet-v3-texture.onnx");
    ClassifierSpec raw = new ClassifierSpec(224, 224, ClassifierSpec.Layout.NHWC, ClassifierSpec.ColorOrder.RGB,
        ClassifierSpec.Normalization.RAW, null, null, true, List.of("x"));
    try (OnnxModel model = OnnxModel.load(Files.readAllBytes(textureOnnx), "texture", 2)) {
      ImageDecoder decoder = new ImageDecoder();
      for (int i = 0; i < files.size(); i++) {
        if (pooled[i] == null) {
          continue;
        }
        try (DecodedImage image = decoder.decode(files.get(i), DecodeTarget.shortSideAtLeast(224))) {
          texture[i] = Features.l2Normalize(model.run(OnnxImageClassifier.toInput(image.mat(), raw),
              new long[] {1, 224, 224, 3})[0]);
        } catch (Exception e) {
          pooled[i] = null;
        }
      }
    }
    System.out.printf("embedded %d photos at %d px in %.1f s%n", files.size(), size, (System.nanoTime() - t0) / 1e9);
    int[] keep = java.util.stream.IntStream.range(0, files.size()).filter(i -> pooled[i] != null).toArray();
    int[] yk = HeadProbe.pick(y, keep);
    int last = BLOCKS.size() - 1;
    List<String> recipes = new ArrayList<>();
    List<float[][]> xs = new ArrayList<>();
    // baseline: Conv_1 mean only (the TF-Hub feature vector the 1792-D backbone uses)
    recipes.add("Conv_1 mean (feature vector)");
    xs.add(build(pooled, keep, r -> Features.l2Normalize(Arrays.copyOf(r[last], r[last].length / 2))));
    for (int b = 0; b < BLOCKS.size(); b++) {
      int bb = b;
      recipes.add(BLOCKS.get(b) + " mean+std");
      xs.add(build(pooled, keep, r -> Features.l2Normalize(r[bb])));
    }
    int[][] joins = {{1, 2, 3, 4}, {2, 3, 4}, {3, 4, 5}, {2, 3, 4, 5}, {1, 2, 3, 4, 5}, {0, 1, 2, 3, 4, 5}};
    for (int[] j : joins) {
      StringBuilder name = new StringBuilder("join");
      for (int b : j) {
        name.append(' ').append(BLOCKS.get(b).replace("expanded_conv_", "b").replace("/add", ""));
      }
      recipes.add(name + " (each l2)");
      xs.add(build(pooled, keep, r -> {
        float[][] parts = new float[j.length][];
        for (int i = 0; i < j.length; i++) {
          parts[i] = Features.l2Normalize(r[j[i]]);
        }
        return Features.l2Normalize(TextureProbe.join(parts));
      }));
    }
    recipes.add("v3 texture (the default backbone)");
    xs.add(HeadProbe.pick(texture, keep));
    for (int[] j : new int[][] {{1, 2, 3, 4}, {2, 3, 4}, {3, 4}}) {
      StringBuilder name = new StringBuilder("v3 texture + v2");
      for (int b : j) {
        name.append(' ').append(BLOCKS.get(b).replace("expanded_conv_", "b").replace("/add", ""));
      }
      recipes.add(name.toString());
      float[][] v2 = build(pooled, keep, r -> {
        float[][] parts = new float[j.length][];
        for (int i = 0; i < j.length; i++) {
          parts[i] = Features.l2Normalize(r[j[i]]);
        }
        return Features.l2Normalize(TextureProbe.join(parts));
      });
      xs.add(TextureProbe.join(HeadProbe.pick(texture, keep), v2));
    }
    for (int c = 0; c < recipes.size(); c++) {
      float[][] x = xs.get(c);
      StringBuilder line = new StringBuilder(String.format("%-44s dim %5d", recipes.get(c), x[0].length));
      for (double l2 : (Boolean.getBoolean("probe.raw") ? new double[] {1e-4, 1e-3, 1e-2} : new double[] {1e-2, 1e-1, 1})) {
        double acc = HeadProbe.cv(x, yk, k, 5, !Boolean.getBoolean("probe.raw"), (fx, fy) -> SoftmaxRegression.train(fx, fy, k, l2,
            Features.balancedClassWeights(fy, k), new float[0][], new int[0], 300, () -> false));
        line.append(String.format("  l2=%g %.1f%%", l2, 100 * acc));
      }
      System.out.println(line);
    }
  }

  interface Recipe {
    float[] of(float[][] blocks);
  }

  static float[][] build(float[][][] pooled, int[] keep, Recipe recipe) {
    float[][] x = new float[keep.length][];
    for (int i = 0; i < keep.length; i++) {
      x[i] = recipe.of(pooled[keep[i]]);
    }
    return x;
  }

  /** NHWC map flattened as [hw][c]: per-channel mean then population standard deviation. */
  static float[] meanAndStd(float[] map, int c) {
    int n = map.length / c;
    double[] sum = new double[c];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < c; j++) {
        sum[j] += map[i * c + j];
      }
    }
    float[] out = new float[2 * c];
    for (int j = 0; j < c; j++) {
      out[j] = (float) (sum[j] / n);
    }
    double[] sq = new double[c];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < c; j++) {
        double d = map[i * c + j] - out[j];
        sq[j] += d * d;
      }
    }
    for (int j = 0; j < c; j++) {
      out[c + j] = (float) Math.sqrt(sq[j] / n);
    }
    return out;
  }
}
