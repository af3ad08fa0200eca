package dev.raut.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.raut.core.analysis.Analyzer;
import dev.raut.core.analysis.Engine;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.URI;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** What the app's "Serve on localhost" toggle relies on: start, stop, start again, and clear failures. */
class RautServerLifecycleTest {
  private static Engine engine;
  private static Analyzer analyzer;

  @BeforeAll
  static void open() {
    engine = Engine.openDefault();
    analyzer = new Analyzer(engine);
  }

  @AfterAll
  static void close() {
    if (engine != null) {
      engine.close();
    }
  }

  @Test
  void startsOnAFreePortStopsAndStartsAgain() {
    ServerConfig config = ServerConfig.defaults().withPort(0).withWorkers(1, 2);
    try (RautServer server = new RautServer(analyzer)) {
      assertThat(server.isRunning()).isFalse();
      assertThat(server.url()).isNull();

      URI first = server.start(config);
      assertThat(server.isRunning()).isTrue();
      assertThat(first.toString()).startsWith("http://127.0.0.1:").endsWith("/");
      assertThat(new Http(first).get("/health").statusCode()).isEqualTo(200);
      assertThatThrownBy(() -> server.start(config)).isInstanceOf(IllegalStateException.class).hasMessageContaining(first.toString());

      server.stop();
      assertThat(server.isRunning()).isFalse();
      assertThatThrownBy(() -> new Http(first).get("/health")).isInstanceOf(UncheckedIOException.class)
          .hasCauseInstanceOf(ConnectException.class);
      server.stop(); // stopping twice is harmless

      URI second = server.start(config.withPort(first.getPort()));
      assertThat(second).isEqualTo(first);
      assertThat(new Http(second).get("/health").statusCode()).isEqualTo(200);
    }
  }

  @Test
  void aTakenPortIsAServerStartException() {
    try (RautServer first = new RautServer(analyzer); RautServer second = new RautServer(analyzer)) {
      URI url = first.start(ServerConfig.defaults().withPort(0).withWorkers(1, 1));
      assertThatThrownBy(() -> second.start(ServerConfig.defaults().withPort(url.getPort()).withWorkers(1, 1)))
          .isInstanceOf(ServerStartException.class)
          .hasMessageStartingWith("Raut could not listen on 127.0.0.1:" + url.getPort());
      assertThat(second.isRunning()).isFalse();
      assertThat(new Http(url).get("/health").statusCode()).isEqualTo(200);
    }
  }

  @Test
  void aMissingClassifierFailsTheStartInPlainWords() {
    try (RautServer server = new RautServer(analyzer)) {
      assertThatThrownBy(() -> server.start(ServerConfig.defaults().withPort(0).withClassifier("/no/such/model.onnx")))
          .isInstanceOf(ServerStartException.class)
          .hasMessageStartingWith("The models could not be loaded: ");
      assertThat(server.isRunning()).isFalse();
    }
  }

  @Test
  void onlyLoopbackHostsCountAsPrivate() {
    ServerConfig config = ServerConfig.defaults();
    assertThat(config.exposedBeyondLoopback()).isFalse();
    assertThat(config.withHost("localhost").exposedBeyondLoopback()).isFalse();
    assertThat(config.withHost("::1").exposedBeyondLoopback()).isFalse();
    assertThat(config.withHost("0.0.0.0").exposedBeyondLoopback()).isTrue();
  }

  @Test
  void sizesReadTheWayPeopleWriteThem() {
    assertThat(Sizes.parse("10MB")).isEqualTo(10L * 1024 * 1024);
    assertThat(Sizes.parse("512 kb")).isEqualTo(512L * 1024);
    assertThat(Sizes.parse("1.5G")).isEqualTo(1536L * 1024 * 1024);
    assertThat(Sizes.parse("2048")).isEqualTo(2048);
    assertThatThrownBy(() -> Sizes.parse("ten megs")).isInstanceOf(IllegalArgumentException.class);
    assertThat(Sizes.format(10L * 1024 * 1024)).isEqualTo("10 MB");
    assertThat(Sizes.format(100 * 1024)).isEqualTo("100 KB");
  }
}
