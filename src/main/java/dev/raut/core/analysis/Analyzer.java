package dev.raut.core.analysis;

import dev.raut.core.attributes.AgeGender;
import dev.raut.core.classify.ClassPrediction;
import dev.raut.core.classify.ClassifierScope;
import dev.raut.core.classify.OnnxImageClassifier;
import dev.raut.core.emotion.EmotionModel;
import dev.raut.core.emotion.EmotionPrediction;
import dev.raut.core.emotion.EmotionViews;
import dev.raut.core.emotion.FaceCrop;
import dev.raut.core.emotion.SecondLook;
import dev.raut.core.document.DocumentException;
import dev.raut.core.document.DocumentPart;
import dev.raut.core.document.EmbeddedPhoto;
import dev.raut.core.face.DetectedFace;
import dev.raut.core.geometry.Box;
import dev.raut.core.geometry.Point;
import dev.raut.core.image.DecodeTarget;
import dev.raut.core.image.DecodedImage;
import dev.raut.core.image.ImageDecodeException;
import dev.raut.core.image.ImageDecoder;
import dev.raut.core.objects.DetectedObject;
import dev.raut.core.onnx.ModelLoadException;
import dev.raut.core.recognition.DescribedFace;
import dev.raut.core.recognition.FaceRecognizer;
import dev.raut.core.text.Problem;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.opencv.core.Mat;

/**
 * The one analysis pipeline behind every door: decode (at the resolution the models need) →
 * detect faces → emotion per face → objects → classifier. Per-image problems (a corrupt photo, a
 * file that is not an image) come back as an {@link ImageAnalysis} with an error, never as an
 * exception; a model that cannot load is a {@link ModelLoadException}, since no image can succeed.
 * Thread-safe: call it from as many threads as there are cores.
 */
public final class Analyzer {
  /**
   * Faces are searched on an image whose long side is at least this: BlazeFace back finds the same
   * 22 faces of the 1920-pixel sample photos on a quarter-size decode as on the full photo (the
   * emotion crop, 1.6 times a 40-60 pixel face box, still has its 64 pixels), and the quarter-size
   * JPEG decode takes 30% less time than the half-size one.
   */
  static final int FACE_DECODE_LONG_SIDE = 480;
  /** CenterNet stretches the image to 512 x 512. */
  static final int OBJECTS_DECODE_SHORT_SIDE = 512;
  /** Pre-cropped faces need the largest face network's input side (FaceRecognitionNet's 150). */
  static final int CROPPED_FACE_SIDE = 150;
  /**
   * The crop a user's face-scope classifier sees around a detected box: 1.8 times the box, centred 5%
   * higher, eyes levelled. Users' face models are mostly trained on Haar-style crops with a margin
   * (forehead to chin and some hair), wider than the BlazeFace box. Measured with oarriaga's FER2013
   * file on faces-emotion-dev (766 photos, largest face): 1.0x 29%, 1.4x 47%, 1.6x (the emotion crop)
   * 49%, 1.7-2.0x 48-50.5% (a plateau; 1.8x all four shift/alignment variants 49.5-50.3%), 2.2x 46%;
   * the built-in emotion model on its own crop scores 47.4% on the same faces.
   */
  static final FaceCrop USER_FACE_CROP = new FaceCrop(1.8, 0.05, true);

  /**
   * The crop a face-scope classifier reads for {@code face}; the teacher embeds the same crop, so a
   * model taught on faces sees at run time what it was taught on. The caller releases it.
   */
  public static Mat faceClassifierCrop(Mat bgr, DetectedFace face) {
    return USER_FACE_CROP.cropColour(bgr, face);
  }

  private final Engine engine;
  private final ImageDecoder decoder;
  private final boolean singleViewEmotions;

  public Analyzer(Engine engine, ImageDecoder decoder) {
    this(engine, decoder, false);
  }

  private Analyzer(Engine engine, ImageDecoder decoder, boolean singleViewEmotions) {
    this.engine = engine;
    this.decoder = decoder;
    this.singleViewEmotions = singleViewEmotions;
  }

  /**
   * For live video: each face's emotion is read once ({@link EmotionViews#SINGLE}); the caller's
   * tracker smooths it over frames, which steadies it better than a second view would, at half the cost.
   */
  public static Analyzer forLiveVideo(Engine engine) {
    return new Analyzer(engine, new ImageDecoder(), true);
  }

  public Analyzer(Engine engine) {
    this(engine, new ImageDecoder());
  }

  public Engine engine() {
    return engine;
  }

