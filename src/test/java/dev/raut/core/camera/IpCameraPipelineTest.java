package dev.raut.core.camera;

import static org.assertj.core.api.Assertions.assertThat;

import dev.raut.core.analysis.AnalysisRequest;
import dev.raut.core.analysis.Analyzer;
import dev.raut.core.analysis.DetectorChoice;
import dev.raut.core.analysis.Engine;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opencv.core.Mat;

/** End to end through the real sarxos IP-camera driver against an MJPEG server on 127.0.0.1. */
class IpCameraPipelineTest {
  private static Engine engine;
  private static Analyzer analyzer;
  private static List<byte[]> jpegs;

  @BeforeAll
  static void open() {
    engine = Engine.openDefault();
    analyzer = Analyzer.forLiveVideo(engine);
    List<Mat> frames = LiveFixtures.sampleFrames(640, 480);
    jpegs = LiveFixtures.jpegs(frames);
    LiveFixtures.release(frames);
  }

  @AfterAll
  static void close() {
    engine.close();
  }

  private static final class Recorder implements LiveListener {
    final List<LiveResult> results = new CopyOnWriteArrayList<>();
    final List<SourceStatus> statuses = new CopyOnWriteArrayList<>();
    volatile long frames;

    @Override
    public void onFrame(Frame frame) {
      assertThat(frame.bgr().cols()).isEqualTo(640);
      frames++;
    }

    @Override
    public void onResult(LiveResult result) {
      results.add(result);
    }

    @Override
    public void onStatus(SourceStatus status) {
      statuses.add(status);
    }
  }

  private static LivePipeline pipeline(MjpegTestServer server, Recorder recorder) throws CameraException {
    IpCameraSource source = new IpCameraSource(server.url(), null, null, Duration.ofMillis(800));
    LivePipeline pipeline = new LivePipeline(analyzer, source,
        AnalysisRequest.facesAndEmotions().withDetector(DetectorChoice.FRONT),
        LiveOptions.defaults().withOpenTimeout(Duration.ofSeconds(2)).withRetry(Duration.ofMillis(200), Duration.ofSeconds(1)));
    pipeline.addListener(recorder);
    return pipeline;
  }

  @Test
  void facesAndEmotionsArriveFromAnMjpegCameraAndTheStatsMove() throws Exception {
    try (MjpegTestServer server = new MjpegTestServer(jpegs, 25)) {
      server.start();
      Recorder recorder = new Recorder();
      try (LivePipeline pipeline = pipeline(server, recorder)) {
        pipeline.start();
        waitFor(() -> recorder.results.size() >= 30, Duration.ofSeconds(30));
        LiveStats stats = pipeline.stats();
        assertThat(pipeline.status().state()).isEqualTo(SourceStatus.State.LIVE);
        // rates depend on the machine's load: that they are measured is the behaviour; their size is the benchmark's
        assertThat(stats.cameraFps()).isPositive();
        assertThat(stats.analysisFps()).isPositive().isLessThanOrEqualTo(stats.cameraFps() * 1.5);
        assertThat(stats.recentLatencyMsP95()).isGreaterThan(0);
        assertThat(stats.framesAnalysed()).isGreaterThanOrEqualTo(30);
      }
      assertThat(recorder.statuses.get(recorder.statuses.size() - 1).state()).isEqualTo(SourceStatus.State.STOPPED);
      List<LiveResult> results = recorder.results;
      assertThat(results).extracting(LiveResult::frameIndex).isSorted().doesNotHaveDuplicates();
      assertThat(results).allSatisfy(r -> assertThat(r.analysis().width()).isEqualTo(640));
      int faces = results.stream().mapToInt(r -> r.analysis().faces().size()).sum();
      assertThat(faces).isGreaterThan(results.size()); // the samples hold 2-4 faces each
      assertThat(results).flatExtracting(LiveResult::faces)
          .allSatisfy(f -> assertThat(f.face().emotion().scores()).hasSize(7));
    }
  }

