package dev.raut.core.analysis;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.raut.core.document.DocumentPart;
import java.util.List;
import java.util.Map;

/**
 * The result for one image, in the JSON schema every door (CLI, server, app export) writes.
 * Coordinates are in the original image's pixels after EXIF orientation; boxes are [x, y, w, h].
 * A failed image has {@code error} set and empty lists. A photo inside a document has the
 * document as {@code file} and its place in it as {@code part} (left out of the JSON otherwise).
 */
@JsonPropertyOrder({"file", "part", "width", "height", "faces", "objects", "classes", "error"})
public record ImageAnalysis(
    String file, int width, int height, List<Face> faces, List<DetectedObjectResult> objects, List<ClassScore> classes,
    AnalysisError error, @JsonInclude(JsonInclude.Include.NON_NULL) DocumentPart part) {

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
   * One face; {@code classes} holds the top classes of a face-scope classifier (a user's own
   * emotion, age-group or mask model), left out of the JSON when none was asked for, as are
   * {@code age} and {@code gender} (--age-gender) and {@code landmarks68} (--landmarks: 68 [x, y]
   * points in the original photo's pixels, iBUG 300-W order).
   */
  @JsonPropertyOrder({"box", "score", "keypoints", "emotion", "age", "gender", "landmarks68", "classes"})
  public record Face(List<Double> box, double score, List<List<Double>> keypoints, Emotion emotion,
      @JsonInclude(JsonInclude.Include.NON_EMPTY) List<ClassScore> classes,
      @JsonInclude(JsonInclude.Include.NON_NULL) Double age,
      @JsonInclude(JsonInclude.Include.NON_NULL) ClassScore gender,
      @JsonInclude(JsonInclude.Include.NON_EMPTY) List<List<Double>> landmarks68) {
    public Face {
      classes = classes == null ? List.of() : List.copyOf(classes);
      landmarks68 = landmarks68 == null ? List.of() : List.copyOf(landmarks68);
    }

    public Face(List<Double> box, double score, List<List<Double>> keypoints, Emotion emotion,
        List<ClassScore> classes) {
      this(box, score, keypoints, emotion, classes, null, null, List.of());
    }

    public Face(List<Double> box, double score, List<List<Double>> keypoints, Emotion emotion) {
      this(box, score, keypoints, emotion, List.of());
    }

    public Face withClasses(List<ClassScore> newClasses) {
      return new Face(box, score, keypoints, emotion, newClasses, age, gender, landmarks68);
    }

    public Face withBox(List<Double> newBox) {
      return new Face(newBox, score, keypoints, emotion, classes, age, gender, landmarks68);
    }
  }

  @JsonPropertyOrder({"label", "score", "scores"})
  public record Emotion(String label, double score, Map<String, Double> scores) {}

  @JsonPropertyOrder({"label", "score", "box"})
  public record DetectedObjectResult(String label, double score, List<Double> box) {}

  @JsonPropertyOrder({"label", "score"})
  public record ClassScore(String label, double score) {}
}
