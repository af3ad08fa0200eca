package dev.raut.app.live;

import dev.raut.app.BackgroundTasks;
import dev.raut.app.EmotionModels;
import dev.raut.core.analysis.AnalysisRequest;
import dev.raut.core.analysis.AnalysisService;
import dev.raut.core.analysis.Analyzer;
import dev.raut.core.analysis.DetectorChoice;
import dev.raut.core.analysis.Engine;
import dev.raut.core.camera.CameraDevice;
import dev.raut.core.camera.CameraException;
import dev.raut.core.camera.Frame;
import dev.raut.core.camera.FrameSource;
import dev.raut.core.camera.LiveListener;
import dev.raut.core.camera.LiveOptions;
import dev.raut.core.camera.LivePipeline;
import dev.raut.core.camera.LiveResult;
import dev.raut.core.camera.LiveStats;
import dev.raut.core.camera.LocalCameras;
import dev.raut.core.camera.MjpegRecorder;
import dev.raut.core.camera.OverlayPainter;
import dev.raut.core.camera.SourceStatus;
import dev.raut.core.onnx.ModelLoadException;
import dev.raut.core.text.Messages;
import dev.raut.core.text.Problem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicReference;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import org.opencv.core.Mat;
import org.opencv.imgcodecs.Imgcodecs;
import org.opencv.imgproc.Imgproc;

/**
 * The Live view's logic: starts and stops the pipeline off the JavaFX thread (its {@code control}
 * {@link BackgroundTasks}, one piece at a time, in order), turns its frames into display buffers,
 * and exposes status, HUD text and camera list as read-only properties, changed on the JavaFX
 * thread only (through the tasks' callbacks and {@link BackgroundTasks#onUi}). Snapshots and
 * recordings are painted with the same overlays the user sees; snapshots are written and cameras
 * listed by its {@code files} tasks. The frame loop is the pipeline's own threads.
 */
public final class LivePresenter implements AutoCloseable {
  private static final DateTimeFormatter FILE_TIME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss", Locale.ROOT);

  private final Analyzer analyzer;
  /** Start, stop and close run here, one at a time and in order, so the UI never waits for a camera. */
  private final BackgroundTasks control;
  /** Snapshots are encoded and cameras listed here, away from capture, control and UI. */
  private final BackgroundTasks files;

  private final ReadOnlyObjectWrapper<SourceStatus> status =
      new ReadOnlyObjectWrapper<>(SourceStatus.of(SourceStatus.State.STOPPED, Problem.of("live.idle")));
  private final ReadOnlyStringWrapper hud = new ReadOnlyStringWrapper("");
  private final ReadOnlyStringWrapper notice = new ReadOnlyStringWrapper("");
  private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper(false);
  private final ReadOnlyBooleanWrapper recording = new ReadOnlyBooleanWrapper(false);
  private final ReadOnlyObjectWrapper<List<CameraDevice>> cameras = new ReadOnlyObjectWrapper<>(List.of());
  private final ReadOnlyStringWrapper cameraProblem = new ReadOnlyStringWrapper("");
  private final ReadOnlyBooleanWrapper camerasListed = new ReadOnlyBooleanWrapper(false);
  private final BooleanProperty mirror = new SimpleBooleanProperty(false);
  private final BooleanProperty paused = new SimpleBooleanProperty(false);
  private final BooleanProperty keypoints = new SimpleBooleanProperty(false);

  // shared with the capture thread
  private final AtomicReference<VideoFrame> readyFrame = new AtomicReference<>();
  private final ConcurrentLinkedQueue<VideoFrame> freeFrames = new ConcurrentLinkedQueue<>();
  private volatile LiveResult latestResult;
  private volatile boolean displayPaused;
  private volatile boolean mirrorOutput;
  private volatile boolean paintKeypoints;
  private volatile Path snapshotTarget;
  private volatile Path recordTarget;

  // control thread only
  private volatile LivePipeline pipeline;
  private FrameSource source;
  private AnalysisRequest request = AnalysisRequest.facesAndEmotions().withDetector(DetectorChoice.AUTO);
  private volatile AnalysisRequest requestInUse = request;
  private volatile EmotionModels.Option emotionModel = EmotionModels.Option.BUILT_IN;
  // the last analysis asked for (JavaFX thread), to apply again when the emotion model changes
  private LiveMode lastMode = LiveMode.FACES_AND_EMOTIONS;
  private DetectorChoice lastDetector = DetectorChoice.AUTO;
  private String lastClassifier;
  // off unless chosen: with only emotions asked, Live runs nothing more than before
  private boolean ageGender;
  private boolean landmarks;
  // capture thread only (and control thread once the capture thread has stopped)
  private final Mat bgra = new Mat();
  private final Mat recordBuffer = new Mat();
  private MjpegRecorder recorder;

