package dev.raut.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** A real HTTP client (java.net.http) against a started server on loopback. */
final class Http {
  private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
  private final URI base;

  Http(URI base) {
    this.base = base;
  }

  HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(60));
  }

  HttpResponse<String> get(String path, String... headers) {
    return send(withHeaders(request(path).GET(), headers));
  }

  HttpResponse<String> post(String path, MultipartBody body, String... headers) {
    return send(withHeaders(request(path).header("Content-Type", body.contentType()).POST(body.publisher()), headers));
  }

  HttpResponse<String> send(HttpRequest.Builder request) {
    try {
      return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static HttpRequest.Builder withHeaders(HttpRequest.Builder builder, String... headers) {
    return headers.length == 0 ? builder : builder.headers(headers);
  }

  /** The exact error answer every endpoint gives. */
  static String error(int code, String message) {
    return "{\"status\":{\"code\":" + code + ",\"message\":\"" + message + "\"},\"data\":null}";
  }
}
