package dev.raut.app.serve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.raut.app.AppServices;
import dev.raut.app.PresenterServices;
import dev.raut.app.SameThreadTasks;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The "Serve on localhost" logic without the toolkit: the real server and models on loopback,
 * started and stopped through same-thread background tasks, so each step has happened when the
 * call returns.
 */
class LocalServerPresenterLogicTest {
  @TempDir
  Path temp;

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private PresenterServices app;
  private AppServices services;

  private AppServices services(PresenterServices made) {
    app = made;
    services = made.services();
    return services;
  }

  @AfterEach
  void close() throws Exception {
    if (app != null) {
      app.close();
    }
  }

  private int health(URI url) throws Exception {
    return http.send(HttpRequest.newBuilder(url.resolve("/health")).timeout(Duration.ofSeconds(20)).GET().build(),
        HttpResponse.BodyHandlers.ofString()).statusCode();
  }

  @Test
  void switchedOnItServesOnAFreePortWhenThePreferredOneIsTakenAndSwitchedOffItClosesIt() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        LocalServerPresenter server = new LocalServerPresenter(services(PresenterServices.withModels(temp)), SameThreadTasks.immediate(),
            taken.getLocalPort())) {
      server.setServing(true);
      assertThat(server.stateProperty().get()).as(server.problemProperty().get()).isEqualTo(LocalServerPresenter.State.RUNNING);
      URI url = URI.create(server.urlProperty().get());
      assertThat(url.getHost()).isEqualTo("127.0.0.1");
      assertThat(url.getPort()).isNotEqualTo(taken.getLocalPort()).isPositive();
      assertThat(server.noteProperty().get())
          .isEqualTo("Port " + taken.getLocalPort() + " is in use, so Raut serves on port " + url.getPort() + ".");
      assertThat(health(url)).isEqualTo(200);
      // a second switch-on while running changes nothing
      server.setServing(true);
      assertThat(server.urlProperty().get()).isEqualTo(url.toString());

      server.setServing(false);
      assertThat(server.stateProperty().get()).isEqualTo(LocalServerPresenter.State.STOPPED);
      assertThat(server.urlProperty().get()).isEmpty();
      assertThat(server.noteProperty().get()).isEmpty();
      assertThat(services.status().messageProperty().get()).isEqualTo("Local server stopped");
      assertThatThrownBy(() -> health(url)).isInstanceOf(ConnectException.class);
    } catch (IOException e) {
      throw new AssertionError("could not hold a loopback port for the test", e);
    }
  }

  @Test
  void whenTheEngineCannotStartItSaysWhyAndStaysOff() {
    try (LocalServerPresenter server = new LocalServerPresenter(services(PresenterServices.with(temp, () -> {
      throw new IllegalStateException("the models folder is not readable");
    })), SameThreadTasks.immediate(), 0)) {
      server.setServing(true);
      assertThat(server.stateProperty().get()).isEqualTo(LocalServerPresenter.State.STOPPED);
      assertThat(server.urlProperty().get()).isEmpty();
      assertThat(server.problemProperty().get()).contains("the models folder is not readable");
      assertThat(services.status().messageProperty().get()).isEqualTo(server.problemProperty().get());
    }
  }

  @Test
  void withoutTheModelsItSaysHowToGetThem() {
    try (LocalServerPresenter server = new LocalServerPresenter(services(PresenterServices.withoutModels(temp)),
        SameThreadTasks.immediate(), 0)) {
      server.setServing(true);
      assertThat(server.stateProperty().get()).isEqualTo(LocalServerPresenter.State.STOPPED);
      assertThat(server.problemProperty().get()).startsWith("Could not start the local server: ")
          .contains("raut models fetch");
    }
  }

  @Test
  void closingWhileRunningStopsTheServer() throws Exception {
    URI url;
    try (LocalServerPresenter server = new LocalServerPresenter(services(PresenterServices.withModels(temp)), SameThreadTasks.immediate(),
        0)) {
      server.setServing(true);
      url = URI.create(server.urlProperty().get());
      assertThat(health(url)).isEqualTo(200);
    }
    assertThatThrownBy(() -> health(url)).isInstanceOf(ConnectException.class);
  }
}
