package dev.raut.bench;

import dev.raut.core.image.DecodedImage;
import dev.raut.core.image.DecodeTarget;
import dev.raut.core.image.ImageDecoder;
import dev.raut.core.image.ImageFiles;
import dev.raut.core.model.ModelStore;
import dev.raut.core.teach.Backbone;
import dev.raut.core.teach.BackboneCatalog;
import dev.raut.core.teach.BackboneEmbedder;
import dev.raut.core.teach.Features;
import dev.raut.core.teach.SoftmaxRegression;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.opencv.core.Mat;
import org.opencv.core.Rect;

/**
 * Measures the teach backbones: embeds every photo of labelled class folders in several views
 * (whole, mirrored, 2x2 and 3x3 grids of crops, centre square), caches them, then reports 5-fold
 * stratified cross-validation (seed 42) of multinomial logistic regression (the lead's
 * {@link SoftmaxRegression}, standardised inputs, balanced class weights) with the L2 penalty chosen
 * by an inner 3-fold CV (or fixed with -Dprobe.l2=0.1, 13x faster), per backbone and view combination; and photos/s per backbone on all cores.
 *
 * <pre>
 * mvn -q -B -Draut.skipFetch=true test-compile exec:java -Dexec.classpathScope=test \
 *   -Dexec.mainClass=dev.raut.bench.BackboneProbe \
 *   -Dexec.args="../shared/data/batik10/train ../shared/data/art6/train"
 * </pre>
 * Embeddings are cached under {@code target/backbone-probe/} (delete it to re-embed).
 */
public final class BackboneProbe {
  private static final long SEED = 42;
  private static final int FOLDS = 5;
  private static final int INNER_FOLDS = 3;
  /** On standardised inputs (a sweep with -Dprobe.sweep=true showed the best in 1e-2..1e-1). */
  private static final double[] PENALTIES = {
      1e-3, 1e-2, 1e-1, 1};
  private static final boolean STANDARDISE = !Boolean.getBoolean("probe.noStandardise");
  private static final int ITERATIONS = 300;
  private static final List<Backbone> SINGLE = List.of(BackboneCatalog.FAST, BackboneCatalog.MOBILENET_V2_140);

  /** Views cached per photo, by index. */
  static final String[] VIEW_NAMES = {"whole", "whole-flip", "g2-0", "g2-1", "g2-2", "g2-3", "g2f-0", "g2f-1",
      "g2f-2", "g2f-3", "centre", "centre-flip", "g3-0", "g3-1", "g3-2", "g3-3", "g3-4", "g3-5", "g3-6", "g3-7", "g3-8"};

  private record Config(String name, int[] views) {}

  private static final List<Config> CONFIGS = List.of(
      new Config("whole", new int[] {0}),
      new Config("whole+flip", new int[] {0, 1}),
      new Config("whole+2x2", new int[] {0, 2, 3, 4, 5}),
      new Config("whole+2x2, flip", new int[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9}),
      new Config("whole+2x2+3x3", new int[] {0, 2, 3, 4, 5, 12, 13, 14, 15, 16, 17, 18, 19, 20}),
      new Config("all 21 views", range(21)),
      new Config("centre+flip", new int[] {10, 11}));

  record Dataset(String name, List<Path> files, int[] labels, List<String> classes) {}