  /**
   * One photo's faces and their descriptors (the People page), inside a lease of the engine like
   * any analysis, so closing the engine waits for it.
   */
  public List<DescribedFace> describeFaces(Path photo, DetectorChoice detector) throws ImageDecodeException {
    try (Engine.Lease lease = engine.lease()) {
      return recognizer(detector).faces(photo);
    }
  }

  /** Faces and descriptors of photo files, found on the same decode and detector as {@code analyze}'s faces. */
  public FaceRecognizer recognizer(DetectorChoice detector) {
    AnalysisRequest facesOnly = new AnalysisRequest(true, false, false, null, detector, AnalysisRequest.DEFAULT_OBJECT_THRESHOLD);
    return new FaceRecognizer(engine.faceDetector(detector), engine.describer(), decoder,
        faceDecodeTarget(facesOnly, false));
  }

  public ImageAnalysis analyze(Path file, AnalysisRequest request) {
    return decodeAndAnalyze(file.toString(), target -> decoder.decode(file, target), request);
  }

  /** For uploads: the bytes are analysed in memory and never written anywhere. */
  public ImageAnalysis analyze(byte[] data, String name, AnalysisRequest request) {
    return decodeAndAnalyze(name, target -> decoder.decode(data, name, target), request);
  }

  private interface Decode {
    DecodedImage at(DecodeTarget target) throws ImageDecodeException;
  }

  /**
   * Faces are always found and read on the same decode, whatever else was asked: a face's crop
   * must not depend on other tasks (objects need a larger decode, which moved the boxes and crops
   * and changed emotions). When objects or a classifier are asked too, the photo is decoded a
   * second time at their size.
   */
  private ImageAnalysis decodeAndAnalyze(String name, Decode decode, AnalysisRequest request) {
    try (Engine.Lease lease = engine.lease()) {
      return decodeAndAnalyzeLeased(name, decode, request);
    }
  }

  private ImageAnalysis decodeAndAnalyzeLeased(String name, Decode decode, AnalysisRequest request) {
    boolean faceClassifier = request.classifier() != null
        && engine.classifierScope(request.classifier()) == ClassifierScope.FACE;
    DecodeTarget faceTarget = faceDecodeTarget(request, faceClassifier);
    DecodeTarget photoTarget = photoDecodeTarget(request);
    try (DecodedImage first = decode.at(faceTarget != null ? faceTarget
        : photoTarget != null ? photoTarget : DecodeTarget.fullResolution())) {
      if (faceTarget == null || photoTarget == null) {
        return analyzeDecoded(first, first, name, request);
      }
      try (DecodedImage photo = decode.at(photoTarget)) {
        return analyzeDecoded(first, photo, name, request);
      }
    } catch (ImageDecodeException e) {
      return ImageAnalysis.failed(name, AnalysisError.of(e.code(), e.problem()));
    }
  }

  /** A photo taken out of a document: the result names the document and the photo's place in it. */
  public ImageAnalysis analyze(EmbeddedPhoto photo, String documentName, AnalysisRequest request) {
    String label = DocumentPart.label(documentName, photo.part());
    return decodeAndAnalyze(documentName, target -> photo.decode(decoder, target, label), request).withPart(photo.part());
  }

  /** A document none of whose photos could be had: one result, its message starting with the file name. */
  public static ImageAnalysis failedDocument(String documentName, DocumentException e) {
    Path name = Path.of(documentName).getFileName();
    return ImageAnalysis.failed(documentName, AnalysisError.of(e.code(),
        Problem.of("errors.named", name == null ? documentName : name.toString(), e.problem())));
  }

  private ImageAnalysis analyzeDecoded(DecodedImage forFaces, DecodedImage forPhoto, String name,
      AnalysisRequest request) {
    try {
      return analyzeFrames(forFaces.mat(), forPhoto.mat(), name, forFaces.originalWidth(), forFaces.originalHeight(),
          request);
    } catch (ModelLoadException e) {
      throw e;
    } catch (RuntimeException e) {
      // OpenCV or ONNX Runtime choked on this one image: report it and let the batch go on.
      return ImageAnalysis.failed(name, AnalysisError.of("analysis_failed",
          Problem.of("errors.analysis.imageFailed", Problem.of(e))));
    }
  }

