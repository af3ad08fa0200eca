package dev.raut.core.teach;

import dev.raut.core.analysis.AnalysisError;
import dev.raut.core.analysis.Analyzer;
import dev.raut.core.face.DetectedFace;
import dev.raut.core.face.FaceDetector;
import dev.raut.core.classify.ClassifierSpec;
import dev.raut.core.convert.ClassifierGraphExport;
import dev.raut.core.convert.ConversionException;
import dev.raut.core.evaluate.ClassificationReport;
import dev.raut.core.image.DecodeTarget;
import dev.raut.core.image.DecodedImage;
import dev.raut.core.image.ImageDecodeException;
import dev.raut.core.image.ImageDecoder;
import dev.raut.core.text.Problem;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.opencv.core.Core;
import org.opencv.core.Mat;

/**
 * Teaches a classifier from labelled photos: embeds every photo once (cached by content), trains
 * the head on the training part, evaluates it on the held-out part, and exports one ONNX graph
 * (backbone + head + softmax) with its input spec. Nothing is saved here; the caller stores the
 * result in the model library, so a cancelled run leaves nothing behind.
 */
public final class Teacher {
  /**
   * What to teach with. {@code augment} also embeds each training photo mirrored and as two
   * shifted crops (see {@link View}).
   */
  public record Settings(HeadTraining.Choice head, boolean augment, long seed, int threads) {
    public static Settings defaults() {
      return new Settings(HeadTraining.Choice.AUTO, false, 42, Runtime.getRuntime().availableProcessors());
    }
  }

  /** Progress for a bar: the stage ("embedding", "training", "evaluating", "exporting") and counts. */
  public interface Progress {
    void update(String stage, int done, int total);

    /** A head candidate's loss and accuracy after an epoch (or optimiser iteration), for live curves. */
    default void epoch(String candidate, Head.Epoch epoch) {
    }

    static Progress none() {
      return (stage, done, total) -> { };
    }
  }

  /** A photo that could not be read, with the decoder's reason; it is left out. */
  public record Skipped(TeachingData.Photo photo, AnalysisError error) {}

  /** One held-out photo's answer. */
  public record TestPrediction(TeachingData.Photo photo, int predicted, double confidence) {}

  /**
   * @param onnx the taught classifier, loadable by any ONNX Runtime
   * @param spec its input spec and labels, for the card
   * @param report on the held-out photos (empty when there are none)
   */
  public record Result(TeachingData data, String backbone, HeadTraining.Result training, byte[] onnx,
      ClassifierSpec spec, ClassificationReport report, List<TestPrediction> testPredictions, List<Skipped> skipped,
      long embedMillis, long trainMillis, int photosEmbedded, int photosFromCache) {

    public double testAccuracy() {
      return report == null ? Double.NaN : report.accuracy();
    }
  }

  private final OnnxEmbedder embedder;
  private final EmbeddingCache cache;
  private final FaceDetector faces;
  private final ImageDecoder decoder = new ImageDecoder();
  /** An analysis service's lane to embed on, or null: each run makes {@code Settings.threads()} threads of its own. */
  private final ExecutorService shared;

  /** Teaches on whole photos. */
  public Teacher(OnnxEmbedder embedder, EmbeddingCache cache) {
    this(embedder, cache, null);
  }

  /**
   * With {@code faces}, teaches on each photo's largest face, cut as a face-scope classifier reads
   * it ({@link Analyzer#faceClassifierCrop}); a photo without a face is skipped as {@code no_face}.
   */
  public Teacher(OnnxEmbedder embedder, EmbeddingCache cache, FaceDetector faces) {
    this(embedder, cache, faces, null);
  }

  private Teacher(OnnxEmbedder embedder, EmbeddingCache cache, FaceDetector faces, ExecutorService shared) {
    this.embedder = embedder;
    this.cache = cache;
    this.faces = faces;
    this.shared = shared;
  }

  /**
   * The same, embedding on {@code lane}, a door's lane on its analysis service's threads (the app's:
   * Teach then takes turns with the gallery instead of adding threads of its own).
   */
  public Teacher on(ExecutorService lane) {
    return new Teacher(embedder, cache, faces, lane);
  }

