package dev.raut.app.serve;

import dev.raut.app.AppServices;
import dev.raut.core.analysis.Analyzer;
import dev.raut.core.text.Messages;
import dev.raut.server.RautServer;
import dev.raut.server.ServerConfig;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * "Serve on localhost": starts and stops the local prediction server ({@link RautServer}, the
 * same as {@code raut serve}) on 127.0.0.1 with the app's engine. Port 5000 when it is free,
 * otherwise one the system picks (and the note says so). Starting and stopping happen on a
 * thread of their own, one after the other; properties change on the FX thread.
 */
public final class LocalServerPresenter implements AutoCloseable {
  public enum State { STOPPED, STARTING, RUNNING, STOPPING }

  private final AppServices services;
  private final int preferredPort;
  private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
    Thread t = new Thread(r, "raut-serve");
    t.setDaemon(true);
    return t;
  });
  private final ReadOnlyObjectWrapper<State> state = new ReadOnlyObjectWrapper<>(State.STOPPED);
  private final ReadOnlyStringWrapper url = new ReadOnlyStringWrapper("");
  private final ReadOnlyStringWrapper note = new ReadOnlyStringWrapper("");
  private final ReadOnlyStringWrapper problem = new ReadOnlyStringWrapper("");
  /** Only touched on {@link #worker}. */
  private RautServer server;

  public LocalServerPresenter(AppServices services) {
    this(services, ServerConfig.DEFAULT_PORT);
  }

  /** {@code preferredPort} is tried first; when it is taken, a free port is used. */
  public LocalServerPresenter(AppServices services, int preferredPort) {
    this.services = services;
    this.preferredPort = preferredPort;
  }

  public ReadOnlyObjectProperty<State> stateProperty() {
    return state.getReadOnlyProperty();
  }

  /** The server's address while it runs, e.g. {@code http://127.0.0.1:5000/}; empty otherwise. */
  public ReadOnlyStringProperty urlProperty() {
    return url.getReadOnlyProperty();
  }

  /** Something worth knowing about the running server, e.g. that another port was used. */
  public ReadOnlyStringProperty noteProperty() {
    return note.getReadOnlyProperty();
  }

  /** Why starting failed, in plain words; empty otherwise. */
  public ReadOnlyStringProperty problemProperty() {
    return problem.getReadOnlyProperty();
  }

  /** Starts or stops the server in the background; ignored while it is starting or stopping. */
  public void setServing(boolean on) {
    State now = state.get();
    if (on && now == State.STOPPED) {
      state.set(State.STARTING);
      problem.set("");
      note.set("");
      services.status().setMessage(Messages.text("serve.starting"));
      worker.execute(this::startServer);
    } else if (!on && now == State.RUNNING) {
      state.set(State.STOPPING);
      worker.execute(this::stopServer);
    }
  }

  private void startServer() {
    try {
      Analyzer analyzer = services.analyzer().join();
      if (server == null) {
        server = new RautServer(analyzer);
      }
      boolean preferredFree = isFree(preferredPort);
      URI address = server.start(ServerConfig.defaults().withPort(preferredFree ? preferredPort : 0));
      // port numbers as they are typed, without a thousands separator
      String moved = preferredFree ? "" : Messages.text("serve.portMoved", String.valueOf(preferredPort),
          String.valueOf(address.getPort()));
      Platform.runLater(() -> {
        url.set(address.toString());
        note.set(moved);
        state.set(State.RUNNING);
      });
    } catch (RuntimeException e) {
      String reason = AppServices.rootMessage(e);
      Platform.runLater(() -> {
        String message = Messages.text("serve.failed", reason);
        problem.set(message);
        state.set(State.STOPPED);
        services.status().setMessage(message);
      });
    }
  }

  private void stopServer() {
    if (server != null) {
      server.stop();
    }
    Platform.runLater(() -> {
      url.set("");
      note.set("");
      state.set(State.STOPPED);
      services.status().setMessage(Messages.text("serve.stopped"));
    });
  }

  private static boolean isFree(int port) {
    try (ServerSocket probe = new ServerSocket()) {
      probe.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  /** Stops the server (on app exit) and waits for it, so the engine is not closed under a request. */
  @Override
  public void close() {
    worker.execute(() -> {
      if (server != null) {
        server.stop();
      }
    });
    worker.shutdown();
    try {
      worker.awaitTermination(15, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