  /**
   * Analyses pixels already in memory (a camera frame or a decoded photo). {@code originalWidth}
   * and {@code originalHeight} are the size results are reported in; {@code bgr} may be smaller.
   */
  public ImageAnalysis analyzeFrame(Mat bgr, String name, int originalWidth, int originalHeight, AnalysisRequest request) {
    try (Engine.Lease lease = engine.lease()) {
      return analyzeFrames(bgr, bgr, name, originalWidth, originalHeight, request);
    }
  }

  /** {@code faceBgr}: the decode faces are found and read on; {@code photoBgr}: the one for objects and classifiers. */
  private ImageAnalysis analyzeFrames(Mat faceBgr, Mat photoBgr, String name, int originalWidth, int originalHeight,
      AnalysisRequest request) {
    boolean faceClassifier = request.classifier() != null
        && engine.classifierScope(request.classifier()) == ClassifierScope.FACE;
    // a face-scope classifier needs the faces even when only the classifier was asked for
    boolean detectFaces = request.faces() || faceClassifier;
    List<ImageAnalysis.Face> faces = detectFaces
        ? faces(faceBgr, photoBgr, request, faceClassifier, (double) originalWidth / faceBgr.cols()) : List.of();
    if (detectFaces && request.detector() == DetectorChoice.NONE) {
      // the whole image is the face: report its exact size, not the reduced decode scaled back up
      faces = List.of(faces.get(0).withBox(new Box(0, 0, originalWidth, originalHeight)));
    }
    double photoToOriginal = (double) originalWidth / photoBgr.cols();
    List<ImageAnalysis.DetectedObjectResult> objects = request.objects()
        ? objects(photoBgr, request, photoToOriginal) : List.of();
    List<ImageAnalysis.ClassScore> classes = request.classifier() != null && !faceClassifier
        ? top5(engine.classifier(request.classifier()).classify(photoBgr)) : List.of();
    return new ImageAnalysis(name, originalWidth, originalHeight, faces, objects, classes, null);
  }

  /** The built-in model's emotions for every face, or an empty list when they were not asked (or a user's model reads them). */
  private List<EmotionPrediction> builtInEmotions(Mat bgr, List<DetectedFace> detected, AnalysisRequest request,
      boolean wholeImage) {
    if (!request.emotions() || request.emotionModel() != null) {
      return List.of();
    }
    EmotionViews views = singleViewEmotions ? EmotionViews.SINGLE : request.emotionViewsChoice();
    EmotionModel choice = singleViewEmotions ? request.emotionChoiceForVideo() : request.emotionChoice();
    FaceCrop miniCrop = wholeImage ? FaceCrop.WHOLE_IMAGE : FaceCrop.DETECTED_FACE;
    FaceCrop expressionCrop = wholeImage ? FaceCrop.WHOLE_IMAGE : Engine.FACE_NETWORK_CROP;
    if (choice == EmotionModel.BLEND && views.mirroredWhereUnsure()) {
      // the blend decides on the second look by its own confidence, not each network by its own
      return SecondLook.blended(engine.emotion(), engine.faceExpression(), bgr, detected, miniCrop, expressionCrop);
    }
    List<EmotionPrediction> mini = choice == EmotionModel.FACE_EXPRESSION ? null
        : engine.emotion().classify(bgr, detected, miniCrop, views);
    List<EmotionPrediction> expression = choice == EmotionModel.MINI_XCEPTION ? null
        : engine.faceExpression().classify(bgr, detected, expressionCrop, views);
    return mini == null ? expression : expression == null ? mini : EmotionPrediction.blend(mini, expression);
  }

