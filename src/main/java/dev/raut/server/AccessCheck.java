package dev.raut.server;

import dev.raut.core.text.Problem;
import io.javalin.http.Context;
import io.javalin.http.Header;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Locale;

/**
 * Who may talk to the server, checked before every request.
 *
 * <p>Bound to loopback, only requests addressed to a loopback name are served: a web page on
 * another site that rebinds its own domain to 127.0.0.1 (DNS rebinding) sends its domain in the
 * Host header and is refused.
 *
 * <p>With a token, everything but {@code /health}, the page and its static files needs
 * {@code Authorization: Bearer T}. Those hold no data, and a browser cannot send the header when
 * it navigates; the page asks for the token and sends it with every API call.
 */
final class AccessCheck {
  private final boolean loopbackOnly;
  private final byte[] token;

  AccessCheck(ServerConfig config) {
    this.loopbackOnly = !config.exposedBeyondLoopback();
    this.token = config.token() == null ? null : config.token().getBytes(StandardCharsets.UTF_8);
  }

  void check(Context ctx) {
    if (loopbackOnly && !isLoopbackName(ctx.host())) {
      throw ApiException.badRequest(Problem.of("server.loopbackOnly"));
    }
    if (token == null || isOpen(ctx)) {
      return;
    }
    String header = ctx.header(Header.AUTHORIZATION);
    String prefix = "Bearer ";
    boolean valid = header != null && header.regionMatches(true, 0, prefix, 0, prefix.length())
        && MessageDigest.isEqual(header.substring(prefix.length()).trim().getBytes(StandardCharsets.UTF_8), token);
    if (!valid) {
      throw new ApiException(401, null);
    }
  }

  private static boolean isOpen(Context ctx) {
    String path = ctx.path();
    return path.equals("/health") || path.startsWith("/web/") || path.equals("/texts")
        || (path.equals("/") && "GET".equals(ctx.method().name()) && RautServer.wantsPage(ctx));
  }

  /** The Host header's name (without port): localhost, 127.x.y.z or [::1]. */
  static boolean isLoopbackName(String hostHeader) {
    if (hostHeader == null) {
      return false;
    }
    String host = hostHeader.toLowerCase(Locale.ROOT).trim();
    if (host.startsWith("[")) {
      return host.startsWith("[::1]");
    }
    int colon = host.indexOf(':');
    String name = colon >= 0 ? host.substring(0, colon) : host;
    return name.equals("localhost") || name.matches("127\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}");
  }
}
