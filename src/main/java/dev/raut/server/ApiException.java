package dev.raut.server;

/**
 * A request the server refuses, answered as an {@link Envelope} with {@code "data":null}. The
 * message is the status's reason phrase, followed by {@code detail} when there is one.
 */
final class ApiException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int status;
  private final String detail;

  ApiException(int status, String detail) {
    super(detail == null ? reasonPhrase(status) : reasonPhrase(status) + ": " + detail);
    this.status = status;
    this.detail = detail;
  }

  static ApiException badRequest(String detail) {
    return new ApiException(400, detail);
  }

  static ApiException tooLarge(String detail) {
    return new ApiException(413, detail);
  }

  int status() {
    return status;
  }

  /** The same refusal told with the reason phrase alone (the Postman-compatible endpoint's messages). */
  ApiException withoutDetail() {
    return detail == null ? this : new ApiException(status, null);
  }

  Envelope envelope() {
    return Envelope.error(status, getMessage());
  }

  static String reasonPhrase(int status) {
    return switch (status) {
      case 400 -> "Bad Request";
      case 401 -> "Unauthorized";
      case 404 -> "Not Found";
      case 405 -> "Method Not Allowed";
      case 413 -> "Payload Too Large";
      case 415 -> "Unsupported Media Type";
      case 500 -> "Internal Server Error";
      case 503 -> "Service Unavailable";
      default -> "HTTP " + status;
    };
  }
}
