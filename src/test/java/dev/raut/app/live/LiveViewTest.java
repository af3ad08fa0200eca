package dev.raut.app.live;

import static org.assertj.core.api.Assertions.assertThat;

import dev.raut.core.analysis.Engine;
import dev.raut.core.camera.LiveFixtures;
import dev.raut.core.camera.SourceStatus;
import dev.raut.core.camera.TrackedFace;
import dev.raut.core.camera.VideoFileSource;
import dev.raut.core.analysis.ImageAnalysis;
import dev.raut.core.geometry.Box;
import dev.raut.core.text.Language;
import dev.raut.core.text.Messages;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.scene.Scene;
import javafx.scene.SnapshotParameters;
import javafx.scene.control.Label;
import javafx.scene.image.PixelReader;
import javafx.scene.image.WritableImage;
import javafx.scene.paint.Color;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.opencv.core.Mat;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The Live view alone in a window, headless (Monocle): a video plays with overlays, Stop releases the source. */
@ExtendWith(ApplicationExtension.class)
class LiveViewTest {
  static {
    // headless JavaFX for this test class; set before TestFX starts the toolkit
    System.setProperty("testfx.robot", "glass");
    System.setProperty("testfx.headless", "true");
    System.setProperty("prism.order", "sw");
    System.setProperty("glass.platform", "Monocle");
    System.setProperty("monocle.platform", "Headless");
  }

  @TempDir
  static Path dir;
  private static Engine engine;
  private static Path video;
  private LiveView view;

  @BeforeAll
  static void prepare() {
    engine = Engine.openDefault();
    List<Mat> frames = LiveFixtures.sampleFrames(640, 480);
    video = LiveFixtures.writeMjpegAvi(dir.resolve("faces.avi"), LiveFixtures.shots(frames, 12), 72, 12);
    LiveFixtures.release(frames);
  }

  @AfterAll
  static void release() {
    engine.close();
  }

  @Start
  void start(Stage stage) {
    view = new LiveView(engine);
    stage.setScene(new Scene(view, 960, 640));
    stage.show();
  }

  @Test
  void playsAVideoWithOverlaysAndStopReleasesTheSource(FxRobot robot) throws Exception {
    view.presenter().setOutputFolder(dir);
    WatchedVideoSource source = new WatchedVideoSource(video, true);
    robot.interact(() -> view.start(source));

    WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> onFx(() -> view.overlay().drawnFaces() > 0));
    assertThat(source.open).isTrue();
    assertThat(onFx(() -> view.shownFrameIndex())).isGreaterThanOrEqualTo(0L);
    assertThat(onFx(() -> view.presenter().statusProperty().get().state())).isEqualTo(SourceStatus.State.LIVE);

    // the overlay canvas really has boxes painted on it
    WritableImage overlay = onFx(() -> {
      SnapshotParameters params = new SnapshotParameters();
      params.setFill(Color.TRANSPARENT);
      return view.overlay().snapshot(params, null);
    });
    assertThat(opaquePixels(overlay)).isGreaterThan(200);

    WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS,
        () -> onFx(() -> view.presenter().hudProperty().get().matches("camera [0-9.]+ fps · analysis [0-9.]+ fps · .*")));
    Label hud = robot.lookup("#live-hud").queryAs(Label.class);
    assertThat(onFx(hud::isVisible)).isTrue();
    double[] overlayLatency = onFx(() -> view.presenter().overlayLatencyMs());
    assertThat(overlayLatency[1]).isGreaterThan(0).isGreaterThanOrEqualTo(overlayLatency[0]);
    System.out.printf(java.util.Locale.ROOT, "capture -> overlay latency in the Live view: p50 %.1f ms, p95 %.1f ms%n",
        overlayLatency[0], overlayLatency[1]);

    robot.interact(() -> view.presenter().snapshot());
    WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> onFx(() -> view.presenter().noticeProperty().get().startsWith("Snapshot saved")));
    try (var files = Files.list(dir)) {
      assertThat(files.filter(p -> p.getFileName().toString().endsWith(".png"))).hasSize(1);
    }

    int readBeforeRecording = source.reads.get();
    robot.interact(() -> view.presenter().setRecording(true));
    // a second of the 12 fps video read while recording, whatever the machine's speed
    WaitForAsyncUtils.waitFor(15, TimeUnit.SECONDS, () -> source.reads.get() >= readBeforeRecording + 12);
    robot.interact(() -> view.presenter().setRecording(false));
    WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS,
        () -> onFx(() -> view.presenter().noticeProperty().get().startsWith("Recording saved")));
    Path recording;
    try (var files = Files.list(dir)) {
      recording = files.filter(p -> p.getFileName().toString().endsWith(".avi") && !p.equals(video)).findFirst().orElseThrow();
    }
    VideoFileSource replay = new VideoFileSource(recording, false);
    Mat first = new Mat();
    try {
      replay.open(Duration.ofSeconds(2));
      assertThat(replay.read(first)).isTrue();
      assertThat(first.cols()).isEqualTo(640);
      assertThat(first.rows()).isEqualTo(480);
    } finally {
      replay.close();
      first.release();
    }

    robot.clickOn("#live-stop");
    WaitForAsyncUtils.waitFor(15, TimeUnit.SECONDS, () -> !source.open);
    assertThat(source.opens.get()).isEqualTo(1);
    assertThat(source.closes.get()).isEqualTo(1);
    WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> onFx(() -> !view.presenter().runningProperty().get()));
    WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> onFx(() -> view.overlay().drawnFaces() == 0));
  }

  @Test
  void closingCompletesOnlyOnceThePipelineHasStoppedSoTheEngineCanClose(FxRobot robot) throws Exception {
    WatchedVideoSource source = new WatchedVideoSource(video, true);
    robot.interact(() -> view.start(source));
    WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> onFx(() -> view.overlay().drawnFaces() > 0));
    java.util.concurrent.CompletableFuture<Void> closed = onFx(() -> view.closeLater());
    closed.get(20, TimeUnit.SECONDS);
    // what the app does next is close the engine: by now no frame may be left inside a model
    assertThat(source.open).isFalse();
    assertThat(source.closes.get()).isEqualTo(1);
    assertThat(view.presenter().pipelineRunning()).isFalse();
  }

  @Test
  void switchingSourcesWhileLiveReleasesTheFirst(FxRobot robot) throws Exception {
    WatchedVideoSource first = new WatchedVideoSource(video, true);
    WatchedVideoSource second = new WatchedVideoSource(video, true);
    robot.interact(() -> view.start(first));
    WaitForAsyncUtils.waitFor(15, TimeUnit.SECONDS, () -> first.open);
    robot.interact(() -> {
      view.presenter().setAnalysis(LiveMode.OBJECTS, dev.raut.core.analysis.DetectorChoice.FRONT, null);
      view.start(second);
    });
    WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> second.open && !first.open);
    WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> onFx(() -> view.overlay().drawnObjects() > 0));
    assertThat(first.closes.get()).isEqualTo(1);
    // the first pipeline's closing words ("Stopped.") must not stand while the second one plays
    assertThat(onFx(() -> view.presenter().statusProperty().get().state())).isEqualTo(SourceStatus.State.LIVE);
    assertThat(onFx(() -> view.presenter().noticeProperty().get())).isEqualTo("Live: video faces.avi.");
    robot.interact(() -> view.presenter().stop());
    WaitForAsyncUtils.waitFor(15, TimeUnit.SECONDS, () -> !second.open);
  }

  @Test
  void aVideoThatEndsReleasesItsSourceByItself(FxRobot robot) throws Exception {
    WatchedVideoSource source = new WatchedVideoSource(video, false);
    robot.interact(() -> view.start(source));
    WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> source.open);
    WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> !source.open);
    WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> onFx(() -> !view.presenter().runningProperty().get()));
    assertThat(source.closes.get()).isEqualTo(1);
    assertThat(onFx(() -> view.presenter().noticeProperty().get())).isEqualTo("The end of video faces.avi.");
  }

  @Test
  void withoutACameraTheEmptyStateOffersTheOtherSources(FxRobot robot) throws Exception {
    WaitForAsyncUtils.waitFor(15, TimeUnit.SECONDS, () -> onFx(() -> view.presenter().camerasListedProperty().get()));
    boolean noCamera = onFx(() -> view.presenter().camerasProperty().get().isEmpty());
    boolean emptyStateShown = onFx(() -> robot.lookup("Use an IP camera or a video file.").tryQuery()
        .map(javafx.scene.Node::isVisible).orElse(false));
    assertThat(emptyStateShown).isEqualTo(noCamera);
    if (noCamera) {
      // cancelled in the file dialog: the video file's field is there to type a path, nothing starts
      robot.interact(() -> view.useVideoChooser(owner -> null));
      robot.clickOn("Open a video file");
      WaitForAsyncUtils.waitForFxEvents();
      assertThat(onFx(() -> view.lookupAll(".text-field").stream().anyMatch(n -> n.isVisible()
          && dev.raut.core.text.Messages.text("live.video.prompt").equals(((javafx.scene.control.TextField) n).getPromptText())))).isTrue();
      assertThat(onFx(() -> view.presenter().runningProperty().get())).isFalse();
      // a video chosen in the dialog plays at once (the empty state has gone: the button is fired as a key would)
      javafx.scene.control.Button open = robot.lookup("Open a video file").queryButton();
      robot.interact(() -> {
        view.useVideoChooser(owner -> video.toFile());
        open.fire();
      });
      WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> onFx(() -> view.overlay().drawnFaces() > 0));
      robot.interact(() -> view.presenter().stop());
    }
  }

  @Test
  void aLanguageChangeRelabelsTheControlsWhileTheVideoGoesOn(FxRobot robot) throws Exception {
    WatchedVideoSource source = new WatchedVideoSource(video, true);
    robot.interact(() -> view.start(source));
    WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> onFx(() -> view.overlay().drawnFaces() > 0));
    assertThat(onFx(() -> texts(view))).contains("Start", "Stop", "Faces & emotions", "Camera", "Snapshot");
    try {
      robot.interact(() -> {
        Messages.setLanguage(Language.INDONESIAN);
        view.relabel();
      });
      List<String> shown = onFx(() -> texts(view));
      assertThat(shown).contains("Mulai", "Berhenti", "Sumber", "Analisis", "Wajah & emosi", "Kamera", "Cerminkan",
          "Ambil gambar", "Rekam", "Juga pada setiap wajah").doesNotContain("Start", "Faces & emotions", "Snapshot");
      assertThat(onFx(() -> view.analysisChoices())).containsExactly("Wajah & emosi", "Objek", "Dari berkas…");
      WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> onFx(() -> view.presenter().hudProperty().get()
          .matches("kamera [0-9,]+ fps · analisis [0-9,]+ fps · latensi .*")));
      // the same source, never stopped or opened again
      assertThat(source.open).isTrue();
      assertThat(source.opens.get()).isEqualTo(1);
      assertThat(onFx(() -> view.presenter().runningProperty().get())).isTrue();
      int before = onFx(() -> (int) view.shownFrameIndex());
      WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> onFx(() -> view.shownFrameIndex() > before));

      ImageAnalysis.Face face = new ImageAnalysis.Face(new Box(10.0, 10.0, 80.0, 80.0), 0.97, List.of(),
          new ImageAnalysis.Emotion("happy", 0.92, java.util.Map.of("happy", 0.92)), List.of(), 33.6,
          new ImageAnalysis.ClassScore("female", 0.9), List.of());
      TrackedFace tracked = new TrackedFace(1, 0, face, face.emotion(), List.of(), 33.6, face.gender());
      assertThat(onFx(() -> OverlayCanvas.label(tracked))).isEqualTo("senang 92% · 34 th P");
    } finally {
      robot.interact(() -> {
        Messages.setLanguage(Language.ENGLISH);
        view.relabel();
      });
    }
    assertThat(onFx(() -> texts(view))).contains("Start", "Faces & emotions");
    robot.interact(() -> view.presenter().stop());
    WaitForAsyncUtils.waitFor(15, TimeUnit.SECONDS, () -> !source.open);
  }

  @Test
  void aViewBuiltInIndonesianSpeaksIndonesian(FxRobot robot) throws Exception {
    LiveView indonesian;
    try {
      indonesian = onFx(() -> {
        Messages.setLanguage(Language.INDONESIAN);
        LiveView built = new LiveView(engine);
        new Scene(built, 960, 640);
        built.applyCss();
        built.layout();
        return built;
      });
      assertThat(onFx(() -> texts(indonesian))).contains("Mulai", "Berhenti", "Sumber", "Kamera", "Detektor",
          "Titik kunci", "Jeda", "Usia & jenis kelamin", "Otomatis (terbaik untuk foto)");
    } finally {
      onFx(() -> {
        Messages.setLanguage(Language.ENGLISH);
        return null;
      });
    }
    onFx(indonesian::closeLater).get(20, TimeUnit.SECONDS);
  }

  /** Every text a control shows in {@code root}, skins included (a box's shown value is a label of its skin). */
  private static List<String> texts(javafx.scene.Parent root) {
    List<String> out = new java.util.ArrayList<>();
    for (javafx.scene.Node n : root.getChildrenUnmodifiable()) {
      if (n instanceof javafx.scene.control.Labeled l && l.getText() != null) {
        out.add(l.getText());
      }
      if (n instanceof javafx.scene.Parent p) {
        out.addAll(texts(p));
      }
    }
    return out;
  }

  private static int opaquePixels(WritableImage image) {
    PixelReader reader = image.getPixelReader();
    int count = 0;
    for (int y = 0; y < image.getHeight(); y += 2) {
      for (int x = 0; x < image.getWidth(); x += 2) {
        if (reader.getColor(x, y).getOpacity() > 0.5) {
          count++;
        }
      }
    }
    return count;
  }

  private static <T> T onFx(java.util.concurrent.Callable<T> call) throws Exception {
    return WaitForAsyncUtils.asyncFx(call).get(10, TimeUnit.SECONDS);
  }
}
