package dev.raut.core.analysis;

import dev.raut.core.attributes.AgeGenderEstimator;
import dev.raut.core.attributes.LandmarkDetector;
import dev.raut.core.classify.ClassifierCards;
import dev.raut.core.classify.ClassifierScope;
import dev.raut.core.classify.OnnxImageClassifier;
import dev.raut.core.emotion.EmotionClassifier;
import dev.raut.core.emotion.EmotionModel;
import dev.raut.core.emotion.FaceCrop;
import dev.raut.core.emotion.FaceExpressionClassifier;
import dev.raut.core.face.BlazeFaceDetector;
import dev.raut.core.face.DetectedFace;
import dev.raut.core.face.FaceDetector;
import dev.raut.core.face.HaarFaceDetector;
import dev.raut.core.face.PhotoFaceDetector;
import dev.raut.core.image.OpenCvNative;
import dev.raut.core.model.ModelCard;
import dev.raut.core.model.ModelCatalog;
import dev.raut.core.model.ModelFetcher;
import dev.raut.core.model.ModelState;
import dev.raut.core.model.ModelStore;
import dev.raut.core.objects.ObjectDetector;
import dev.raut.core.onnx.ModelLoadException;
import dev.raut.core.onnx.OnnxModel;
import dev.raut.core.recognition.FaceDescriber;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import org.opencv.core.Mat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Owns every loaded model. Each model is loaded once, on first use (or in {@link #warmUp}), from
 * the verified cache, and shared by all threads; {@link #close()} frees the native sessions.
 * Never touches the network: a missing or corrupt model is a {@link ModelLoadException} that says
 * to run {@code raut models fetch}.
 */
public final class Engine implements AutoCloseable {
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(Engine.class);
  /** How long {@link #close()} waits for analyses in progress. */
  public static final java.time.Duration CLOSE_WAIT = java.time.Duration.ofSeconds(30);
  /** Detector thresholds and the emotion crop, chosen by measurement (see README, "Models"). */
  static final double FACE_MIN_SCORE = 0.5;
  static final double FACE_MERGE_IOU = 0.3;
  /**
   * The front model's boxes are about 1.45 times the back model's for the same face (the emotion
   * crop tuned on each: 1.1 and 1.6 times the box). Shrunk to the back model's tighter extent, so
   * every BlazeFace box means eyebrows to chin, in the overlays and for the emotion crop.
   */
  static final double FRONT_BOX_SCALE = 1 / 1.45;

  /**
   * The crop face-api's expression and age/gender networks read around a BlazeFace box, chosen for
   * expression by measurement on faces-emotion-dev (README, "Emotion accuracy").
   */
  public static final FaceCrop FACE_NETWORK_CROP = new FaceCrop(1.8, 0.05, true);
  /** Upright (the points map straight back), about the extent of face-api's own detector boxes. */
  public static final FaceCrop LANDMARK_CROP = new FaceCrop(1.3, 0.05, false);
  /** Eyes levelled, chosen by verification accuracy on the dev photos' identities (README, "Face recognition"). */
  public static final FaceCrop RECOGNITION_CROP = new FaceCrop(1.6, 0.05, true);

  private final ModelStore store;
  private final ModelCatalog catalog;
  private final int threadsPerModel;
  /**
   * One budget for the machine: at most this many images are analysed at once, whichever door asks
   * (gallery, Live, evaluation, server, CLI), so two doors busy together don't oversubscribe the cores.
   */
  private final Semaphore budget;
  private final int budgetSize;
  /** How many leases this thread holds (a lease taken inside another one costs no second permit). */
  private final ThreadLocal<int[]> leasesHeld = ThreadLocal.withInitial(() -> new int[1]);
  /** Every session this engine opened, closed by {@link #close()}; guarded by itself. */
  private final List<OnnxModel> loaded = new ArrayList<>();
  private final Map<DetectorChoice, Slot<FaceDetector>> detectors = new EnumMap<>(DetectorChoice.class);
  private final Map<String, Slot<LoadedClassifier>> classifiers = new ConcurrentHashMap<>();
  private final Slot<EmotionClassifier> emotion;
  private final Slot<FaceExpressionClassifier> faceExpression;
  private final Slot<AgeGenderEstimator> ageGender;
  private final Slot<LandmarkDetector> landmarks;
  private final Slot<FaceDescriber> describer;
  private final Slot<ObjectDetector> objects;
  private volatile boolean closed;

  private record LoadedClassifier(OnnxImageClassifier classifier, OnnxModel model, ClassifierScope scope) {}

  /**
   * One model, loaded on first use under its own lock: a slow load (a large classifier, a cold
   * disk) holds up only the threads that need that model, never the ones using models already loaded.
   */
  private final class Slot<T> {
    private final Supplier<T> loader;
    private volatile T value;

    Slot(Supplier<T> loader) {
      this.loader = loader;
    }

    T get() {
      requireOpen();
      T ready = value;
      if (ready != null) {
        return ready;
      }
      synchronized (this) {
        requireOpen();
        if (value == null) {
          value = loader.get();
        }
        return value;
      }
    }

    T ifLoaded() {
      return value;
    }
  }

  /** {@code threadsPerModel}: ONNX Runtime threads per inference; 1 when callers run images in parallel. */
  public Engine(ModelStore store, ModelCatalog catalog, int threadsPerModel) {
    this(store, catalog, threadsPerModel, Runtime.getRuntime().availableProcessors());
  }

  /** As above, with at most {@code imagesAtOnce} images analysed at the same time (see {@link #lease()}). */
  public Engine(ModelStore store, ModelCatalog catalog, int threadsPerModel, int imagesAtOnce) {
    OpenCvNative.ensureLoaded();
    this.store = store;
    this.catalog = catalog;
    this.threadsPerModel = threadsPerModel;
    this.budgetSize = Math.max(1, imagesAtOnce);
    this.budget = new Semaphore(budgetSize, true);
    detectors.put(DetectorChoice.FRONT, new Slot<>(() ->
        new BlazeFaceDetector(loadWidened(ModelCatalog.FACE_FRONT), FACE_MIN_SCORE, FACE_MERGE_IOU, FRONT_BOX_SCALE)));
    detectors.put(DetectorChoice.BACK, new Slot<>(() ->
        new BlazeFaceDetector(loadWidened(ModelCatalog.FACE_BACK), FACE_MIN_SCORE, FACE_MERGE_IOU, 1)));
    detectors.put(DetectorChoice.HAAR, new Slot<>(() ->
        new HaarFaceDetector(verifiedArtifact(catalog.get(ModelCatalog.FACE_HAAR)))));
    detectors.put(DetectorChoice.AUTO, new Slot<>(() ->
        new PhotoFaceDetector(faceDetector(DetectorChoice.BACK), faceDetector(DetectorChoice.FRONT))));
    emotion = new Slot<>(() -> {
      ModelCard card = catalog.get(ModelCatalog.EMOTION);
      return new EmotionClassifier(load(card.id()), card.labels());
    });
    faceExpression = new Slot<>(() -> {
      ModelCard card = catalog.get(ModelCatalog.FACE_EXPRESSION);
      return new FaceExpressionClassifier(load(card.id()), card.labels(), catalog.get(ModelCatalog.EMOTION).labels());
    });
    ageGender = new Slot<>(() -> {
      ModelCard card = catalog.get(ModelCatalog.FACE_AGE_GENDER);
      return new AgeGenderEstimator(load(card.id()), card.labels(), FACE_NETWORK_CROP);
    });
    landmarks = new Slot<>(() -> new LandmarkDetector(load(ModelCatalog.FACE_LANDMARK_68), LANDMARK_CROP));
    describer = new Slot<>(() -> new FaceDescriber(load(ModelCatalog.FACE_RECOGNITION), RECOGNITION_CROP));
    objects = new Slot<>(() -> {
      ModelCard card = catalog.get(ModelCatalog.OBJECTS);
      return new ObjectDetector(load(card.id()), card.labels(), 0.2, 0.5);
    });
  }

  public static Engine openDefault() {
    return new Engine(ModelStore.defaultStore(), ModelCatalog.defaults(), 1);
  }

  /** The default models, with at most {@code imagesAtOnce} images analysed at a time (a door's --threads). */
  public static Engine openDefault(int imagesAtOnce) {
    return new Engine(ModelStore.defaultStore(), ModelCatalog.defaults(), 1, imagesAtOnce);
  }

  public ModelStore store() {
    return store;
  }

  /** Held while one image is analysed; closing it gives the permit back. */
  public interface Lease extends AutoCloseable {
    @Override
    void close();
  }

  /**
   * Waits for a permit of the machine's budget and holds it until closed: every analysis of one
   * image runs inside one, so {@link #close()} knows when native calls have ended. Taken again on a
   * thread that holds one, it costs nothing. Refused once the engine is closing.
   */
  public Lease lease() {
    int[] held = leasesHeld.get();
    if (held[0] > 0) {
      held[0]++;
      return () -> held[0]--;
    }
    requireOpen();
    budget.acquireUninterruptibly(); // a cancelled photo waits at most for one other photo's analysis
    if (closed) {
      budget.release();
      requireOpen();
    }
    held[0] = 1;
    return () -> {
      if (--held[0] == 0) {
        budget.release();
      }
    };
  }

  /** Images being analysed right now (leases held), for tests and diagnostics. */
  public int imagesInProgress() {
    return budgetSize - budget.availablePermits();
  }

  public FaceDetector faceDetector(DetectorChoice choice) {
    if (choice == DetectorChoice.NONE) {
      throw new IllegalArgumentException("--detector none uses the whole image as the face");
    }
    return detectors.get(choice).get();
  }

  /**
   * The detector for {@code choice} with each call inside a {@link #lease()}, for doors that find
   * faces outside an analysis (Teach's face scope and its trial): {@link #close()} then waits for
   * them as it waits for analyses.
   */
  public FaceDetector leasedFaceDetector(DetectorChoice choice) {
    FaceDetector detector = faceDetector(choice);
    return new FaceDetector() {
      @Override
      public List<DetectedFace> detect(Mat bgr) {
        try (Lease lease = lease()) {
          return detector.detect(bgr);
        }
      }

      @Override
      public List<DetectedFace> detectWithBorder(Mat bgr, int border) {
        try (Lease lease = lease()) {
          return detector.detectWithBorder(bgr, border);
        }
      }
    };
  }

  public EmotionClassifier emotion() {
    return emotion.get();
  }

  /** face-api's FaceExpressionNet, answering in the mini-Xception card's labels and order. */
  public FaceExpressionClassifier faceExpression() {
    return faceExpression.get();
  }

  public AgeGenderEstimator ageGender() {
    return ageGender.get();
  }

  public LandmarkDetector landmarks() {
    return landmarks.get();
  }

  public FaceDescriber describer() {
    return describer.get();
  }

  public ObjectDetector objects() {
    return objects.get();
  }

  /** A user's classifier, from its card (.json) or a bare .onnx (preprocessing guessed from its input). */
  public OnnxImageClassifier classifier(String cardOrOnnx) {
    return userClassifier(cardOrOnnx).classifier();
  }

  /** What a user's classifier looks at, from its card (a bare .onnx looks at the whole image). */
  public ClassifierScope classifierScope(String cardOrOnnx) {
    return userClassifier(cardOrOnnx).scope();
  }

  private LoadedClassifier userClassifier(String cardOrOnnx) {
    requireOpen();
    String key = key(cardOrOnnx);
    return classifiers.computeIfAbsent(key, k -> new Slot<>(() -> {
      ClassifierCards.Loaded card = ClassifierCards.read(Path.of(k));
      OnnxModel model = OnnxModel.load(card.onnxFile(), card.name(), threadsPerModel);
      OnnxImageClassifier classifier;
      try {
        classifier = new OnnxImageClassifier(card.name(), model, card.spec());
      } catch (RuntimeException e) {
        model.close(); // refused (its card does not fit the model): nothing of it stays open
        throw e;
      }
      register(model);
      return new LoadedClassifier(classifier, model, card.scope());
    })).get();
  }

  /**
   * Forgets a user's classifier (it was removed from the library): the next request for it loads it
   * again from its files, and its session is freed as soon as the photos already running on it finish.
   */
  public void release(String cardOrOnnx) {
    Slot<LoadedClassifier> slot = classifiers.remove(key(cardOrOnnx));
    LoadedClassifier classifier = slot == null ? null : slot.ifLoaded();
    if (classifier == null) {
      return; // never loaded (or still loading: then it is freed with the engine)
    }
    classifier.model().closeWhenIdle(); // it stays on the list: closing it again with the engine does nothing
  }

  /** How many of this engine's sessions are open (taking runs). */
  public int openSessions() {
    synchronized (loaded) {
      return (int) loaded.stream().filter(OnnxModel::isOpen).count();
    }
  }

  private static String key(String cardOrOnnx) {
    return Path.of(cardOrOnnx).toAbsolutePath().normalize().toString();
  }

  /** Loads what a request will need now, so the first image isn't slow and model problems show up early. */
  public void warmUp(AnalysisRequest request) {
    boolean faceClassifier = request.classifier() != null && classifierScope(request.classifier()) == ClassifierScope.FACE;
    if ((request.faces() || faceClassifier) && request.detector() != DetectorChoice.NONE) {
      faceDetector(request.detector());
    }
    if (request.emotions()) {
      if (request.emotionModel() != null) {
        classifier(request.emotionModel());
      } else {
        EmotionModel choice = request.emotionChoice();
        if (choice != EmotionModel.FACE_EXPRESSION) {
          emotion();
        }
        if (choice != EmotionModel.MINI_XCEPTION) {
          faceExpression();
        }
      }
    }
    if (request.ageGender()) {
      ageGender();
    }
    if (request.landmarks()) {
      landmarks();
    }
    if (request.objects()) {
      objects();
    }
  }

  private OnnxModel load(String id) {
    ModelCard card = catalog.get(id);
    return register(OnnxModel.load(verifiedArtifact(card), card.name(), threadsPerModel));
  }

  /** A BlazeFace detector, widened to the CPU's channel blocks (same answers, faster: see ChannelWidening). */
  private OnnxModel loadWidened(String id) {
    ModelCard card = catalog.get(id);
    return register(OnnxModel.loadWidened(verifiedArtifact(card), card.name(), threadsPerModel));
  }

  /** Hands a new session to {@link #close()}; a session loaded while the engine closed is closed at once. */
  private OnnxModel register(OnnxModel model) {
    synchronized (loaded) {
      if (!closed) {
        loaded.add(model);
        return model;
      }
    }
    model.close();
    throw new IllegalStateException("This engine is closed");
  }

  private Path verifiedArtifact(ModelCard card) {
    ModelState state = ModelFetcher.state(store, card);
    Path file = store.artifact(card.id(), card.artifact().file());
    return switch (state) {
      case READY -> file;
      case MISSING -> throw new ModelLoadException("The model '" + card.id() + "' is not in the cache (" + file
          + "). Run 'raut models fetch' once (it needs npm and a network connection).");
      case CORRUPT -> throw new ModelLoadException("The cached model file " + file + " is corrupt (its SHA-256 does"
          + " not match the card). Run 'raut models fetch' to fetch it again.");
    };
  }

  private void requireOpen() {
    if (closed) {
      throw new IllegalStateException("This engine is closed");
    }
  }

  /**
   * Refuses new analyses, waits for the ones in progress (their leases) to end, then frees every
   * session; a model still loading when this runs is closed as soon as its load ends. If an analysis
   * is still inside a model after {@link #CLOSE_WAIT}, the sessions are left to the process's end:
   * freeing them under a running model would crash it.
   */
  @Override
  public void close() {
    List<OnnxModel> sessions;
    synchronized (loaded) {
      if (closed) {
        return;
      }
      closed = true;
    }
    boolean idle;
    try {
      idle = budget.tryAcquire(budgetSize, CLOSE_WAIT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      idle = false;
    }
    if (!idle) {
      LOG.warn("An analysis was still running {} s after the engine began to close; its models stay open",
          CLOSE_WAIT.toSeconds());
      return;
    }
    synchronized (loaded) {
      sessions = List.copyOf(loaded);
      loaded.clear();
    }
    for (Slot<FaceDetector> slot : detectors.values()) {
      if (slot.ifLoaded() instanceof AutoCloseable c) {
        try {
          c.close();
        } catch (Exception e) {
          throw new IllegalStateException("Closing a face detector failed", e);
        }
      }
    }
    sessions.forEach(OnnxModel::close);
  }
}