  public Result teach(TeachingData data, Settings settings, Progress progress, BooleanSupplier cancelled) {
    long start = System.nanoTime();
    List<TeachingData.Photo> all = new ArrayList<>(data.train());
    all.addAll(data.test());
    List<Skipped> skipped = new ArrayList<>();
    Embedded train = embed(data.train(), settings.augment(), settings.threads(), progress, cancelled, 0, all.size(),
        skipped);
    Embedded test = embed(data.test(), false, settings.threads(), progress, cancelled, data.train().size(), all.size(),
        skipped);
    long embedMillis = (System.nanoTime() - start) / 1_000_000;
    if (train.rows.size() < 2) {
      throw new TeachDataException(Problem.of("errors.teach.noneReadable", skipped.size()));
    }
    long trainStart = System.nanoTime();
    progress.update("training", 0, 1);
    float[][] x = train.rows.toArray(float[][]::new);
    int[] y = train.labels.stream().mapToInt(Integer::intValue).toArray();
    java.util.Map<TeachingData.Photo, Integer> photoIndex = new java.util.HashMap<>();
    for (TeachingData.Photo p : data.train()) {
      photoIndex.putIfAbsent(p, photoIndex.size());
    }
    int[] groups = train.photos.stream().mapToInt(photoIndex::get).toArray();
    HeadTraining.Result training = HeadTraining.train(x, y, groups, data.classes().size(), settings.head(),
        settings.seed(), cancelled, progress::epoch);
    long trainMillis = (System.nanoTime() - trainStart) / 1_000_000;
    progress.update("evaluating", 0, test.rows.size());
    List<TestPrediction> predictions = new ArrayList<>();
    List<String> truth = new ArrayList<>();
    List<String> predicted = new ArrayList<>();
    for (int i = 0; i < test.rows.size(); i++) {
      double[] p = training.head().probabilities(training.standardization().apply(test.rows.get(i)));
      int best = argmax(p);
      predictions.add(new TestPrediction(test.photos.get(i), best, p[best]));
      truth.add(data.classes().get(test.labels.get(i)));
      predicted.add(data.classes().get(best));
    }
    ClassificationReport report = truth.isEmpty() ? null : ClassificationReport.of(data.classes(), truth, predicted);
    progress.update("exporting", 0, 1);
    byte[] onnx = export(training, data);
    return new Result(data, embedder.description(), training, onnx, embedder.inputSpec(data.classes()).withSoftmax(false),
        report, predictions, skipped, embedMillis, trainMillis, train.embedded + test.embedded,
        train.cached + test.cached);
  }

  private byte[] export(HeadTraining.Result training, TeachingData data) {
    List<ClassifierGraphExport.Dense> layers = training.head().layers().stream()
        .map(d -> new ClassifierGraphExport.Dense(d.weights(), d.bias())).toList();
    try {
      return ClassifierGraphExport.export(embedder.graphs(), embedder.height(), embedder.width(),
          training.standardization().mean(), training.standardization().invStd(), layers,
          "Taught by Raut on " + data.classes().size() + " classes (" + String.join(", ", data.classes())
              + ") with " + embedder.description());
    } catch (ConversionException e) {
      throw new IllegalStateException("Exporting the taught model failed: " + e.getMessage(), e);
    }
  }

  private static final class Embedded {
    final List<float[]> rows = new ArrayList<>();
    final List<Integer> labels = new ArrayList<>();
    final List<TeachingData.Photo> photos = new ArrayList<>();
    int embedded;
    int cached;
  }

