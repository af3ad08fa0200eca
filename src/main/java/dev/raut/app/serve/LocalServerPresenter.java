package dev.raut.app.serve;

import dev.raut.app.AppServices;
import dev.raut.app.BackgroundTasks;
import dev.raut.core.text.Messages;
import dev.raut.server.RautServer;
import dev.raut.server.ServerConfig;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * "Serve on localhost": starts and stops the local prediction server ({@link RautServer}, the
 * same as {@code raut serve}) on 127.0.0.1 with the app's engine. Port 5000 when it is free,
 * otherwise one the system picks (and the note says so). Starting and stopping happen in the
 * background ({@link BackgroundTasks}), one after the other (a switch is ignored while one is under
 * way); properties change on the UI thread.
 */
public final class LocalServerPresenter implements AutoCloseable {
  public enum State { STOPPED, STARTING, RUNNING, STOPPING }

  private final AppServices services;
  private final int preferredPort;
  private final BackgroundTasks background;
  private final ReadOnlyObjectWrapper<State> state = new ReadOnlyObjectWrapper<>(State.STOPPED);
  private final ReadOnlyStringWrapper url = new ReadOnlyStringWrapper("");
  private final ReadOnlyStringWrapper note = new ReadOnlyStringWrapper("");
  private final ReadOnlyStringWrapper problem = new ReadOnlyStringWrapper("");
  /** Made and used by one start or stop at a time (the state allows no overlap), and by {@link #close}. */
  private volatile RautServer server;

  public LocalServerPresenter(AppServices services, BackgroundTasks background) {
    this(services, background, ServerConfig.DEFAULT_PORT);
  }

  /** {@code preferredPort} is tried first; when it is taken, a free port is used. */
  public LocalServerPresenter(AppServices services, BackgroundTasks background, int preferredPort) {
    this.services = services;
    this.background = background;
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
      background.run(this::startServer, this::started, this::notStarted);
    } else if (!on && now == State.RUNNING) {
      state.set(State.STOPPING);
      background.run(this::stopServer, stopped -> stopped(), this::stopFailed);
    }
  }

  /** Where the server listens, and whether it had to leave the preferred port. */
  private record Started(URI address, boolean preferredFree) {}

  /** In the background. */
  private Started startServer() {
    services.analyzer().join(); // the engine is up (or its failure is this start's)
    if (server == null) {
      // on the app's analysis threads, with the gallery and evaluation: one budget for the machine
      server = new RautServer(services.analysis());
    }
    boolean preferredFree = isFree(preferredPort);
    return new Started(server.start(ServerConfig.defaults().withPort(preferredFree ? preferredPort : 0)), preferredFree);
  }

  private void started(Started started) {
    url.set(started.address().toString());
    // port numbers as they are typed, without a thousands separator
    note.set(started.preferredFree() ? "" : Messages.text("serve.portMoved", String.valueOf(preferredPort),
        String.valueOf(started.address().getPort())));
    state.set(State.RUNNING);
  }

  private void notStarted(Throwable e) {
    String message = Messages.text("serve.failed", AppServices.rootMessage(e));
    problem.set(message);
    state.set(State.STOPPED);
    services.status().setMessage(message);
  }

  /** In the background. */
  private Void stopServer() {
    RautServer running = server;
    if (running != null) {
      running.stop();
    }
    return null;
  }

  private void stopped() {
    url.set("");
    note.set("");
    state.set(State.STOPPED);
    services.status().setMessage(Messages.text("serve.stopped"));
  }

  private void stopFailed(Throwable e) {
    stopped();
    services.status().setMessage(Messages.text("serve.failed", AppServices.rootMessage(e)));
  }

  private static boolean isFree(int port) {
    try (ServerSocket probe = new ServerSocket()) {
      probe.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  /**
   * Stops the server (on app exit) and waits for it: a start or stop under way first, then the
   * server's own stop, which waits for the requests in progress, so the engine is not closed under one.
   */
  @Override
  public void close() {
    background.close();
    stopServer();
  }
}
