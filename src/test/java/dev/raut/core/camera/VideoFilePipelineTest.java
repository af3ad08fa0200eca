package dev.raut.core.camera;

import static org.assertj.core.api.Assertions.assertThat;

import dev.raut.core.analysis.AnalysisRequest;
import dev.raut.core.analysis.AnalysisService;
import dev.raut.core.analysis.Analyzer;
import dev.raut.core.analysis.DetectorChoice;
import dev.raut.core.analysis.Engine;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opencv.core.Mat;

class VideoFilePipelineTest {
  private static Engine engine;
  private static Analyzer analyzer;
  private static List<Mat> frames;

  @TempDir
  Path dir;

  @BeforeAll
  static void open() {
    engine = Engine.openDefault();
    analyzer = Analyzer.forLiveVideo(engine);
    frames = LiveFixtures.sampleFrames(640, 480);
  }

  @AfterAll
  static void close() {
    LiveFixtures.release(frames);
    engine.close();
  }

  private static AnalysisRequest front() {
    return AnalysisRequest.facesAndEmotions().withDetector(DetectorChoice.FRONT);
  }

  @Test
  void maxPaceAnalysesEveryFrameOfTheFileInOrderWithFacesAndEmotions() throws Exception {
    Path avi = LiveFixtures.writeMjpegAvi(dir.resolve("samples.avi"), frames, 12, 10);
    List<LiveResult> results = new CopyOnWriteArrayList<>();
    List<SourceStatus.State> states = new CopyOnWriteArrayList<>();
    try (LivePipeline pipeline = new LivePipeline(analyzer, new VideoFileSource(avi, false), front(),
        LiveOptions.defaults().withPace(Pace.MAX))) {
      pipeline.addListener(new LiveListener() {
        @Override
        public void onResult(LiveResult result) {
          results.add(result);
        }

        @Override
        public void onStatus(SourceStatus status) {
          states.add(status.state());
        }
      });
      pipeline.start();
      assertThat(pipeline.awaitFinished(Duration.ofSeconds(60))).isTrue();
      LiveStats stats = pipeline.stats();
      assertThat(stats.framesCaptured()).isEqualTo(12);
      assertThat(stats.framesAnalysed()).isEqualTo(12);
      assertThat(stats.framesDropped()).isZero();
      assertThat(stats.latencyMsP95()).isGreaterThan(0);
      assertThat(stats.runAnalysisFps()).isGreaterThan(0);
    }
    assertThat(results).extracting(LiveResult::frameIndex).containsExactly(0L, 1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L, 11L);
    assertThat(results.get(1).timestampMs()).isEqualTo(100.0);
    // frame i shows sample (i % 6): the same photo gives the same faces the second time round
    for (int i = 0; i < 6; i++) {
      assertThat(results.get(i).analysis().faces()).hasSameSizeAs(results.get(i + 6).analysis().faces());
    }
    int faces = results.stream().mapToInt(r -> r.analysis().faces().size()).sum();
    assertThat(faces).isGreaterThanOrEqualTo(20);
    assertThat(results).allSatisfy(r -> assertThat(r.analysis().ok()).isTrue());
    assertThat(results).flatExtracting(LiveResult::faces)
        .allSatisfy(f -> assertThat(f.smoothedEmotion()).isNotNull());
    assertThat(states).startsWith(SourceStatus.State.CONNECTING, SourceStatus.State.LIVE)
        .contains(SourceStatus.State.STOPPED);
  }