  private volatile Path outputFolder = defaultOutputFolder();
  // JavaFX thread only
  private final double[] overlayLatencies = new double[256];
  private int overlayLatencyCount;
  private volatile LivePipeline current;
  private boolean closed;
  /** Completes when {@link #closeLater()} has closed everything. */
  private CompletableFuture<Void> closing;

  /**
   * {@code control} must run one piece at a time, in order (the app's: {@link
   * BackgroundTasks#oneAtATime}); {@code files} writes snapshots and lists cameras. Both end with
   * {@link #closeLater()}.
   */
  private final AnalysisService analysis;

  public LivePresenter(Engine engine, BackgroundTasks control, BackgroundTasks files) {
    this(engine, control, files, null);
  }

  /** {@code analysis}: whose threads analyse the frames (the app's, shared with its pages); null: the pipeline's own thread. */
  public LivePresenter(Engine engine, BackgroundTasks control, BackgroundTasks files, AnalysisService analysis) {
    this.analysis = analysis;
    this.control = control;
    this.files = files;
    this.analyzer = Analyzer.forLiveVideo(engine);
    paused.addListener((o, was, now) -> displayPaused = now);
    mirror.addListener((o, was, now) -> mirrorOutput = now);
    keypoints.addListener((o, was, now) -> paintKeypoints = now);
  }

  // ---- properties (JavaFX thread) -------------------------------------------------------------

  public ReadOnlyObjectProperty<SourceStatus> statusProperty() {
    return status.getReadOnlyProperty();
  }

  public ReadOnlyStringProperty hudProperty() {
    return hud.getReadOnlyProperty();
  }

  /** Short messages for the user: "Snapshot saved to …", a recording that could not start. */
  public ReadOnlyStringProperty noticeProperty() {
    return notice.getReadOnlyProperty();
  }

  public ReadOnlyBooleanProperty runningProperty() {
    return running.getReadOnlyProperty();
  }

  public ReadOnlyBooleanProperty recordingProperty() {
    return recording.getReadOnlyProperty();
  }

  public ReadOnlyObjectProperty<List<CameraDevice>> camerasProperty() {
    return cameras.getReadOnlyProperty();
  }

  /** Why cameras can't be listed (a missing driver library), or empty. */
  public ReadOnlyStringProperty cameraProblemProperty() {
    return cameraProblem.getReadOnlyProperty();
  }

  public ReadOnlyBooleanProperty camerasListedProperty() {
    return camerasListed.getReadOnlyProperty();
  }

  public BooleanProperty mirrorProperty() {
    return mirror;
  }

  public BooleanProperty pausedProperty() {
    return paused;
  }

  public BooleanProperty keypointsProperty() {
    return keypoints;
  }

  /** Where snapshots and recordings go (default: the user's Pictures folder, else home). */
  public void setOutputFolder(Path folder) {
    outputFolder = folder;
  }

  // ---- commands (JavaFX thread) ----------------------------------------------------------------

  /** Lists local cameras in the background; the result lands in {@link #camerasProperty()}. */
  public void refreshCameras() {
    if (closed) {
      return;
    }
    files.run(() -> LocalCameras.list(5000), found -> camerasListed(found, ""),
        error -> camerasListed(List.of(), error instanceof CameraException ? error.getMessage()
            : Problem.message(error, Messages.language())));
  }

  private void camerasListed(List<CameraDevice> found, String problem) {
    cameras.set(found);
    cameraProblem.set(problem);
    camerasListed.set(true);
  }

  /** Stops what is running and starts {@code newSource}; the presenter owns the source from now on. */
  public void start(FrameSource newSource) {
    submit(() -> {
      stopNow();
      source = newSource;
      startNow();
    });
  }

  /** Starts the last source again at once (the Retry button). */
  public void retry() {
    submit(() -> {
      if (source != null) {
        stopNow();
        startNow();
      }
    });
  }

  public void stop() {
    submit(this::stopNow);
  }

  /** True while a pipeline exists (started and not yet stopped and joined). */
  public boolean pipelineRunning() {
    return pipeline != null;
  }