  private List<ImageAnalysis.Face> faces(Mat bgr, Mat photoBgr, AnalysisRequest request, boolean faceClassifier,
      double toOriginal) {
    boolean wholeImage = request.detector() == DetectorChoice.NONE;
    List<DetectedFace> detected = wholeImage
        ? List.of(new DetectedFace(new Box(0, 0, bgr.cols(), bgr.rows()), 1.0, List.of()))
        : engine.faceDetector(request.detector()).detect(bgr);
    boolean userEmotions = request.emotions() && request.emotionModel() != null;
    List<EmotionPrediction> emotions = builtInEmotions(bgr, detected, request, wholeImage);
    List<AgeGender> ageGender = request.ageGender() ? engine.ageGender().estimate(bgr, detected) : List.of();
    List<List<Point>> landmarks = request.landmarks() ? engine.landmarks().detect(bgr, detected) : List.of();
    double toPhoto = (double) photoBgr.cols() / bgr.cols();
    List<ImageAnalysis.Face> faces = new ArrayList<>(detected.size());
    for (int i = 0; i < detected.size(); i++) {
      DetectedFace face = detected.get(i).scaled(toOriginal);
      ImageAnalysis.Emotion emotion = emotions.isEmpty() ? null : toEmotion(emotions.get(i));
      List<ImageAnalysis.ClassScore> classes = List.of();
      if (userEmotions || faceClassifier) {
        Mat crop = wholeImage ? photoBgr : USER_FACE_CROP.cropColour(photoBgr, detected.get(i).scaled(toPhoto));
        try {
          if (userEmotions) {
            emotion = asEmotion(engine.classifier(request.emotionModel()), crop);
          }
          if (faceClassifier) {
            classes = top5(engine.classifier(request.classifier()).classify(crop));
          }
        } finally {
          if (crop != photoBgr) {
            crop.release();
          }
        }
      }
      AgeGender ag = ageGender.isEmpty() ? null : ageGender.get(i);
      faces.add(new ImageAnalysis.Face(face.box(), face.score(), face.keypoints(), emotion,
          classes, ag == null ? null : ag.age(),
          ag == null ? null : new ImageAnalysis.ClassScore(ag.gender(), ag.genderScore()),
          landmarks.isEmpty() ? List.of() : landmarks.get(i).stream().map(p -> p.scaled(toOriginal)).toList()));
    }
    return faces;
  }

  /** A user's emotion model's answer in the built-in model's shape: every score, in the model's label order. */
  private static ImageAnalysis.Emotion asEmotion(OnnxImageClassifier model, Mat crop) {
    List<ClassPrediction> ranked = model.classify(crop);
    Map<String, Double> byLabel = new java.util.HashMap<>();
    ranked.forEach(p -> byLabel.put(p.label(), p.score()));
    Map<String, Double> scores = new LinkedHashMap<>();
    model.spec().labels().forEach(label -> scores.put(label, byLabel.get(label)));
    return new ImageAnalysis.Emotion(ranked.get(0).label(), ranked.get(0).score(), scores);
  }

  private List<ImageAnalysis.DetectedObjectResult> objects(Mat bgr, AnalysisRequest request, double toOriginal) {
    List<ImageAnalysis.DetectedObjectResult> objects = new ArrayList<>();
    for (DetectedObject o : engine.objects().detect(bgr, request.objectThreshold())) {
      DetectedObject scaled = o.scaled(toOriginal);
      objects.add(new ImageAnalysis.DetectedObjectResult(scaled.label(), scaled.score(), scaled.box()));
    }
    return objects;
  }

  /** The top five classes (every class when there are fewer). */
  private static List<ImageAnalysis.ClassScore> top5(List<ClassPrediction> all) {
    return all.subList(0, Math.min(5, all.size())).stream()
        .map(p -> new ImageAnalysis.ClassScore(p.label(), p.score())).toList();
  }

  /**
   * How much resolution the request's models need, as one decode (JPEGs are then decoded reduced,
   * much faster): the larger of {@link #faceDecodeTarget(AnalysisRequest, boolean)} and {@link #photoDecodeTarget}.
   */
  public static DecodeTarget decodeTargetFor(AnalysisRequest request) {
    DecodeTarget photo = photoDecodeTarget(request);
    if (photo != null) {
      // a short side of 512 leaves the long side above the faces' need for any usual photo shape
      return photo;
    }
    DecodeTarget faces = faceDecodeTarget(request, false);
    return faces != null ? faces : DecodeTarget.fullResolution();
  }

  /** The decode faces are found and read on; it depends only on the detector, never on other tasks. */
  static DecodeTarget faceDecodeTarget(AnalysisRequest request, boolean faceClassifier) {
    if (!request.faces() && !faceClassifier) {
      return null;
    }
    return request.detector() == DetectorChoice.NONE
        ? DecodeTarget.shortSideAtLeast(CROPPED_FACE_SIDE)
        : DecodeTarget.longSideAtLeast(FACE_DECODE_LONG_SIDE);
  }

  /** The decode for objects and classifiers (a user's model may take more pixels than the built-in face crops). */
  static DecodeTarget photoDecodeTarget(AnalysisRequest request) {
    if (request.objects() || request.classifier() != null || request.emotions() && request.emotionModel() != null) {
      return DecodeTarget.shortSideAtLeast(OBJECTS_DECODE_SHORT_SIDE);
    }
    return null;
  }

  private static ImageAnalysis.Emotion toEmotion(EmotionPrediction p) {
    return new ImageAnalysis.Emotion(p.label(), p.score(), new LinkedHashMap<>(p.scores()));
  }
}
