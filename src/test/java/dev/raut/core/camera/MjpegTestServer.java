package dev.raut.core.camera;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A test stand-in for an IP camera: serves {@code /video} as multipart/x-mixed-replace MJPEG on
 * 127.0.0.1, cycling through the given JPEGs at a fixed rate. {@link #stop()} drops every stream
 * (as a camera losing power would) and {@link #start()} brings it back on the same port.
 */
final class MjpegTestServer implements AutoCloseable {
  private static final String BOUNDARY = "rautframe";
  private final List<byte[]> jpegs;
  private final long frameIntervalMillis;
  private final AtomicLong framesSent = new AtomicLong();
  private volatile int port;
  private volatile HttpServer server;
  private volatile boolean serving;

  private String user;
  private String password;

  MjpegTestServer(List<byte[]> jpegs, int fps) {
    this.jpegs = jpegs;
    this.frameIntervalMillis = 1000 / fps;
  }

  /** Asks for HTTP basic authentication with these credentials, as many IP cameras do. */
  MjpegTestServer requireLogin(String name, String secret) {
    this.user = name;
    this.password = secret;
    return this;
  }

  synchronized void start() throws IOException {
    HttpServer s = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
    var context = s.createContext("/video", this::stream);
    if (user != null) {
      context.setAuthenticator(new com.sun.net.httpserver.BasicAuthenticator("camera") {
        @Override
        public boolean checkCredentials(String name, String secret) {
          return user.equals(name) && password.equals(secret);
        }
      });
    }
    s.setExecutor(Executors.newCachedThreadPool(r -> {
      Thread t = new Thread(r, "mjpeg-test-server");
      t.setDaemon(true);
      return t;
    }));
    serving = true;
    s.start();
    server = s;
    port = s.getAddress().getPort();
  }

  synchronized void stop() {
    serving = false;
    if (server != null) {
      server.stop(0);
      server = null;
    }
  }

  String url() {
    return "http://127.0.0.1:" + port + "/video";
  }

  long framesSent() {
    return framesSent.get();
  }

  private void stream(HttpExchange exchange) throws IOException {
    exchange.getResponseHeaders().set("Content-Type", "multipart/x-mixed-replace; boundary=" + BOUNDARY);
    exchange.sendResponseHeaders(200, 0);
    try (OutputStream out = exchange.getResponseBody()) {
      for (int i = 0; serving; i++) {
        byte[] jpeg = jpegs.get(i % jpegs.size());
        String head = "--" + BOUNDARY + "\r\nContent-Type: image/jpeg\r\nContent-Length: " + jpeg.length + "\r\n\r\n";
        out.write(head.getBytes(StandardCharsets.US_ASCII));
        out.write(jpeg);
        out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
        out.flush();
        framesSent.incrementAndGet();
        Thread.sleep(frameIntervalMillis);
      }
    } catch (IOException | InterruptedException e) {
      // the client went away or the server stopped: end this stream
    } finally {
      exchange.close();
    }
  }

  @Override
  public void close() {
    stop();
  }
}
