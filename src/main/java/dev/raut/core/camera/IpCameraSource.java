package dev.raut.core.camera;

import com.github.sarxos.webcam.ds.ipcam.IpCamAuth;
import com.github.sarxos.webcam.ds.ipcam.IpCamDevice;
import com.github.sarxos.webcam.ds.ipcam.IpCamMode;
import dev.raut.core.text.Problem;
import java.awt.image.BufferedImage;
import java.io.Closeable;
import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import org.opencv.core.Mat;

/**
 * An IP camera streaming Motion-JPEG over HTTP (multipart/x-mixed-replace), read with the sarxos
 * IP-camera driver in push mode. The driver's reader thread keeps only the newest picture and
 * never says when the stream died, so this source polls for a new picture and treats a stream that
 * sent nothing for {@code stallTimeout} as lost (the pipeline then reconnects).
 */
public final class IpCameraSource implements FrameSource {
  /** How long a camera may take to accept the connection before it counts as not answering. */
  private static final Duration REACH_TIMEOUT = Duration.ofSeconds(3);
  /** How often to look for a new picture: well below any camera's frame interval. */
  private static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(2);

  /**
   * The driver's reader thread is created by the thread that opens the device and so joins this
   * group. When the stream drops it dies with an exception; this source reports the drop itself, so
   * the group keeps the driver's stack trace off the console.
   */
  private static final ThreadGroup DRIVER_THREADS = new ThreadGroup("raut-ipcam") {
    @Override
    public void uncaughtException(Thread t, Throwable e) {
      LOG.debug("IP camera reader ended: {}", e.toString());
    }
  };
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(IpCameraSource.class);
  /** The driver's HTTP client logs every retry of a dropped stream at INFO; drops are reported as states instead. */
  private static final java.util.logging.Logger HTTP_CLIENT_LOG = quietHttpClientLog();

  private final URL url;
  private final String user;
  private final String password;
  private final Duration stallTimeout;
  private final BgrFrames converter = new BgrFrames();
  private IpCamDevice device;
  private BufferedImage lastImage;
  private long openedNanos;
  private double timestampMs;

  /** {@code user} and {@code password} may be null for a camera without a login. */
  public IpCameraSource(String url, String user, String password, Duration stallTimeout) throws CameraException {
    try {
      this.url = new URL(url);
    } catch (MalformedURLException e) {
      throw new CameraException("not_found", Problem.of("errors.camera.badAddress", url), e);
    }
    if (!this.url.getProtocol().equals("http") && !this.url.getProtocol().equals("https")) {
      throw new CameraException("not_found", Problem.of("errors.camera.notHttp", url));
    }
    this.user = user;
    this.password = password;
    this.stallTimeout = stallTimeout;
  }

  public IpCameraSource(String url, String user, String password) throws CameraException {
    this(url, user, password, Duration.ofSeconds(3));
  }

  @Override
  public String description() {
    return "IP camera " + url;
  }

  /**
   * Whether anything accepts a connection at the address's host and port: a wrong host, a wrong
   * port or a phone app that is not streaming each get their own plain answer at once, instead
   * of the driver's silent wait for a first picture.
   */
  static void checkReachable(URL url, Duration timeout) throws CameraException {
    String host = url.getHost();
    int port = url.getPort() > 0 ? url.getPort() : url.getDefaultPort();
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(host, port), (int) Math.max(1, timeout.toMillis()));
    } catch (UnknownHostException e) {
      throw new CameraException("not_found", Problem.of("errors.camera.unknownHost", host), e);
    } catch (ConnectException e) {
      throw new CameraException("refused", Problem.of("errors.camera.refusedPort", host, port), e);
    } catch (SocketTimeoutException e) {
      throw new CameraException("timeout", Problem.of("errors.camera.noAnswer", host, port, timeout.toSeconds()), e);
    } catch (IOException e) {
      throw new CameraException("not_found", Problem.of("errors.camera.unreachable", host, port, Problem.of(e)), e);
    }
  }

  @Override
  public void open(Duration timeout) throws CameraException {
    close();
    // the driver retries a refused or unknown address silently until the timeout: find those out in seconds
    checkReachable(url, timeout.compareTo(REACH_TIMEOUT) < 0 ? timeout : REACH_TIMEOUT);
    IpCamAuth auth = user == null || user.isEmpty() ? null : new IpCamAuth(user, password == null ? "" : password);
    IpCamDevice candidate = new IpCamDevice(url.toString(), url, IpCamMode.PUSH, auth);
    // the driver's open() waits for the first picture without a limit: run it where we can give up on it
    ExecutorService opener = Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(DRIVER_THREADS, r, "raut-ipcam-open");
      t.setDaemon(true);
      return t;
    });
    try {
      Future<?> opening = opener.submit(candidate::open);
      opening.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      release(candidate);
      throw new CameraException("timeout", Problem.of("errors.camera.ipTimeout", url, timeout.toSeconds()));
    } catch (ExecutionException e) {
      release(candidate);
      throw new CameraException("not_found", Problem.of("errors.camera.ipFailed", url, Problem.of(e.getCause())),
          e.getCause());
    } catch (InterruptedException e) {
      release(candidate);
      Thread.currentThread().interrupt();
      throw new CameraException("timeout", Problem.of("errors.camera.ipOpenCancelled"));
    } finally {
      opener.shutdownNow();
    }
    device = candidate;
    lastImage = null;
    openedNanos = System.nanoTime();
  }

  @Override
  public boolean read(Mat bgr) throws CameraException {
    if (device == null) {
      throw new IllegalStateException("read before open");
    }
    long deadline = System.nanoTime() + stallTimeout.toNanos();
    while (true) {
      BufferedImage image = device.getImage();
      if (image != null && image != lastImage) {
        lastImage = image;
        converter.copy(image, bgr);
        timestampMs = (System.nanoTime() - openedNanos) / 1e6;
        return true;
      }
      if (System.nanoTime() > deadline) {
        throw new CameraException("stream_lost", Problem.of("errors.camera.ipStopped", url));
      }
      if (Thread.interrupted()) {
        Thread.currentThread().interrupt();
        throw new CameraException("stream_lost", Problem.of("errors.camera.ipReadCancelled"));
      }
      java.util.concurrent.locks.LockSupport.parkNanos(POLL_NANOS);
    }
  }

  @Override
  public double lastTimestampMs() {
    return timestampMs;
  }

  @Override
  public void close() {
    if (device != null) {
      release(device);
      device = null;
    }
  }

  private static java.util.logging.Logger quietHttpClientLog() {
    java.util.logging.Logger log = java.util.logging.Logger.getLogger("org.apache.http");
    log.setLevel(java.util.logging.Level.WARNING);
    return log;
  }

  /** Stops the driver's reader and closes its HTTP client, which unblocks a reader stuck on a silent socket. */
  private static void release(IpCamDevice device) {
    device.close();
    if (device.getClient() instanceof Closeable client) {
      try {
        client.close();
      } catch (IOException e) {
        // the connection is gone either way
      }
    }
  }
}
