package dev.raut.core.camera;

import dev.raut.core.analysis.AnalysisError;
import dev.raut.core.analysis.AnalysisRequest;
import dev.raut.core.analysis.AnalysisService;
import dev.raut.core.analysis.Analyzer;
import dev.raut.core.analysis.ImageAnalysis;
import dev.raut.core.analysis.StreamJob;
import dev.raut.core.onnx.ModelLoadException;
import dev.raut.core.text.Problem;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;

/**
 * Runs one source live: a capture thread reads frames at the source's rate into a single
 * latest-frame slot, one analysis worker analyses the newest frame (older ones are dropped, never
 * queued), tracks faces and reports results matched to their frame. A source that fails is closed
 * and reopened with growing waits; a video that ends stops the pipeline. Frame buffers are reused
 * and every native buffer is released in {@link #close()}.
 */
public final class LivePipeline implements AutoCloseable {
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(LivePipeline.class);
  private static final int RECENT_LATENCIES = 512;
  /** No camera at all, or no driver: waiting won't change that, the user has to act (and press Retry). */
  private static final java.util.Set<String> NOT_WORTH_RETRYING = java.util.Set.of("no_camera", "driver_missing");

  private final Analyzer analyzer;
  private final FrameSource source;
  private final LiveOptions options;
  private final List<LiveListener> listeners = new CopyOnWriteArrayList<>();
  private final LatestFrameSlot slot = new LatestFrameSlot();
  private final FaceTracker tracker = new FaceTracker();
  /** The capture thread's: numbers the scenes of the stream. */
  private final SceneCuts scenes = new SceneCuts();
  private final RateMeter cameraRate = new RateMeter();
  private final RateMeter analysisRate = new RateMeter();
  private final LatencyHistogram latencies = new LatencyHistogram();
  private final double[] recentLatencies = new double[RECENT_LATENCIES];
  private final CountDownLatch finished = new CountDownLatch(2);
  private final Thread captureThread;
  /** Analyses the newest frame, one at a time: on the door's analysis threads, or on a thread of its own. */
  private final StreamJob analysis;
  /** The thread of its own, when no analysis service was given; shut down in {@link #close()}. */
  private final ExecutorService ownThread;
  private final AtomicBoolean analysisEnded = new AtomicBoolean();
  // the steps' state: steps never overlap, and each starts after the last one ended
  private Frame mine = slot.firstWorkerBuffer();
  private AnalysisRequest lastRequest;
  private double lastTimeMs = Double.NEGATIVE_INFINITY;
  private long lastScene = -1;
  private volatile AnalysisRequest request;
  private volatile boolean running;
  private volatile boolean captureEnded;
  private volatile SourceStatus status = SourceStatus.of(SourceStatus.State.STOPPED, Problem.of("live.status.notStarted"));
  private volatile long captured;
  private volatile long analysed;
  private volatile long firstCaptureNanos;
  private volatile long lastResultNanos;
  private int recentCount;
  private boolean closed;

  /** Analyses on a thread of its own (a tool, a test: no analysis service to share). */
  public LivePipeline(Analyzer analyzer, FrameSource source, AnalysisRequest request, LiveOptions options) {
    this(analyzer, source, request, options, null);
  }

  /**
   * Analyses each newest frame on {@code service}'s threads, taking turns with the door's other
   * work ({@link AnalysisService#stream}); null: on a thread of its own.
   */
  public LivePipeline(Analyzer analyzer, FrameSource source, AnalysisRequest request, LiveOptions options,
      AnalysisService service) {
    this.analyzer = analyzer;
    this.source = source;
    this.request = request;
    this.options = options;
    this.captureThread = new Thread(this::captureLoop, "raut-capture " + source.description());
    captureThread.setDaemon(true);
    if (service == null) {
      ownThread = Executors.newSingleThreadExecutor(work -> {
        Thread thread = new Thread(work, "raut-analysis");
        thread.setDaemon(true);
        return thread;
      });
      analysis = new StreamJob(ownThread, this::analyseNewest);
    } else {
      ownThread = null;
      analysis = service.stream(this::analyseNewest);
    }
  }

  public void addListener(LiveListener listener) {
    listeners.add(listener);
  }

  public void removeListener(LiveListener listener) {
    listeners.remove(listener);
  }

  public FrameSource source() {
    return source;
  }

  public synchronized void start() {
    if (running || closed) {
      throw new IllegalStateException("A live pipeline starts once");
    }
    running = true;
    captureThread.start();
  }

  /** Takes effect from the next analysed frame (switching detector, emotions, objects or classifier while live). */
  public void setRequest(AnalysisRequest newRequest) {
    request = newRequest;
  }

  public AnalysisRequest request() {
    return request;
  }

  public SourceStatus status() {
    return status;
  }