  public static void main(String[] args) throws Exception {
    Locale.setDefault(Locale.ROOT);
    Path cacheDir = Path.of(System.getProperty("probe.cache", "target/backbone-probe"));
    int threads = Integer.getInteger("probe.threads", Runtime.getRuntime().availableProcessors());
    boolean speedOnly = Boolean.getBoolean("probe.speedOnly");
    List<Path> roots = new ArrayList<>();
    for (String a : args.length == 0 ? new String[] {"../shared/data/batik10/train", "../shared/data/art6/train"} : args) {
      roots.add(Path.of(a));
    }
    ModelStore store = ModelStore.defaultStore();
    for (Path root : roots) {
      Dataset data = scan(root);
      System.out.printf("%n== %s: %d photos, %d classes%n", data.name(), data.files().size(), data.classes().size());
      if (!Boolean.getBoolean("probe.skipSpeed")) {
        speed(data, store, threads);
      }
      if (speedOnly) {
        continue;
      }
      List<float[][][]> perPart = embedAll(data, store, threads, cacheDir);
      if (Boolean.getBoolean("probe.sweep")) {
        sweep(data, perPart);
        continue;
      }
      System.out.println("backbone | views | 5-fold CV accuracy (mean ± std) | chosen l2 per fold");
      int cached = perPart.get(0)[0].length;
      for (Config config : CONFIGS) {
        if (Arrays.stream(config.views()).anyMatch(v -> v >= cached)) {
          continue;
        }
        for (int b = 0; b < 3; b++) {
          int[] parts = b == 0 ? new int[] {0} : b == 1 ? new int[] {1} : new int[] {1, 0};
          String name = b == 0 ? "mobilenet-v3" : b == 1 ? "mobilenet-v2" : "v2+v3";
          float[][] x = features(perPart, parts, config.views());
          double[] r = crossValidate(x, data.labels(), data.classes().size());
          System.out.printf("%s | %s | %s | %.2f%% ± %.2f | %s%n", data.name(), name, config.name(),
              100 * r[0], 100 * r[1], Arrays.toString(Arrays.copyOfRange(r, 2, r.length)));
        }
      }
      // concatenation instead of averaging: whole ++ mean(2x2)
      for (int b = 0; b < 3; b++) {
        int[] parts = b == 0 ? new int[] {0} : b == 1 ? new int[] {1} : new int[] {1, 0};
        String name = b == 0 ? "mobilenet-v3" : b == 1 ? "mobilenet-v2" : "v2+v3";
        float[][] whole = features(perPart, parts, new int[] {0, 1});
        float[][] grid = features(perPart, parts, new int[] {2, 3, 4, 5, 6, 7, 8, 9});
        float[][] x = new float[whole.length][];
        for (int i = 0; i < x.length; i++) {
          x[i] = concat(whole[i], grid[i]);
        }
        double[] r = crossValidate(x, data.labels(), data.classes().size());
        System.out.printf("%s | %s | %s | %.2f%% ± %.2f | %s%n", data.name(), name, "(whole+flip) ++ (2x2, flip)",
            100 * r[0], 100 * r[1], Arrays.toString(Arrays.copyOfRange(r, 2, r.length)));
      }
    }
  }

  /** Outer 5-fold CV accuracy per fixed penalty, whole photo, with and without standardisation. */
  private static void sweep(Dataset data, List<float[][][]> perPart) {
    int[] fold = stratifiedFolds(data.labels(), data.classes().size(), FOLDS, SEED);
    for (int b = 0; b < 3; b++) {
      int[] parts = b == 0 ? new int[] {0} : b == 1 ? new int[] {1} : new int[] {1, 0};
      float[][] x = features(perPart, parts, new int[] {0});
      for (boolean standardise : new boolean[] {true, false}) {
        StringBuilder line = new StringBuilder(data.name() + " sweep b" + b + (standardise ? " std" : " raw"));
        for (double l2 : new double[] {1e-4, 1e-3, 1e-2, 1e-1, 1, 10, 100}) {
          double sum = 0;
          for (int k = 0; k < FOLDS; k++) {
            int[] train = indices(fold, k, false);
            int[] test = indices(fold, k, true);
            sum += fit(rows(x, train), pick(data.labels(), train), rows(x, test), pick(data.labels(), test),
                data.classes().size(), l2, standardise);
          }
          line.append(String.format(" l2=%g:%.1f%%", l2, 100 * sum / FOLDS));
        }
        System.out.println(line);
      }
    }
  }

  private static int[] range(int n) {
    int[] r = new int[n];
    for (int i = 0; i < n; i++) {
      r[i] = i;
    }
    return r;
  }

  static Dataset scan(Path root) throws IOException {
    List<String> classes;
    try (var dirs = Files.list(root)) {
      classes = dirs.filter(Files::isDirectory).map(p -> p.getFileName().toString()).sorted().toList();
    }
    List<Path> files = new ArrayList<>();
    List<Integer> labels = new ArrayList<>();
    for (int c = 0; c < classes.size(); c++) {
      try (var walk = Files.list(root.resolve(classes.get(c)))) {
        for (Path p : walk.filter(ImageFiles::hasImageExtension).sorted().toList()) {
          files.add(p);
          labels.add(c);
        }
      }
    }
    String name = root.toAbsolutePath().normalize().getParent().getFileName().toString();
    return new Dataset(name, files, labels.stream().mapToInt(Integer::intValue).toArray(), classes);
  }

