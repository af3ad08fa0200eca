package dev.raut.core.analysis;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import com.fasterxml.jackson.databind.module.SimpleModule;
import dev.raut.core.geometry.Box;
import dev.raut.core.geometry.Point;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * The one JSON form of {@link ImageAnalysis}, shared by the CLI, the server and the app's export.
 * The wire schema lives here, apart from the result types: boxes are {@code [x, y, w, h]} and
 * points {@code [x, y]}, rounded to 0.1 px; scores are rounded to 4 decimals and ages to 1;
 * optional parts (a face's classes, age, gender, landmarks; a photo's place in a document) are left
 * out when absent.
 */
public final class ResultJson {
  private static final ObjectMapper MAPPER = new ObjectMapper().disable(SerializationFeature.INDENT_OUTPUT)
      .registerModule(new SimpleModule("raut-results")
          .addSerializer(Box.class, new BoxWriter())
          .addSerializer(Point.class, new PointWriter())
          .addDeserializer(Box.class, new BoxReader())
          .addDeserializer(Point.class, new PointReader()))
      .addMixIn(ImageAnalysis.class, AnalysisWire.class)
      .addMixIn(ImageAnalysis.Face.class, FaceWire.class)
      .addMixIn(ImageAnalysis.Emotion.class, EmotionWire.class)
      .addMixIn(ImageAnalysis.DetectedObjectResult.class, ObjectWire.class)
      .addMixIn(ImageAnalysis.ClassScore.class, ClassScoreWire.class);

  private ResultJson() {}

  public static ObjectMapper mapper() {
    return MAPPER;
  }

  /** One line of JSON, no trailing newline. */
  public static String line(Object value) {
    try {
      return MAPPER.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Result could not be written as JSON", e);
    }
  }

  /** A result read back from its JSON line (values as rounded there). */
  public static ImageAnalysis parse(String line) {
    try {
      return MAPPER.readValue(line, ImageAnalysis.class);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("Not an analysis result: " + e.getOriginalMessage(), e);
    }
  }

  /** Pixels on the wire: a tenth of a pixel is finer than any detector's error. */
  public static double pixels(double v) {
    return Math.round(v * 10) / 10.0;
  }

  /** Scores on the wire: four decimals, enough to rank and threshold. */
  public static double score(double v) {
    return Math.round(v * 10000) / 10000.0;
  }

  @JsonPropertyOrder({"file", "part", "width", "height", "faces", "objects", "classes", "error"})
  private interface AnalysisWire {
    @JsonInclude(JsonInclude.Include.NON_NULL)
    Object part();
  }

  @JsonPropertyOrder({"box", "score", "keypoints", "emotion", "age", "gender", "landmarks68", "classes"})
  private interface FaceWire {
    @JsonSerialize(using = ScoreWriter.class)
    double score();

    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    List<ImageAnalysis.ClassScore> classes();

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonSerialize(using = AgeWriter.class)
    Double age();

    @JsonInclude(JsonInclude.Include.NON_NULL)
    ImageAnalysis.ClassScore gender();

    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    List<Point> landmarks68();
  }

  @JsonPropertyOrder({"label", "score", "scores"})
  private interface EmotionWire {
    @JsonSerialize(using = ScoreWriter.class)
    double score();

    @JsonSerialize(contentUsing = ScoreWriter.class)
    Map<String, Double> scores();
  }

  @JsonPropertyOrder({"label", "score", "box"})
  private interface ObjectWire {
    @JsonSerialize(using = ScoreWriter.class)
    double score();
  }

  @JsonPropertyOrder({"label", "score"})
  private interface ClassScoreWire {
    @JsonSerialize(using = ScoreWriter.class)
    double score();
  }

  static final class ScoreWriter extends JsonSerializer<Double> {
    @Override
    public void serialize(Double value, JsonGenerator out, SerializerProvider serializers) throws IOException {
      out.writeNumber(score(value));
    }
  }

  static final class AgeWriter extends JsonSerializer<Double> {
    @Override
    public void serialize(Double value, JsonGenerator out, SerializerProvider serializers) throws IOException {
      out.writeNumber(Math.round(value * 10) / 10.0);
    }
  }

  private static final class BoxWriter extends JsonSerializer<Box> {
    @Override
    public void serialize(Box box, JsonGenerator out, SerializerProvider serializers) throws IOException {
      out.writeArray(new double[] {pixels(box.x()), pixels(box.y()), pixels(box.width()), pixels(box.height())}, 0, 4);
    }
  }

  private static final class PointWriter extends JsonSerializer<Point> {
    @Override
    public void serialize(Point point, JsonGenerator out, SerializerProvider serializers) throws IOException {
      out.writeArray(new double[] {pixels(point.x()), pixels(point.y())}, 0, 2);
    }
  }

  private static final class BoxReader extends JsonDeserializer<Box> {
    @Override
    public Box deserialize(JsonParser in, DeserializationContext context) throws IOException {
      JsonNode xywh = in.readValueAsTree();
      if (!xywh.isArray() || xywh.size() != 4) {
        return context.reportInputMismatch(Box.class, "A box is [x, y, w, h], not %s", xywh);
      }
      return new Box(xywh.get(0).asDouble(), xywh.get(1).asDouble(), xywh.get(2).asDouble(), xywh.get(3).asDouble());
    }
  }

  private static final class PointReader extends JsonDeserializer<Point> {
    @Override
    public Point deserialize(JsonParser in, DeserializationContext context) throws IOException {
      JsonNode xy = in.readValueAsTree();
      if (!xy.isArray() || xy.size() != 2) {
        return context.reportInputMismatch(Point.class, "A point is [x, y], not %s", xy);
      }
      return new Point(xy.get(0).asDouble(), xy.get(1).asDouble());
    }
  }
}