  /**
   * Embeds photos on {@code threads} threads; results keep the input order. Only embeddings are
   * kept in memory, never the photos, so memory does not grow with the photos' size.
   */
  private Embedded embed(List<TeachingData.Photo> photos, boolean augment, int threads, Progress progress,
      BooleanSupplier cancelled, int doneBefore, int total, List<Skipped> skipped) {
    Embedded out = new Embedded();
    AtomicInteger done = new AtomicInteger(doneBefore);
    AtomicInteger fromCache = new AtomicInteger();
    ExecutorService pool = shared != null ? shared : Executors.newFixedThreadPool(Math.max(1, threads), r -> {
      Thread t = new Thread(r, "raut-teach-embed");
      t.setDaemon(true);
      return t;
    });
    List<Future<Object>> futures = new ArrayList<>();
    try {
      for (TeachingData.Photo photo : photos) {
        futures.add(pool.submit(() -> {
          if (cancelled.getAsBoolean()) {
            throw new TeachCancelledException();
          }
          Object result = embedOne(photo, augment, fromCache);
          progress.update("embedding", done.incrementAndGet(), total);
          return result;
        }));
      }
      for (int i = 0; i < photos.size(); i++) {
        Object result;
        try {
          result = futures.get(i).get();
        } catch (ExecutionException e) {
          if (e.getCause() instanceof TeachCancelledException c) {
            throw c;
          }
          throw new IllegalStateException("Embedding " + photos.get(i).name() + " failed: " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new TeachCancelledException();
        }
        if (result instanceof AnalysisError error) {
          skipped.add(new Skipped(photos.get(i), error));
          continue;
        }
        for (float[] row : (float[][]) result) {
          out.rows.add(row);
          out.labels.add(photos.get(i).label());
          out.photos.add(photos.get(i));
        }
      }
      out.cached = fromCache.get();
      out.embedded = photos.size() - out.cached;
      return out;
    } finally {
      if (shared == null) {
        pool.shutdownNow();
      } else {
        futures.forEach(f -> f.cancel(false)); // a cancel or failure leaves no photo queued on the service
      }
    }
  }

  /**
   * The views a training photo is embedded in: the photo itself and, with augmentation, its mirror
   * image and two crops of 90% of it shifted to opposite corners (a photo taken a little off is
   * still the same class). Each view is cached on its own.
   */
  enum View {
    PHOTO(""), MIRROR("mirror"), SHIFT_TOP_LEFT("shift-tl"), SHIFT_BOTTOM_RIGHT("shift-br");

    final String cacheName;

    View(String cacheName) {
      this.cacheName = cacheName;
    }

    /** This view of {@code bgr}; a new Mat (the caller releases it) except for the photo itself. */
    Mat of(Mat bgr) {
      int w = (int) Math.round(bgr.cols() * 0.9);
      int h = (int) Math.round(bgr.rows() * 0.9);
      return switch (this) {
        case PHOTO -> bgr;
        case MIRROR -> {
          Mat flipped = new Mat();
          Core.flip(bgr, flipped, 1);
          yield flipped;
        }
        case SHIFT_TOP_LEFT -> bgr.submat(new org.opencv.core.Rect(0, 0, Math.max(1, w), Math.max(1, h))).clone();
        case SHIFT_BOTTOM_RIGHT -> bgr.submat(new org.opencv.core.Rect(bgr.cols() - Math.max(1, w),
            bgr.rows() - Math.max(1, h), Math.max(1, w), Math.max(1, h))).clone();
      };
    }
  }

  /** The photo's embeddings, one per view, from the cache or the backbone; an error if unreadable. */
  private Object embedOne(TeachingData.Photo photo, boolean augment, AtomicInteger fromCache) {
    List<View> views = augment ? List.of(View.values()) : List.of(View.PHOTO);
    String prefix = faces == null ? "" : "face";
    float[][] out = new float[views.size()][];
    boolean all = true;
    for (int v = 0; v < views.size(); v++) {
      out[v] = cache.get(embedder.id(), photo.sha256(), variant(prefix, views.get(v)), embedder.dimension())
          .orElse(null);
      all &= out[v] != null;
    }
    if (all) {
      fromCache.incrementAndGet();
      return out;
    }
    int side = Math.max(embedder.width(), embedder.height());
    DecodeTarget target = faces == null ? DecodeTarget.shortSideAtLeast(side) : DecodeTarget.fullResolution();
    Mat crop = null;
    try (DecodedImage image = decoder.decode(photo.file(), target)) {
      Mat bgr = image.mat();
      if (faces != null) {
        DetectedFace face = faces.detect(bgr).stream()
            .max(java.util.Comparator.comparingDouble(f -> f.box().width() * f.box().height())).orElse(null);
        if (face == null) {
          return AnalysisError.of("no_face", Problem.of("errors.teach.noFace"));
        }
        crop = Analyzer.faceClassifierCrop(bgr, face);
        bgr = crop;
      }
      for (int v = 0; v < views.size(); v++) {
        if (out[v] != null) {
          continue;
        }
        Mat view = views.get(v).of(bgr);
        try {
          out[v] = embedder.embed(view);
        } finally {
          if (view != bgr) {
            view.release();
          }
        }
        cache.put(embedder.id(), photo.sha256(), variant(prefix, views.get(v)), out[v]);
      }
      return out;
    } catch (ImageDecodeException e) {
      return AnalysisError.of(e.code(), e.problem());
    } finally {
      if (crop != null) {
        crop.release();
      }
    }
  }

  private static String variant(String prefix, View view) {
    if (prefix.isEmpty()) {
      return view.cacheName;
    }
    return view.cacheName.isEmpty() ? prefix : prefix + "-" + view.cacheName;
  }

  private static int argmax(double[] p) {
    int best = 0;
    for (int i = 1; i < p.length; i++) {
      if (p[i] > p[best]) {
        best = i;
      }
    }
    return best;
  }
}
