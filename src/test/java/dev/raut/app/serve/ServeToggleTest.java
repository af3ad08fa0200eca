package dev.raut.app.serve;

import static dev.raut.app.AppTestSupport.fx;
import static dev.raut.app.AppTestSupport.fxRun;
import static dev.raut.app.AppTestSupport.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.raut.app.AppTestSupport;
import dev.raut.app.BackgroundTasks;
import dev.raut.core.text.Language;
import dev.raut.core.text.Messages;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.ToggleButton;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** The status bar's "Serve on localhost" switch starts the real server on loopback and stops it again. */
@ExtendWith(ApplicationExtension.class)
class ServeToggleTest {
  @TempDir
  Path temp;

  private AppTestSupport app;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  @Start
  void start(Stage stage) {
    app = new AppTestSupport(stage, temp);
  }

  @AfterEach
  void close() throws Exception {
    app.close();
  }

  private HttpResponse<String> get(URI uri) throws Exception {
    return http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(20)).GET().build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void toggleOnShowsTheUrlThatAnswersHealthAndToggleOffClosesThePort(FxRobot robot) throws Exception {
    LocalServerPresenter server = app.window().server();
    robot.clickOn("#serve-toggle");
    waitUntil("the server running", 120, () -> server.stateProperty().get() == LocalServerPresenter.State.RUNNING);

    String shown = fx(() -> robot.lookup("#serve-url").queryAs(Hyperlink.class).getText());
    assertThat(fx(() -> robot.lookup("#serve-url").query().isVisible())).isTrue();
    URI url = URI.create(shown);
    assertThat(url.getHost()).isEqualTo("127.0.0.1");
    assertThat(fx(() -> robot.lookup("#serve-toggle").queryAs(ToggleButton.class).isSelected())).isTrue();
    HttpResponse<String> health = get(url.resolve("/health"));
    assertThat(health.statusCode()).isEqualTo(200);
    assertThat(health.body()).contains("\"message\":\"OK\"");
    robot.clickOn("#serve-url");
    assertThat(fx(() -> app.services().status().messageProperty().get()))
        .as("the link is handed to the browser opener (the test window's one reports it)")
        .isEqualTo("Open " + shown + " in your browser");

    robot.clickOn("#serve-toggle");
    waitUntil("the server stopped", 30, () -> server.stateProperty().get() == LocalServerPresenter.State.STOPPED);
    assertThat(fx(() -> robot.lookup("#serve-url").query().isVisible())).isFalse();
    assertThat(fx(() -> robot.lookup("#serve-toggle").queryAs(ToggleButton.class).isSelected())).isFalse();
    assertThatThrownBy(() -> {
      try (Socket socket = new Socket()) {
        socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), url.getPort()), 2000);
      }
    }).isInstanceOf(ConnectException.class);
  }

  @Test
  void aTakenPortMovesTheServerToAFreeOneAndSaysSo() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        LocalServerPresenter server = new LocalServerPresenter(app.services(), BackgroundTasks.ownThreads("raut-serve"), taken.getLocalPort())) {
      fxRun(() -> server.setServing(true));
      waitUntil("the server running", 120, () -> server.stateProperty().get() == LocalServerPresenter.State.RUNNING);
      URI url = URI.create(fx(() -> server.urlProperty().get()));
      assertThat(url.getPort()).isNotEqualTo(taken.getLocalPort()).isPositive();
      assertThat(fx(() -> server.noteProperty().get()))
          .isEqualTo("Port " + taken.getLocalPort() + " is in use, so Raut serves on port " + url.getPort() + ".");
      assertThat(get(url.resolve("/health")).statusCode()).isEqualTo(200);

      fxRun(() -> server.setServing(false));
      waitUntil("the server stopped", 30, () -> server.stateProperty().get() == LocalServerPresenter.State.STOPPED);
      assertThat(fx(() -> server.noteProperty().get())).isEmpty();
    } catch (IOException e) {
      throw new AssertionError("could not hold a loopback port for the test", e);
    }
  }

  @Test
  void theSwitchFollowsALanguageChangeAndTheMovedPortIsToldInIndonesian() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        LocalServerPresenter server = new LocalServerPresenter(app.services(), BackgroundTasks.ownThreads("raut-serve"), taken.getLocalPort())) {
      ToggleButton toggle = fx(() -> app.window().root().lookupAll("#serve-toggle").stream()
          .map(ToggleButton.class::cast).findFirst().orElseThrow());
      assertThat(fx(toggle::getText)).isEqualTo("Serve on localhost");
      fxRun(() -> Messages.setLanguage(Language.INDONESIAN));
      assertThat(fx(toggle::getText)).isEqualTo("Layani di localhost");
      assertThat(fx(() -> toggle.getTooltip().getText())).contains("komputer ini");

      fxRun(() -> server.setServing(true));
      waitUntil("the server running", 120, () -> server.stateProperty().get() == LocalServerPresenter.State.RUNNING);
      URI url = URI.create(fx(() -> server.urlProperty().get()));
      assertThat(fx(() -> server.noteProperty().get())).isEqualTo("Port " + taken.getLocalPort()
          + " sedang dipakai, jadi Raut melayani di port " + url.getPort() + ".");
      fxRun(() -> server.setServing(false));
      waitUntil("the server stopped", 30, () -> server.stateProperty().get() == LocalServerPresenter.State.STOPPED);
    } finally {
      fxRun(() -> Messages.setLanguage(Language.ENGLISH));
    }
  }
}