  /** The app's way: frames analysed on the analysis service's threads, taking turns with a page's long queue. */
  @Test
  void onAnAnalysisServiceTheFramesTakeTurnsWithOtherWorkOnItsThreads() throws Exception {
    Path avi = LiveFixtures.writeMjpegAvi(dir.resolve("shared.avi"), frames, 12, 10);
    List<String> threads = new CopyOnWriteArrayList<>();
    java.util.concurrent.atomic.AtomicInteger pagesDone = new java.util.concurrent.atomic.AtomicInteger();
    int pages = 1000;
    try (AnalysisService service = AnalysisService.over(Analyzer.forLiveVideo(Engine.openDefault()), 2)) {
      java.util.concurrent.ExecutorService gallery = service.lane("pages");
      for (int i = 0; i < pages; i++) {
        gallery.execute(() -> {
          try {
            Thread.sleep(5); // a photo of the gallery's, say
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          pagesDone.incrementAndGet();
        });
      }
      int doneAtFinish;
      try (LivePipeline pipeline = new LivePipeline(service.analyzer().join(), new VideoFileSource(avi, false), front(),
          LiveOptions.defaults().withPace(Pace.MAX), service)) {
        pipeline.addListener(new LiveListener() {
          @Override
          public void onResult(LiveResult result) {
            threads.add(Thread.currentThread().getName());
          }
        });
        pipeline.start();
        assertThat(pipeline.awaitFinished(Duration.ofSeconds(60))).isTrue();
        doneAtFinish = pagesDone.get();
        assertThat(pipeline.stats().framesAnalysed()).isEqualTo(12);
      }
      // the frames did not wait for the page's 1,000 pieces (5 s of one thread's work) to be done
      assertThat(doneAtFinish).isLessThan(pages);
    }
    assertThat(threads).hasSize(12).allSatisfy(name -> assertThat(name).startsWith("raut-analysis-"));
  }

  @Test
  void nativePaceFollowsTheFileRateAndLoops() throws Exception {
    Path avi = LiveFixtures.writeMjpegAvi(dir.resolve("loop.avi"), frames, 6, 30);
    List<Double> stamps = Collections.synchronizedList(new ArrayList<>());
    long start = System.nanoTime();
    try (LivePipeline pipeline = new LivePipeline(analyzer, new VideoFileSource(avi, true), front(),
        LiveOptions.defaults().withMaxAnalysedFrames(20))) {
      pipeline.addListener(new LiveListener() {
        @Override
        public void onResult(LiveResult result) {
          stamps.add(result.timestampMs());
        }
      });
      pipeline.start();
      assertThat(pipeline.awaitFinished(Duration.ofSeconds(60))).isTrue();
      // 20 analysed frames need at least 19 frame intervals of 1/30 s: the file's rate is honoured
      assertThat(System.nanoTime() - start).isGreaterThan(Duration.ofMillis(600).toNanos());
      assertThat(pipeline.stats().framesCaptured()).isGreaterThan(6); // it looped past the 6 frames of the file
    }
    assertThat(stamps).hasSize(20).isSorted();
    assertThat(stamps.get(19)).isGreaterThan(6 * 1000.0 / 30);
  }

  @Test
  void aMissingFileIsAnErrorInPlainWordsWithoutRetrying() throws Exception {
    List<SourceStatus> statuses = new CopyOnWriteArrayList<>();
    try (LivePipeline pipeline = new LivePipeline(analyzer, new VideoFileSource(dir.resolve("nope.avi"), false),
        front(), LiveOptions.defaults())) {
      pipeline.addListener(new LiveListener() {
        @Override
        public void onStatus(SourceStatus status) {
          statuses.add(status);
        }
      });
      pipeline.start();
      assertThat(pipeline.awaitFinished(Duration.ofSeconds(10))).isTrue();
      assertThat(pipeline.status().state()).isEqualTo(SourceStatus.State.ERROR);
      assertThat(pipeline.status().errorCode()).isEqualTo("not_found");
      assertThat(pipeline.status().message()).contains("nope.avi").contains("does not exist");
    }
    assertThat(statuses).extracting(SourceStatus::state).doesNotContain(SourceStatus.State.RECONNECTING);
  }

  @Test
  void anMp4WithoutMotionJpegIsUnsupportedWithAHint() throws Exception {
    Path fake = dir.resolve("clip.mp4");
    java.nio.file.Files.write(fake, new byte[] {0, 0, 0, 24, 'f', 't', 'y', 'p', 'i', 's', 'o', 'm'});
    VideoFileSource source = new VideoFileSource(fake, false);
    try {
      source.open(Duration.ofSeconds(2));
      throw new AssertionError("an mp4 should not open");
    } catch (CameraException e) {
      assertThat(e.code()).isEqualTo("unsupported");
      assertThat(e.getMessage()).contains("Motion-JPEG");
    } finally {
      source.close();
    }
  }
}