  /** What to analyse; applied to the running pipeline from its next frame. */
  public void setAnalysis(LiveMode mode, DetectorChoice detector, String classifierPath) {
    lastMode = mode;
    lastDetector = detector;
    lastClassifier = classifierPath;
    EmotionModels.Option emotionChoice = emotionModel;
    boolean withAgeGender = ageGender;
    boolean withLandmarks = landmarks;
    AnalysisRequest next = switch (mode) {
      case FACES_AND_EMOTIONS -> AnalysisRequest.facesAndEmotions().withDetector(detector);
      case OBJECTS -> AnalysisRequest.objectsOnly();
      case CLASSIFIER -> new AnalysisRequest(false, false, false, classifierPath, detector, AnalysisRequest.DEFAULT_OBJECT_THRESHOLD);
    };
    submit(() -> {
      // a face-scope classifier runs on each tracked face, next to its emotion (its card is read here, off the FX thread)
      AnalysisRequest chosen = mode == LiveMode.CLASSIFIER && perFace(classifierPath)
          ? AnalysisRequest.facesAndEmotions().withDetector(detector).withClassifier(classifierPath) : next;
      // the emotions come from the model chosen for the app: the built-in one, or the user's face classifier
      AnalysisRequest withEmotions = chosen.emotions() ? emotionChoice.appliedTo(chosen) : chosen;
      AnalysisRequest wanted = withEmotions.faces() ? withEmotions.withFaceExtras(withAgeGender, withLandmarks)
          : withEmotions;
      if (pipeline != null && !warmUp(wanted)) {
        return;
      }
      request = wanted;
      requestInUse = wanted;
      if (pipeline != null) {
        pipeline.setRequest(wanted);
      }
    });
  }

  /**
   * The model that reads emotions: a built-in one or the user's face classifier; applied to the
   * running pipeline from its next frame.
   */
  public void setEmotionModel(EmotionModels.Option choice) {
    if (choice.equals(emotionModel)) {
      return;
    }
    emotionModel = choice;
    setAnalysis(lastMode, lastDetector, lastClassifier);
  }

  /** Age/gender and 68 landmarks on each face (both off by default); applied from the next frame. */
  public void setFaceExtras(boolean withAgeGender, boolean withLandmarks) {
    if (withAgeGender == ageGender && withLandmarks == landmarks) {
      return;
    }
    ageGender = withAgeGender;
    landmarks = withLandmarks;
    setAnalysis(lastMode, lastDetector, lastClassifier);
  }

  /** The request the pipeline uses (or will use when started), once the last change was applied. */
  public AnalysisRequest requestInUse() {
    return requestInUse;
  }

  /** Shows a short message under the video (e.g. the emotion model fell back to the built-in one). */
  public void showNotice(String text) {
    notice.set(text);
  }

  /** True when {@code cardOrOnnx} is a classifier card whose scope is each face. */
  static boolean perFace(String cardOrOnnx) {
    if (cardOrOnnx == null || !cardOrOnnx.toLowerCase(java.util.Locale.ROOT).endsWith(".json")) {
      return false;
    }
    try {
      return dev.raut.core.classify.ClassifierCards.read(java.nio.file.Path.of(cardOrOnnx)).scope()
          == dev.raut.core.classify.ClassifierScope.FACE;
    } catch (RuntimeException e) {
      return false; // an unreadable card is reported when the pipeline loads it
    }
  }

  /** Saves the next analysed frame with its overlays as a PNG in the output folder. */
  public void snapshot() {
    snapshotTarget = outputFolder.resolve("raut-snapshot-" + LocalDateTime.now().format(FILE_TIME) + ".png");
  }

  /** Starts or stops recording the annotated stream to a Motion-JPEG .avi in the output folder. */
  public void setRecording(boolean on) {
    if (on) {
      recordTarget = outputFolder.resolve("raut-recording-" + LocalDateTime.now().format(FILE_TIME) + ".avi");
      recording.set(true);
    } else {
      recordTarget = null;
      recording.set(false);
    }
  }

  // ---- for the view's display loop (JavaFX thread) --------------------------------------------

  /** The newest frame not yet shown, or null; hand it back with {@link #recycle} once drawn. */
  VideoFrame takeFrame() {
    return readyFrame.getAndSet(null);
  }

  void recycle(VideoFrame frame) {
    freeFrames.offer(frame);
  }

  LiveResult latestResult() {
    return latestResult;
  }

  /** A result reached the screen {@code ms} after its frame was captured (JavaFX thread). */
  void overlayShown(double ms) {
    overlayLatencies[overlayLatencyCount++ % overlayLatencies.length] = ms;
  }

