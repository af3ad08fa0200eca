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
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Owns every loaded model. Each model is loaded once, on first use (or in {@link #warmUp}), from
 * the verified cache, and shared by all threads; {@link #close()} frees the native sessions.
 * Never touches the network: a missing or corrupt model is a {@link ModelLoadException} that says
 * to run {@code raut models fetch}.
 */
public final class Engine implements AutoCloseable {
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
  private final List<OnnxModel> loaded = new ArrayList<>();
  private final Map<DetectorChoice, FaceDetector> detectors = new HashMap<>();
  private final Map<String, OnnxImageClassifier> classifiers = new HashMap<>();
  private final Map<String, ClassifierScope> scopes = new HashMap<>();
  private EmotionClassifier emotion;
  private FaceExpressionClassifier faceExpression;
  private AgeGenderEstimator ageGender;
  private LandmarkDetector landmarks;
  private FaceDescriber describer;
  private ObjectDetector objects;
  private boolean closed;

  /** {@code threadsPerModel}: ONNX Runtime threads per inference; 1 when callers run images in parallel. */
  public Engine(ModelStore store, ModelCatalog catalog, int threadsPerModel) {
    OpenCvNative.ensureLoaded();
    this.store = store;
    this.catalog = catalog;
    this.threadsPerModel = threadsPerModel;
  }

  public static Engine openDefault() {
    return new Engine(ModelStore.defaultStore(), ModelCatalog.defaults(), 1);
  }

  public ModelStore store() {
    return store;
  }

  public synchronized FaceDetector faceDetector(DetectorChoice choice) {
    requireOpen();
    DetectorChoice key = choice;
    FaceDetector detector = detectors.get(key);
    if (detector == null) {
      detector = switch (key) {
        case FRONT -> new BlazeFaceDetector(load(ModelCatalog.FACE_FRONT), FACE_MIN_SCORE, FACE_MERGE_IOU, FRONT_BOX_SCALE);
        case BACK -> new BlazeFaceDetector(load(ModelCatalog.FACE_BACK), FACE_MIN_SCORE, FACE_MERGE_IOU, 1);
        case HAAR -> new HaarFaceDetector(verifiedArtifact(catalog.get(ModelCatalog.FACE_HAAR)));
        case AUTO -> new PhotoFaceDetector(faceDetector(DetectorChoice.BACK), faceDetector(DetectorChoice.FRONT));
        case NONE -> throw new IllegalArgumentException("--detector none uses the whole image as the face");
      };
      detectors.put(key, detector);
    }
    return detector;
  }

  public synchronized EmotionClassifier emotion() {
    requireOpen();
    if (emotion == null) {
      ModelCard card = catalog.get(ModelCatalog.EMOTION);
      emotion = new EmotionClassifier(load(card.id()), card.labels());
    }
    return emotion;
  }

  /** face-api's FaceExpressionNet, answering in the mini-Xception card's labels and order. */
  public synchronized FaceExpressionClassifier faceExpression() {
    requireOpen();
    if (faceExpression == null) {
      ModelCard card = catalog.get(ModelCatalog.FACE_EXPRESSION);
      faceExpression = new FaceExpressionClassifier(load(card.id()), card.labels(),
          catalog.get(ModelCatalog.EMOTION).labels());
    }
    return faceExpression;
  }

  public synchronized AgeGenderEstimator ageGender() {
    requireOpen();
    if (ageGender == null) {
      ModelCard card = catalog.get(ModelCatalog.FACE_AGE_GENDER);
      ageGender = new AgeGenderEstimator(load(card.id()), card.labels(), FACE_NETWORK_CROP);
    }
    return ageGender;
  }

  public synchronized LandmarkDetector landmarks() {
    requireOpen();
    if (landmarks == null) {
      landmarks = new LandmarkDetector(load(ModelCatalog.FACE_LANDMARK_68), LANDMARK_CROP);
    }
    return landmarks;
  }

  public synchronized FaceDescriber describer() {
    requireOpen();
    if (describer == null) {
      describer = new FaceDescriber(load(ModelCatalog.FACE_RECOGNITION), RECOGNITION_CROP);
    }
    return describer;
  }

  public synchronized ObjectDetector objects() {
    requireOpen();
    if (objects == null) {
      ModelCard card = catalog.get(ModelCatalog.OBJECTS);
      objects = new ObjectDetector(load(card.id()), card.labels(), 0.2, 0.5);
    }
    return objects;
  }

  /** A user's classifier, from its card (.json) or a bare .onnx (preprocessing guessed from its input). */
  public synchronized OnnxImageClassifier classifier(String cardOrOnnx) {
    requireOpen();
    String key = key(cardOrOnnx);
    OnnxImageClassifier classifier = classifiers.get(key);
    if (classifier == null) {
      ClassifierCards.Loaded card = ClassifierCards.read(Path.of(key));
      OnnxModel model = OnnxModel.load(card.onnxFile(), card.name(), threadsPerModel);
      try {
        classifier = new OnnxImageClassifier(card.name(), model, card.spec());
      } catch (RuntimeException e) {
        model.close();
        throw e;
      }
      loaded.add(model);
      classifiers.put(key, classifier);
      scopes.put(key, card.scope());
    }
    return classifier;
  }

  /** What a user's classifier looks at, from its card (a bare .onnx looks at the whole image). */
  public synchronized ClassifierScope classifierScope(String cardOrOnnx) {
    classifier(cardOrOnnx);
    return scopes.get(key(cardOrOnnx));
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
    OnnxModel model = OnnxModel.load(verifiedArtifact(card), card.name(), threadsPerModel);
    loaded.add(model);
    return model;
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

  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    for (FaceDetector d : detectors.values()) {
      if (d instanceof AutoCloseable c) {
        try {
          c.close();
        } catch (Exception e) {
          throw new IllegalStateException("Closing a face detector failed", e);
        }
      }
    }
    loaded.forEach(OnnxModel::close);
    loaded.clear();
  }
}
