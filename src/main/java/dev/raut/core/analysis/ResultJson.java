package dev.raut.core.analysis;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/** The one JSON form of {@link ImageAnalysis}, shared by the CLI, the server and the app's export. */
public final class ResultJson {
  private static final ObjectMapper MAPPER = new ObjectMapper().disable(SerializationFeature.INDENT_OUTPUT);

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

  public static ImageAnalysis parse(String line) {
    try {
      return MAPPER.readValue(line, ImageAnalysis.class);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("Not an analysis result: " + e.getOriginalMessage(), e);
    }
  }
}