  /** Waits until the video ended and its last frame was analysed, the frame limit was reached, or the pipeline closed. */
  public boolean awaitFinished(Duration timeout) throws InterruptedException {
    return finished.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  public LiveStats stats() {
    long now = System.nanoTime();
    double[] recent;
    synchronized (recentLatencies) {
      recent = Arrays.copyOf(recentLatencies, Math.min(recentCount, RECENT_LATENCIES));
    }
    Arrays.sort(recent);
    long first = firstCaptureNanos;
    long last = lastResultNanos;
    long done = analysed;
    double runFps = done > 0 && last > first ? done * 1e9 / (last - first) : 0;
    return new LiveStats(captured, done, slot.dropped(), round1(cameraRate.perSecond(now)),
        round1(analysisRate.perSecond(now)), latencies.percentileMs(0.5), latencies.percentileMs(0.95),
        percentile(recent, 0.5), percentile(recent, 0.95), round1(runFps));
  }

  // ---- capture thread ------------------------------------------------------------------------

  private void captureLoop() {
    Frame buffer = slot.firstCaptureBuffer();
    long index = 0;
    int failures = 0;
    try {
      while (running) {
        report(SourceStatus.of(SourceStatus.State.CONNECTING, Problem.of("live.status.connecting", source.description())));
        try {
          source.open(options.openTimeout());
          scenes.restart();
          report(SourceStatus.of(SourceStatus.State.LIVE, Problem.of("live.status.live", source.description())));
          boolean backPressure = options.pace() == Pace.MAX && source.nominalFps() > 0;
          boolean paced = options.pace() == Pace.NATIVE && source.nominalFps() > 0;
          long openedNanos = System.nanoTime();
          long framesSinceOpen = 0;
          while (running) {
            if (!source.read(buffer.bgr())) {
              report(SourceStatus.of(SourceStatus.State.STOPPED, Problem.of("live.status.ended", source.description())));
              return;
            }
            if (buffer.bgr().empty()) {
              continue;
            }
            if (paced) {
              waitUntil(openedNanos + (long) (framesSinceOpen * 1e9 / source.nominalFps()));
            }
            framesSinceOpen++;
            failures = 0;
            buffer.index = index++;
            buffer.capturedNanos = System.nanoTime();
            buffer.timestampMs = source.lastTimestampMs();
            buffer.scene = scenes.sceneOf(buffer.bgr());
            if (firstCaptureNanos == 0) {
              firstCaptureNanos = buffer.capturedNanos;
            }
            cameraRate.record(buffer.capturedNanos);
            captured++;
            Frame filled = buffer;
            for (LiveListener l : listeners) {
              safely(() -> l.onFrame(filled));
            }
            Frame next = slot.publish(buffer, backPressure);
            if (next == null) {
              return;
            }
            analysis.signal();
            buffer = next;
          }
        } catch (CameraException e) {
          source.close();
          if (!source.retryable() || NOT_WORTH_RETRYING.contains(e.code())) {
            report(new SourceStatus(SourceStatus.State.ERROR, e.problem(), 0, e.code()));
            return;
          }
          backOff(e.problem(), e.code(), failures++);
        } catch (RuntimeException e) {
          // a driver failing in an unexpected way is treated like a dropped stream
          source.close();
          if (!source.retryable()) {
            report(new SourceStatus(SourceStatus.State.ERROR,
                Problem.of("live.status.failed", source.description(), Problem.of(e)), 0, "stream_lost"));
            return;
          }
          backOff(Problem.of("live.status.failed", source.description(), Problem.of(e)), "stream_lost", failures++);
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      source.close();
      scenes.close();
      captureEnded = true;
      finished.countDown();
      analysis.signal(); // the last frame is analysed, then the analysis ends too
    }
  }

  private void backOff(Problem reason, String code, int failures) throws InterruptedException {
    long waitMs = Math.min(options.maxRetry().toMillis(), options.firstRetry().toMillis() << Math.min(failures, 20));
    long until = System.currentTimeMillis() + waitMs;
    while (running) {
      long left = until - System.currentTimeMillis();
      if (left <= 0) {
        return;
      }
      int seconds = (int) Math.ceil(left / 1000.0);
      report(new SourceStatus(SourceStatus.State.RECONNECTING,
          Problem.of("live.status.reconnecting", reason, seconds), seconds, code));
      Thread.sleep(Math.min(left, 1000 - (left - 1) % 1000));
    }
  }

  private void waitUntil(long deadlineNanos) throws InterruptedException {
    long left;
    while (running && (left = deadlineNanos - System.nanoTime()) > 0) {
      LockSupport.parkNanos(left);
      if (Thread.interrupted()) {
        throw new InterruptedException();
      }
    }
  }

  // ---- analysis steps ------------------------------------------------------------------------

  /** One step of the stream: the newest frame, if any, analysed and reported. */
  private void analyseNewest() {
    if (!running) {
      endAnalysis();
      return;
    }
    Frame frame;
    try {
      frame = slot.take(mine, 0);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt(); // a service thread is only interrupted when it is ending
      return;
    }
    if (frame != null) {
      mine = frame;
      analyse(frame);
    }
    if (captureEnded && !slot.hasFrame()) {
      endAnalysis(); // the video ended and its last frame is done
    }
  }

  private void analyse(Frame frame) {
    AnalysisRequest current = request;
    if (!current.equals(lastRequest) || frame.timestampMs < lastTimeMs || frame.scene != lastScene) {
      // other detector, a looped video / reconnected camera, or a cut to another shot: old tracks mean nothing
      tracker.reset();
      lastRequest = current;
    }
    lastScene = frame.scene;
    lastTimeMs = frame.timestampMs;
    ImageAnalysis analysis = analyse(frame, current);
    if (analysis == null) {
      return;
    }
    List<TrackedFace> tracked = tracker.update(analysis.faces(), frame.timestampMs);
    long done = System.nanoTime();
    long latency = done - frame.capturedNanos;
    latencies.record(latency);
    synchronized (recentLatencies) {
      recentLatencies[recentCount++ % RECENT_LATENCIES] = latency / 1e6;
    }
    analysisRate.record(done);
    lastResultNanos = done;
    long count = ++analysed;
    LiveResult result = new LiveResult(frame.index, frame.timestampMs, frame.capturedNanos, latency / 1e6, analysis,
        tracked, frame.scene);
    for (LiveListener l : listeners) {
      safely(() -> {
        l.onResult(result);
        l.onAnalysedFrame(frame, result);
      });
    }
    if (options.maxAnalysedFrames() > 0 && count >= options.maxAnalysedFrames()) {
      report(SourceStatus.of(SourceStatus.State.STOPPED, Problem.of("live.status.analysedFrames", count)));
      stopCapture();
    }
  }

  /** No more frames are wanted: the capture stops, and so does the analysis. */
  private void stopCapture() {
    running = false;
    slot.close();
    captureThread.interrupt();
    endAnalysis();
  }

  private void endAnalysis() {
    if (analysisEnded.compareAndSet(false, true)) {
      finished.countDown();
    }
  }

  /** The analysis of one frame; null when the models cannot load (reported, and the pipeline stops). */
  private ImageAnalysis analyse(Frame frame, AnalysisRequest current) {
    try {
      return analyzer.analyzeFrame(frame.bgr(), source.description(), frame.width(), frame.height(), current);
    } catch (ModelLoadException e) {
      report(new SourceStatus(SourceStatus.State.ERROR, e.problem(), 0, "model_missing"));
      stopCapture();
      return null;
    } catch (RuntimeException e) {
      return ImageAnalysis.failed(source.description(), AnalysisError.of("analysis_failed",
          Problem.of("errors.analysis.frameFailed", Problem.of(e))));
    }
  }

  // ---- shared --------------------------------------------------------------------------------

  private void report(SourceStatus newStatus) {
    status = newStatus;
    for (LiveListener l : listeners) {
      safely(() -> l.onStatus(newStatus));
    }
  }

  /** A listener's bug must not stop the camera. */
  private static void safely(Runnable call) {
    try {
      call.run();
    } catch (RuntimeException e) {
      LOG.warn("A live listener failed", e);
    }
  }

  /**
   * Stops the capture and the analysis, closes the source (releasing the camera) and frees the
   * frame buffers. Blocks until both have stopped (an analysis in progress finishes first).
   */
  @Override
  public void close() {
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
    }
    boolean wasRunning = running || captureThread.isAlive();
    running = false;
    slot.close();
    captureThread.interrupt();
    boolean analysisStopped = false;
    try {
      captureThread.join(TimeUnit.SECONDS.toMillis(10));
      analysisStopped = analysis.close(Duration.ofSeconds(10));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    endAnalysis();
    if (ownThread != null) {
      ownThread.shutdown();
    }
    if (captureThread.isAlive() || !analysisStopped) {
      // a driver stuck in native code still holds a buffer: leaking it is safer than freeing it under the driver
      LOG.warn("The capture of {} did not stop in time", source.description());
      return;
    }
    source.close();
    slot.releaseBuffers();
    SourceStatus.State last = status.state();
    if (wasRunning && last != SourceStatus.State.ERROR && last != SourceStatus.State.STOPPED) {
      report(SourceStatus.of(SourceStatus.State.STOPPED, Problem.of("live.status.stopped")));
    }
  }

  private static double percentile(double[] sorted, double fraction) {
    if (sorted.length == 0) {
      return 0;
    }
    int i = (int) Math.ceil(fraction * sorted.length) - 1;
    return round1(sorted[Math.max(0, Math.min(sorted.length - 1, i))]);
  }

  private static double round1(double v) {
    return Math.round(v * 10) / 10.0;
  }
}