  /** Median and 95th percentile of the recent capture → overlay latencies (ms), 0 before any (JavaFX thread). */
  double[] overlayLatencyMs() {
    double[] recent = java.util.Arrays.copyOf(overlayLatencies, Math.min(overlayLatencyCount, overlayLatencies.length));
    if (recent.length == 0) {
      return new double[] {0, 0};
    }
    java.util.Arrays.sort(recent);
    return new double[] {recent[(int) Math.ceil(0.5 * recent.length) - 1], recent[(int) Math.ceil(0.95 * recent.length) - 1]};
  }

  /** Refreshes the HUD text from the pipeline's rates and the overlay latency (called a few times a second). */
  void refreshHud() {
    LivePipeline p = current;
    if (p == null) {
      hud.set("");
      overlayLatencyCount = 0;
      return;
    }
    LiveStats s = p.stats();
    double[] latency = overlayLatencyMs();
    // made a few times a second, so it follows a language change by itself
    hud.set(Messages.text("live.hud", fixed(s.cameraFps(), 1), fixed(s.analysisFps(), 1), fixed(latency[0], 0),
        fixed(latency[1], 0)));
  }

  /** A number with exactly {@code decimals} decimals in the language's style: the HUD does not jitter in width. */
  private static String fixed(double value, int decimals) {
    java.text.NumberFormat format = java.text.NumberFormat.getNumberInstance(Messages.language().locale());
    format.setMinimumFractionDigits(decimals);
    format.setMaximumFractionDigits(decimals);
    format.setGroupingUsed(false);
    return format.format(value);
  }

  // ---- control thread ---------------------------------------------------------------------------

  private void startNow() {
    latestResult = null;
    if (!warmUp(request)) {
      return;
    }
    pipeline = new LivePipeline(analyzer, source, request, LiveOptions.defaults(), analysis);
    pipeline.addListener(new Listener(pipeline));
    current = pipeline;
    control.onUi(() -> running.set(true));
    pipeline.start();
  }

  /** Loads the request's models before they are needed, so the first live frames aren't late; false if they can't load. */
  private boolean warmUp(AnalysisRequest wanted) {
    try {
      analyzer.engine().warmUp(wanted);
      return true;
    } catch (ModelLoadException e) {
      SourceStatus failed = new SourceStatus(SourceStatus.State.ERROR, e.problem(), 0, "model_missing");
      control.onUi(() -> status.set(failed));
      return false;
    }
  }

  private void stopNow() {
    if (pipeline == null) {
      return;
    }
    pipeline.close(); // joins the capture thread: the recorder below is ours alone now
    pipeline = null;
    current = null;
    closeRecorder();
    latestResult = null;
    control.onUi(() -> {
      running.set(false);
      recording.set(false);
      hud.set("");
    });
    recordTarget = null;
  }

  /**
   * {@code task} on the control thread, after the ones before it (JavaFX thread). A failure no
   * code above foresaw (a source or model that throws) is the source's error, not a silent end.
   */
  private void submit(Runnable task) {
    if (closed) {
      return;
    }
    control.run(() -> {
      task.run();
      return null;
    }, done -> {}, error -> status.set(new SourceStatus(SourceStatus.State.ERROR, Problem.of(error), 0, "live_failed")));
  }

  // ---- capture and analysis threads -----------------------------------------------------------

  private final class Listener implements LiveListener {
    private final LivePipeline owner;

    Listener(LivePipeline owner) {
      this.owner = owner;
    }

    @Override
    public void onStatus(SourceStatus s) {
      control.onUi(() -> {
        // a pipeline being replaced still says "Stopped." as it closes: once another runs, only that one speaks
        LivePipeline now = current;
        if (now != null && now != owner) {
          return;
        }
        status.set(s);
        if (s.state() == SourceStatus.State.STOPPED || s.state() == SourceStatus.State.LIVE) {
          notice.set(s.message());
        }
      });
      boolean endedByItself = s.state() == SourceStatus.State.STOPPED || s.state() == SourceStatus.State.ERROR;
      if (endedByItself) {
        // the video ended or the source can't be used: release it now, not when the user presses Stop
        control.onUi(() -> submit(() -> {
          if (pipeline == owner) {
            stopNow();
          }
        }));
      }
    }

    @Override
    public void onResult(LiveResult result) {
      if (!displayPaused) {
        latestResult = result;
      }
    }

    @Override
    public void onAnalysedFrame(Frame frame, LiveResult result) {
      Path snapshot = snapshotTarget;
      if (snapshot != null) {
        snapshotTarget = null;
        saveSnapshot(frame.bgr().clone(), result, snapshot); // the frame its overlays were found on
      }
    }

