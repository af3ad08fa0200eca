package dev.raut.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.raut.core.analysis.Analyzer;
import dev.raut.core.analysis.Engine;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * 8 concurrent clients × 50 requests to {@code /v1/analyze} (faces and emotions) with a 640 × 480
 * photo on loopback: no errors, no 503 (the queue holds every waiting client), p50/p99 printed.
 * Bounded: at most 400 requests and 3 minutes.
 */
class ServerLoadTest {
  private static final int CLIENTS = 8;
  private static final int REQUESTS_PER_CLIENT = 50;

  private static Engine engine;
  private static RautServer server;
  private static URI url;

  @BeforeAll
  static void start() {
    engine = Engine.openDefault();
    server = new RautServer(new Analyzer(engine));
    int workers = Runtime.getRuntime().availableProcessors();
    url = server.start(ServerConfig.defaults().withPort(0).withWorkers(workers, CLIENTS));
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
  void eightClientsGetEveryAnswer() throws Exception {
    MultipartBody body = new MultipartBody().file("image", "photo-640x480.jpg", "image/jpeg", TestPhotos.photo640x480());
    byte[] bytes = body.bytes();
    LoadRun.Result result = LoadRun.run(CLIENTS, REQUESTS_PER_CLIENT, Duration.ofMinutes(3),
        () -> HttpRequest.newBuilder(url.resolve("/v1/analyze")).timeout(Duration.ofSeconds(60))
            .header("Content-Type", body.contentType()).POST(HttpRequest.BodyPublishers.ofByteArray(bytes)).build(),
        answer -> answer.contains("\"emotion\":{\"label\":"));

    System.out.println("[load] " + result.summary("/v1/analyze"));
    assertThat(result.errors()).as("errors, e.g. %s", result.errorSamples()).isZero();
    assertThat(result.requests()).as("requests sent within the time limit").isEqualTo(CLIENTS * REQUESTS_PER_CLIENT);
  }
}
