package dev.raut.server;

import dev.raut.core.text.Language;
import dev.raut.core.text.Messages;
import dev.raut.core.text.Problem;

/**
 * A request the server refuses, answered as an {@link Envelope} with {@code "data":null}. The
 * message is the status's reason phrase, followed by {@code detail} when there is one, both in
 * the request's language ({@link #getMessage()} is English, for logs); the status code is the same
 * in every language.
 */
final class ApiException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int status;
  private final transient Problem detail;

  ApiException(int status, Problem detail) {
    super(message(status, detail, Language.ENGLISH));
    this.status = status;
    this.detail = detail;
  }

  static ApiException badRequest(Problem detail) {
    return new ApiException(400, detail);
  }

  static ApiException tooLarge(Problem detail) {
    return new ApiException(413, detail);
  }

  int status() {
    return status;
  }

  /** The same refusal told with the reason phrase alone (the Postman-compatible endpoint's messages). */
  ApiException withoutDetail() {
    return detail == null ? this : new ApiException(status, null);
  }

  Envelope envelope(Language language) {
    return Envelope.error(status, message(status, detail, language));
  }

  private static String message(int status, Problem detail, Language language) {
    String phrase = reasonPhrase(status, language);
    return detail == null ? phrase : Messages.text(language, "server.refused", phrase, detail.in(language));
  }

  static String reasonPhrase(int status, Language language) {
    String key = "server.status." + status;
    return Messages.has(key) ? Messages.text(language, key) : "HTTP " + status;
  }
}