  @Test
  void aStreamThatDropsIsReportedAndRecovered() throws Exception {
    try (MjpegTestServer server = new MjpegTestServer(jpegs, 25)) {
      server.start();
      Recorder recorder = new Recorder();
      try (LivePipeline pipeline = pipeline(server, recorder)) {
        pipeline.start();
        waitFor(() -> recorder.results.size() >= 5, Duration.ofSeconds(30));

        server.stop();
        waitFor(() -> pipeline.status().state() == SourceStatus.State.RECONNECTING, Duration.ofSeconds(10));
        SourceStatus lost = pipeline.status();
        assertThat(lost.errorCode()).isIn("stream_lost", "timeout");
        assertThat(lost.message()).contains("Reconnecting in");
        Thread.sleep(1500); // a few failed attempts while the camera is away
        long analysedWhileDown = pipeline.stats().framesAnalysed();

        server.start();
        waitFor(() -> pipeline.status().state() == SourceStatus.State.LIVE
            && pipeline.stats().framesAnalysed() > analysedWhileDown + 5, Duration.ofSeconds(20));
      }
      assertThat(recorder.statuses).extracting(SourceStatus::state)
          .containsSubsequence(SourceStatus.State.LIVE, SourceStatus.State.RECONNECTING, SourceStatus.State.CONNECTING,
              SourceStatus.State.LIVE, SourceStatus.State.STOPPED);
    }
  }

  @Test
  void anAddressWhereNothingListensIsRefusedInPlainWords() throws Exception {
    try (MjpegTestServer server = new MjpegTestServer(jpegs, 25)) {
      server.start();
      server.stop(); // a known-free port with nothing listening
      IpCameraSource source = new IpCameraSource(server.url(), "user", "secret", Duration.ofSeconds(1));
      try {
        source.open(Duration.ofSeconds(60));
        throw new AssertionError("nothing is listening");
      } catch (CameraException e) {
        assertThat(e.code()).isEqualTo("refused");
        assertThat(e.getMessage()).contains("127.0.0.1").contains("port " + java.net.URI.create(server.url()).getPort());
      } finally {
        source.close();
      }
    }
  }

  @Test
  void aRefusedCameraCountsDownToItsNextTryInsteadOfConnectingForever() throws Exception {
    try (MjpegTestServer server = new MjpegTestServer(jpegs, 25)) {
      server.start();
      server.stop();
      Recorder recorder = new Recorder();
      // a minute to open: without the refusal found at once, the pipeline would say "Connecting" all that time
      try (LivePipeline pipeline = new LivePipeline(analyzer, new IpCameraSource(server.url(), null, null),
          AnalysisRequest.facesAndEmotions(), LiveOptions.defaults().withOpenTimeout(Duration.ofSeconds(60))
              .withRetry(Duration.ofSeconds(5), Duration.ofSeconds(15)))) {
        pipeline.addListener(recorder);
        pipeline.start();
        waitFor(() -> recorder.statuses.stream().anyMatch(st -> st.state() == SourceStatus.State.RECONNECTING),
            Duration.ofSeconds(30));
        SourceStatus reconnecting = recorder.statuses.stream()
            .filter(st -> st.state() == SourceStatus.State.RECONNECTING).findFirst().orElseThrow();
        assertThat(reconnecting.errorCode()).isEqualTo("refused");
        assertThat(reconnecting.message()).contains("refuses").contains("Reconnecting in 5 s");
      }
    }
  }

  @Test
  void aCameraWithALoginStreamsOnlyWithTheRightPassword() throws Exception {
    try (MjpegTestServer server = new MjpegTestServer(jpegs, 25).requireLogin("viewer", "s3cret")) {
      server.start();
      IpCameraSource right = new IpCameraSource(server.url(), "viewer", "s3cret", Duration.ofSeconds(2));
      Mat frame = new Mat();
      try {
        right.open(Duration.ofSeconds(5));
        assertThat(right.read(frame)).isTrue();
        assertThat(frame.cols()).isEqualTo(640);
      } finally {
        right.close();
        frame.release();
      }
      IpCameraSource wrong = new IpCameraSource(server.url(), "viewer", "guess", Duration.ofSeconds(2));
      try {
        wrong.open(Duration.ofSeconds(2));
        throw new AssertionError("a wrong password must not stream");
      } catch (CameraException e) {
        assertThat(e.code()).isIn("timeout", "not_found");
      } finally {
        wrong.close();
      }
    }
  }

  @Test
  void anAddressThatIsNotHttpIsRejected() {
    try {
      new IpCameraSource("rtsp://127.0.0.1/stream", null, null);
      throw new AssertionError("rtsp is not supported");
    } catch (CameraException e) {
      assertThat(e.getMessage()).contains("http://");
    }
  }

  static void waitFor(BooleanSupplier condition, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("condition not met within " + timeout);
      }
      Thread.sleep(20);
    }
  }
}
