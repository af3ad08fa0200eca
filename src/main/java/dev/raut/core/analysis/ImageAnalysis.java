package dev.raut.core.analysis;

import dev.raut.core.document.DocumentPart;
import dev.raut.core.geometry.Box;
import dev.raut.core.geometry.Point;
import java.util.List;
import java.util.Map;

/**
 * The result for one image, as every door (CLI, server, gallery, Live, evaluation) receives it.
 * Coordinates are in the original image's pixels after EXIF orientation, unrounded; scores are
 * unrounded too. {@link ResultJson} and {@link ResultCsv} are its written forms and round there.
 * A failed image has {@code error} set and empty lists. A photo inside a document has the
 * document as {@code file} and its place in it as {@code part} (null otherwise).
 */
public record ImageAnalysis(
    String file, int width, int height, List<Face> faces, List<DetectedObjectResult> objects, List<ClassScore> classes,
    AnalysisError error, DocumentPart part) {

  public ImageAnalysis {
    faces = List.copyOf(faces);
    objects = List.copyOf(objects);
    classes = List.copyOf(classes);
  }

  public ImageAnalysis(String file, int width, int height, List<Face> faces, List<DetectedObjectResult> objects,
      List<ClassScore> classes, AnalysisError error) {
    this(file, width, height, faces, objects, classes, error, null);
  }

  public static ImageAnalysis failed(String file, AnalysisError error) {
    return new ImageAnalysis(file, 0, 0, List.of(), List.of(), List.of(), error);
  }

  /** The same result, told as the photo at {@code newPart} of the document {@link #file()}. */
  public ImageAnalysis withPart(DocumentPart newPart) {
    return new ImageAnalysis(file, width, height, faces, objects, classes, error, newPart);
  }

  /** What people call it: the file, or "report.pdf — page 3, photo 2" for a photo in a document. */
  public String label() {
    return DocumentPart.label(file, part);
  }

  public boolean ok() {
    return error == null;
  }

  /** The same result with its error's message said in {@code language} (a door that speaks per request). */
  public ImageAnalysis in(dev.raut.core.text.Language language) {
    return error == null ? this : new ImageAnalysis(file, width, height, faces, objects, classes, error.in(language), part);
  }

  public ImageAnalysis withFile(String newFile) {
    return new ImageAnalysis(newFile, width, height, faces, objects, classes, error, part);
  }

  /**
   * One face: its box, the detector's score and keypoints (BlazeFace's six: eyes, nose, mouth,
   * ears; none from the Haar detector). {@code classes} holds the top classes of a face-scope
   * classifier (a user's own emotion, age-group or mask model), empty when none was asked for;
   * {@code age} and {@code gender} are null unless asked for (--age-gender), {@code landmarks68}
   * empty unless asked for (--landmarks: 68 points, iBUG 300-W order).
   */
  public record Face(Box box, double score, List<Point> keypoints, Emotion emotion, List<ClassScore> classes,
      Double age, ClassScore gender, List<Point> landmarks68) {
    public Face {
      keypoints = keypoints == null ? List.of() : List.copyOf(keypoints);
      classes = classes == null ? List.of() : List.copyOf(classes);
      landmarks68 = landmarks68 == null ? List.of() : List.copyOf(landmarks68);
    }

    public Face(Box box, double score, List<Point> keypoints, Emotion emotion, List<ClassScore> classes) {
      this(box, score, keypoints, emotion, classes, null, null, List.of());
    }

    public Face(Box box, double score, List<Point> keypoints, Emotion emotion) {
      this(box, score, keypoints, emotion, List.of());
    }

    public Face withClasses(List<ClassScore> newClasses) {
      return new Face(box, score, keypoints, emotion, newClasses, age, gender, landmarks68);
    }

    public Face withBox(Box newBox) {
      return new Face(newBox, score, keypoints, emotion, classes, age, gender, landmarks68);
    }
  }

  /** The top emotion and every emotion's score, in the model's label order. */
  public record Emotion(String label, double score, Map<String, Double> scores) {}

  public record DetectedObjectResult(String label, double score, Box box) {}

  public record ClassScore(String label, double score) {}
}
