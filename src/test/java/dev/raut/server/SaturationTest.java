package dev.raut.server;

import static dev.raut.server.Http.error;
import static org.assertj.core.api.Assertions.assertThat;

import dev.raut.core.analysis.Analyzer;
import dev.raut.core.analysis.Engine;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** One worker and one waiting place: a third concurrent request is refused with 503 and Retry-After. */
class SaturationTest {
  private static Engine engine;
  private static RautServer server;
  private static Http http;
  private static byte[] photo;

  @BeforeAll
  static void start() {
    engine = Engine.openDefault();
    server = new RautServer(new Analyzer(engine));
    http = new Http(server.start(ServerConfig.defaults().withPort(0).withWorkers(1, 1)));
    photo = TestPhotos.bytes(TestPhotos.sample(3));
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.stop();
    }
    if (engine != null) {
      engine.close();
    }
  }

  @Test
  void aFullQueueAnswers503WithRetryAfterAndRecovers() throws Exception {
    // two slow clients: their headers arrive (so they hold both places), their bodies wait
    try (SlowUpload first = new SlowUpload("/prediction"); SlowUpload second = new SlowUpload("/v1/analyze")) {
      awaitAdmitted(2);

      MultipartBody body = new MultipartBody().file("image", "sample3.jpg", "image/jpeg", photo);
      HttpResponse<String> prediction = http.post("/prediction", body);
      assertThat(prediction.statusCode()).isEqualTo(503);
      assertThat(prediction.headers().firstValue("Retry-After")).hasValue("1");
      assertThat(prediction.body()).isEqualTo(error(503, "Service Unavailable"));
      HttpResponse<String> analyze = http.post("/v1/analyze", body);
      assertThat(analyze.statusCode()).isEqualTo(503);
      assertThat(analyze.headers().firstValue("Retry-After")).hasValue("1");
      assertThat(analyze.body()).isEqualTo(
          error(503, "Service Unavailable: every worker is busy and the queue is full; retry shortly"));

      assertThat(first.finish()).startsWith("HTTP/1.1 200");
      assertThat(second.finish()).startsWith("HTTP/1.1 200");
    }
    MultipartBody body = new MultipartBody().file("image", "sample3.jpg", "image/jpeg", photo);
    assertThat(http.post("/prediction", body).statusCode()).isEqualTo(200);
    assertThat(http.get("/health").body()).contains("\"busy\":0,\"waiting\":0");
  }

  private static void awaitAdmitted(int requests) throws InterruptedException {
    // a safety net for a hung server, not a speed check: admission is awaited through /health
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    String expected = "\"busy\":0,\"waiting\":" + requests;
    String health;
    while (!(health = http.get("/health").body()).contains(expected)) {
      assertThat(System.nanoTime()).as("the slow requests were never admitted; health: " + health).isLessThan(deadline);
      Thread.sleep(20);
    }
  }

  /** A client on a slow line: the request headers and the first kilobyte now, the rest on {@link #finish()}. */
  private static final class SlowUpload implements AutoCloseable {
    private final Socket socket;
    private final byte[] body;

    SlowUpload(String path) throws IOException {
      MultipartBody form = new MultipartBody().file("image", "sample3.jpg", "image/jpeg", photo);
      body = form.bytes();
      socket = new Socket(server.url().getHost(), server.url().getPort());
      socket.setSoTimeout(60_000);
      String head = "POST " + path + " HTTP/1.1\r\nHost: " + server.url().getAuthority() + "\r\nContent-Type: "
          + form.contentType() + "\r\nContent-Length: " + body.length + "\r\nConnection: close\r\n\r\n";
      OutputStream out = socket.getOutputStream();
      out.write(head.getBytes(StandardCharsets.US_ASCII));
      out.write(body, 0, 1024);
      out.flush();
    }

    /** Sends the rest and returns the whole answer. */
    String finish() throws IOException {
      OutputStream out = socket.getOutputStream();
      out.write(body, 1024, body.length - 1024);
      out.flush();
      return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }

    @Override
    public void close() throws IOException {
      socket.close();
    }
  }
}