    @Override
    public void onFrame(Frame frame) {
      record(frame.bgr(), frame.scene());
      if (!displayPaused) {
        publish(frame);
      }
    }
  }

  /** Converts the frame to BGRA into a pooled buffer and makes it the newest for display. */
  private void publish(Frame frame) {
    Mat bgr = frame.bgr();
    VideoFrame target = freeFrames.poll();
    while (target != null && (target.width != bgr.cols() || target.height != bgr.rows())) {
      target = freeFrames.poll(); // a resolution change: old buffers are dropped
    }
    if (target == null) {
      target = new VideoFrame(bgr.cols(), bgr.rows());
    }
    Imgproc.cvtColor(bgr, bgra, Imgproc.COLOR_BGR2BGRA);
    bgra.get(0, 0, target.bgra);
    target.index = frame.index();
    target.scene = frame.scene();
    VideoFrame replaced = readyFrame.getAndSet(target);
    if (replaced != null) {
      freeFrames.offer(replaced);
    }
  }

  private void record(Mat bgr, long scene) {
    Path target = recordTarget;
    if (target == null) {
      closeRecorder();
      return;
    }
    if (recorder == null || !recorder.file().equals(target)) {
      closeRecorder();
      try {
        LivePipeline p = current;
        double fps = p == null ? 0 : p.stats().cameraFps();
        recorder = new MjpegRecorder(target, fps > 1 ? fps : 25, bgr.cols(), bgr.rows());
      } catch (CameraException e) {
        recordTarget = null;
        control.onUi(() -> {
          recording.set(false);
          notice.set(e.getMessage());
        });
        return;
      }
    }
    bgr.copyTo(recordBuffer);
    LiveResult result = latestResult;
    // right after a cut the newest result is still the old shot's: its boxes would land on other people
    OverlayPainter.paint(recordBuffer, result != null && result.scene() == scene ? result : null, paintKeypoints,
        mirrorOutput);
    recorder.write(recordBuffer);
  }

  private void closeRecorder() {
    if (recorder != null) {
      MjpegRecorder done = recorder;
      recorder = null;
      done.close();
      control.onUi(() -> notice.set(Messages.text("live.recordingSaved", done.file(), done.frames())));
    }
  }

  /** On an analysis thread: the frame goes to the files tasks by way of the JavaFX thread, where they take work. */
  private void saveSnapshot(Mat copy, LiveResult result, Path file) {
    boolean mirrored = mirrorOutput;
    boolean points = paintKeypoints;
    control.onUi(() -> {
      BackgroundTasks.Cancellable writing = files.run(() -> {
        try {
          OverlayPainter.paint(copy, result, points, mirrored);
          Files.createDirectories(file.getParent());
          return Imgcodecs.imwrite(file.toString(), copy);
        } finally {
          copy.release();
        }
      }, ok -> notice.set(Messages.text(ok ? "live.snapshotSaved" : "live.snapshotNotWritten", file)),
          error -> notice.set(Messages.text("live.snapshotFailed", Problem.message(error, Messages.language()))));
      if (writing.isCancelled()) {
        copy.release(); // closed: the work never runs
      }
    });
  }

  /**
   * Stops the source (releasing the camera) and frees every buffer; waits for the camera to let
   * go, so call it where waiting is allowed (the JavaFX thread uses {@link #closeLater()}).
   */
  @Override
  public void close() {
    closeLater().join();
  }

  /**
   * Closes in the background, for the JavaFX thread (call it there), which must not wait for a
   * camera: no command is taken after this, the last piece of control work stops the pipeline and
   * frees the buffers. The future completes once the pipeline has stopped and left its models, so
   * the engine may close after it. The closing thread is not a daemon: at exit the JVM waits for it
   * instead of cutting a native call short.
   */
  public CompletableFuture<Void> closeLater() {
    CompletableFuture<Void> done = new CompletableFuture<>();
    if (closed) {
      return closing;
    }
    closed = true;
    closing = done;
    control.run(() -> {
      stopNow();
      bgra.release();
      recordBuffer.release();
      return null;
    }, ended -> {}, error -> {});
    Thread closer = new Thread(() -> {
      try {
        control.close(); // waits for the stop above
        files.close();
        done.complete(null);
      } catch (RuntimeException | Error e) {
        done.completeExceptionally(e);
      }
    }, "raut-live-close");
    closer.start();
    return done;
  }

  private static Path defaultOutputFolder() {
    Path home = Path.of(System.getProperty("user.home"));
    Path pictures = home.resolve("Pictures");
    return Files.isDirectory(pictures) ? pictures : home;
  }

}
