package dev.raut.server;

import dev.raut.core.text.Language;
import io.javalin.http.Context;
import io.javalin.http.Header;

/**
 * The language a request is answered in: {@code ?lang=id} (the web page's switch), else its
 * {@code Accept-Language} header, else English. Codes and JSON keys are the same in every language.
 */
final class RequestLanguage {
  private RequestLanguage() {}

  static Language of(Context ctx) {
    return Language.parse(ctx.queryParam("lang"))
        .orElseGet(() -> Language.fromAcceptLanguage(ctx.header(Header.ACCEPT_LANGUAGE)));
  }
}