  /** Photos/s on {@code threads} threads (decode + whole-photo embedding) and ms/photo on one thread. */
  private static void speed(Dataset data, ModelStore store, int threads) throws Exception {
    List<Path> sample = data.files().subList(0, Math.min(120, data.files().size()));
    ImageDecoder decoder = new ImageDecoder();
    for (Backbone backbone : List.of(BackboneCatalog.FAST, BackboneCatalog.MOBILENET_V2_140, BackboneCatalog.ACCURATE)) {
      try (BackboneEmbedder embedder = BackboneEmbedder.open(backbone, store, BackboneEmbedder.Views.WHOLE, 1)) {
        Function<Path, float[]> one = p -> {
          try (DecodedImage image = decoder.decode(p, DecodeTarget.shortSideAtLeast(224))) {
            return embedder.embed(image.mat());
          } catch (Exception e) {
            throw new RuntimeException(p + ": " + e.getMessage(), e);
          }
        };
        for (int i = 0; i < 10; i++) {
          one.apply(sample.get(i));
        }
        long t0 = System.nanoTime();
        for (Path p : sample.subList(0, 40)) {
          one.apply(p);
        }
        double single = (System.nanoTime() - t0) / 1e6 / 40;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        long t1 = System.nanoTime();
        List<Future<float[]>> futures = new ArrayList<>();
        for (Path p : sample) {
          futures.add(pool.submit(() -> one.apply(p)));
        }
        for (Future<float[]> f : futures) {
          f.get();
        }
        double perSecond = sample.size() / ((System.nanoTime() - t1) / 1e9);
        pool.shutdown();
        System.out.printf("speed %s | %s | %.1f ms/photo (1 thread, decode + embed) | %.1f photos/s (%d threads)%n",
            data.name(), backbone.id(), single, perSecond, threads);
      }
    }
  }

