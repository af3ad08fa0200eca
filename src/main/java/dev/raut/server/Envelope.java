package dev.raut.server;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * Every answer's JSON shape, the one the Postman collections of the research's Flask API expect:
 * {@code {"status":{"code":200,"message":"..."},"data":...}}; errors carry {@code "data":null}.
 */
@JsonPropertyOrder({"status", "data"})
@JsonInclude(JsonInclude.Include.ALWAYS)
public record Envelope(Status status, Object data) {

  @JsonPropertyOrder({"code", "message"})
  public record Status(int code, String message) {}

  public static Envelope ok(String message, Object data) {
    return new Envelope(new Status(200, message), data);
  }

  public static Envelope error(int code, String message) {
    return new Envelope(new Status(code, message), null);
  }
}