  /** Per single-part backbone: [photo][view][dim], from the cache or computed (all parts in one decode). */
  private static List<float[][][]> embedAll(Dataset data, ModelStore store, int threads, Path cacheDir) throws Exception {
    Files.createDirectories(cacheDir);
    List<Path> caches = SINGLE.stream().map(b -> cacheDir.resolve(data.name() + "-" + b.id() + ".bin")).toList();
    String key = data.files().toString().hashCode() + "-" + Integer.getInteger("probe.views", VIEW_NAMES.length);
    if (caches.stream().allMatch(Files::isRegularFile)) {
      List<float[][][]> loaded = new ArrayList<>();
      for (Path c : caches) {
        float[][][] v = read(c, key);
        if (v == null) {
          loaded = null;
          break;
        }
        loaded.add(v);
      }
      if (loaded != null) {
        return loaded;
      }
    }
    ImageDecoder decoder = new ImageDecoder();
    List<BackboneEmbedder> embedders = new ArrayList<>();
    for (Backbone b : SINGLE) {
      embedders.add(BackboneEmbedder.open(b, store, BackboneEmbedder.Views.WHOLE, 1));
    }
    int n = data.files().size();
    List<float[][][]> out = new ArrayList<>();
    for (int b = 0; b < SINGLE.size(); b++) {
      out.add(new float[n][][]);
    }
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    AtomicInteger done = new AtomicInteger();
    long start = System.nanoTime();
    List<Future<?>> futures = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      int index = i;
      futures.add(pool.submit(() -> {
        try (DecodedImage image = decoder.decode(data.files().get(index), DecodeTarget.fullResolution())) {
          Mat m = image.mat();
          List<Rect> regions = new ArrayList<>();
          List<Boolean> flips = new ArrayList<>();
          views(m.cols(), m.rows(), regions, flips);
          int limit = Integer.getInteger("probe.views", VIEW_NAMES.length);
          regions.subList(limit, regions.size()).clear();
          flips.subList(limit, flips.size()).clear();
          for (int b = 0; b < embedders.size(); b++) {
            float[][] v = new float[regions.size()][];
            for (int k = 0; k < regions.size(); k++) {
              v[k] = embedders.get(b).embedRegion(m, regions.get(k), flips.get(k));
            }
            out.get(b)[index] = v;
          }
        } catch (Exception e) {
          throw new RuntimeException(data.files().get(index) + ": " + e.getMessage(), e);
        }
        int d = done.incrementAndGet();
        if (d % 100 == 0) {
          System.out.printf("  embedded %d/%d (%.0f s)%n", d, n, (System.nanoTime() - start) / 1e9);
        }
        return null;
      }));
    }
    for (Future<?> f : futures) {
      f.get();
    }
    pool.shutdown();
    embedders.forEach(BackboneEmbedder::close);
    for (int b = 0; b < SINGLE.size(); b++) {
      write(caches.get(b), key, out.get(b));
    }
    return out;
  }

  /** The cached views of a w x h photo, in {@link #VIEW_NAMES} order. */
  static void views(int w, int h, List<Rect> regions, List<Boolean> flips) {
    Rect whole = new Rect(0, 0, w, h);
    regions.add(whole);
    flips.add(false);
    regions.add(whole);
    flips.add(true);
    List<Rect> g2 = grid(w, h, 2);
    for (boolean flip : new boolean[] {false, true}) {
      for (Rect r : g2) {
        regions.add(r);
        flips.add(flip);
      }
    }
    int s = Math.min(w, h);
    Rect centre = new Rect((w - s) / 2, (h - s) / 2, s, s);
    regions.add(centre);
    flips.add(false);
    regions.add(centre);
    flips.add(true);
    for (Rect r : grid(w, h, 3)) {
      regions.add(r);
      flips.add(false);
    }
  }

  private static List<Rect> grid(int w, int h, int n) {
    List<Rect> cells = new ArrayList<>();
    for (int y = 0; y < n; y++) {
      for (int x = 0; x < n; x++) {
        int x0 = x * w / n;
        int y0 = y * h / n;
        int x1 = Math.max(x0 + 1, (x + 1) * w / n);
        int y1 = Math.max(y0 + 1, (y + 1) * h / n);
        cells.add(new Rect(x0, y0, Math.min(x1, w) - x0, Math.min(y1, h) - y0));
      }
    }
    return cells;
  }

  /** Each part averaged over the views and L2-normalised again, parts joined in the given order. */
  static float[][] features(List<float[][][]> perPart, int[] parts, int[] views) {
    int n = perPart.get(0).length;
    float[][] x = new float[n][];
    for (int i = 0; i < n; i++) {
      float[] row = new float[0];
      for (int p : parts) {
        float[][] v = perPart.get(p)[i];
        float[] mean = new float[v[0].length];
        for (int k : views) {
          for (int j = 0; j < mean.length; j++) {
            mean[j] += v[k][j];
          }
        }
        row = concat(row, Features.l2Normalize(mean));
      }
      x[i] = row;
    }
    return x;
  }

  private static float[] concat(float[] a, float[] b) {
    float[] r = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, r, a.length, b.length);
    return r;
  }

  /** [mean, std, l2 chosen per fold...] of outer stratified k-fold accuracy. */
  static double[] crossValidate(float[][] x, int[] y, int classes) throws Exception {
    int[] fold = stratifiedFolds(y, classes, FOLDS, SEED);
    double[] acc = new double[FOLDS];
    double[] chosen = new double[FOLDS];
    ExecutorService pool = Executors.newFixedThreadPool(Integer.getInteger("probe.threads",
        Runtime.getRuntime().availableProcessors()));
    List<Future<double[]>> results = new ArrayList<>();
    for (int f = 0; f < FOLDS; f++) {
      int k = f;
      results.add(pool.submit(() -> {
        int[] train = indices(fold, k, false);
        int[] test = indices(fold, k, true);
        String fixed = System.getProperty("probe.l2");
        double l2 = fixed != null ? Double.parseDouble(fixed) : choosePenalty(rows(x, train), pick(y, train), classes);
        return new double[] {fit(rows(x, train), pick(y, train), rows(x, test), pick(y, test), classes, l2), l2};
      }));
    }
    for (int f = 0; f < FOLDS; f++) {
      double[] r = results.get(f).get();
      acc[f] = r[0];
      chosen[f] = r[1];
    }
    pool.shutdown();
    double mean = Arrays.stream(acc).average().orElse(0);
    double var = Arrays.stream(acc).map(a -> (a - mean) * (a - mean)).sum() / (FOLDS - 1);
    double[] out = new double[2 + FOLDS];
    out[0] = mean;
    out[1] = Math.sqrt(var);
    System.arraycopy(chosen, 0, out, 2, FOLDS);
    return out;
  }

  private static double choosePenalty(float[][] x, int[] y, int classes) {
    int[] fold = stratifiedFolds(y, classes, INNER_FOLDS, SEED + 1);
    double best = PENALTIES[0];
    double bestAcc = -1;
    for (double l2 : PENALTIES) {
      double sum = 0;
      for (int k = 0; k < INNER_FOLDS; k++) {
        int[] train = indices(fold, k, false);
        int[] test = indices(fold, k, true);
        sum += fit(rows(x, train), pick(y, train), rows(x, test), pick(y, test), classes, l2);
      }
      if (sum > bestAcc + 1e-9) {
        bestAcc = sum;
        best = l2;
      }
    }
    return best;
  }

  private static double fit(float[][] trainX, int[] trainY, float[][] testX, int[] testY, int classes, double l2) {
    return fit(trainX, trainY, testX, testY, classes, l2, STANDARDISE);
  }

  private static double fit(float[][] trainX, int[] trainY, float[][] testX, int[] testY, int classes, double l2,
      boolean standardise) {
    Features.Standardization scale = Features.Standardization.of(trainX);
    float[][] fitX = standardise ? scale.apply(trainX) : trainX;
    SoftmaxRegression head = SoftmaxRegression.train(fitX, trainY, classes, l2,
        Features.balancedClassWeights(trainY, classes), new float[0][], new int[0], ITERATIONS, () -> false);
    float[][] s = standardise ? scale.apply(testX) : testX;
    int correct = 0;
    for (int i = 0; i < s.length; i++) {
      if (head.predict(s[i]) == testY[i]) {
        correct++;
      }
    }
    return (double) correct / s.length;
  }

  /** Fold number per sample: each class shuffled (seeded) and dealt round-robin. */
  static int[] stratifiedFolds(int[] y, int classes, int folds, long seed) {
    int[] fold = new int[y.length];
    Random random = new Random(seed);
    int next = 0;
    for (int c = 0; c < classes; c++) {
      List<Integer> members = new ArrayList<>();
      for (int i = 0; i < y.length; i++) {
        if (y[i] == c) {
          members.add(i);
        }
      }
      java.util.Collections.shuffle(members, random);
      for (int i : members) {
        fold[i] = next++ % folds;
      }
    }
    return fold;
  }

  private static int[] indices(int[] fold, int k, boolean in) {
    return java.util.stream.IntStream.range(0, fold.length).filter(i -> (fold[i] == k) == in).toArray();
  }

  private static float[][] rows(float[][] x, int[] idx) {
    float[][] r = new float[idx.length][];
    for (int i = 0; i < idx.length; i++) {
      r[i] = x[idx[i]];
    }
    return r;
  }

  private static int[] pick(int[] y, int[] idx) {
    int[] r = new int[idx.length];
    for (int i = 0; i < idx.length; i++) {
      r[i] = y[idx[i]];
    }
    return r;
  }

  private static void write(Path file, String key, float[][][] v) throws IOException {
    try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(file)))) {
      out.writeUTF(key);
      out.writeInt(v.length);
      out.writeInt(v[0].length);
      out.writeInt(v[0][0].length);
      for (float[][] photo : v) {
        for (float[] view : photo) {
          for (float f : view) {
            out.writeFloat(f);
          }
        }
      }
    }
  }

  private static float[][][] read(Path file, String key) throws IOException {
    try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file)))) {
      if (!in.readUTF().equals(key)) {
        return null;
      }
      int n = in.readInt();
      int views = in.readInt();
      int d = in.readInt();
      float[][][] v = new float[n][views][d];
      for (float[][] photo : v) {
        for (float[] view : photo) {
          for (int j = 0; j < d; j++) {
            view[j] = in.readFloat();
          }
        }
      }
      return v;
    }
  }
}
