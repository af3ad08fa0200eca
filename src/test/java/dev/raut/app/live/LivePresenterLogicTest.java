package dev.raut.app.live;

import static org.assertj.core.api.Assertions.assertThat;

import dev.raut.app.SameThreadTasks;
import dev.raut.core.analysis.Engine;
import dev.raut.core.camera.LiveFixtures;
import dev.raut.core.camera.SourceStatus;
import dev.raut.core.model.ModelCatalog;
import dev.raut.core.model.ModelStore;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opencv.core.Mat;

/**
 * Live's control logic with same-thread tasks and no toolkit: starting, stopping and closing a
 * real pipeline over a video, in the order asked, and a model that cannot load said as the
 * source's error. The frames themselves run on the pipeline's threads (LiveViewTest shows them).
 */
class LivePresenterLogicTest {
  @TempDir
  static Path dir;
  private static Engine engine;
  private static Path video;

  @BeforeAll
  static void prepare() {
    engine = Engine.openDefault();
    List<Mat> frames = LiveFixtures.sampleFrames(320, 240);
    video = LiveFixtures.writeMjpegAvi(dir.resolve("faces.avi"), LiveFixtures.shots(frames, 12), 48, 12);
    LiveFixtures.release(frames);
  }

  @AfterAll
  static void release() {
    engine.close();
  }

  @Test
  void startRunsThePipelineAndStopReleasesTheSourceInsideTheCalls() throws Exception {
    SameThreadTasks control = SameThreadTasks.immediate();
    LivePresenter live = new LivePresenter(engine, control, SameThreadTasks.immediate());
    WatchedVideoSource source = new WatchedVideoSource(video, true);
    live.start(source);
    assertThat(live.runningProperty().get()).isTrue();
    assertThat(live.pipelineRunning()).isTrue();
    assertThat(source.opened.await(30, TimeUnit.SECONDS)).as("the pipeline opened the video").isTrue();

    live.stop();
    assertThat(live.pipelineRunning()).isFalse();
    assertThat(live.runningProperty().get()).isFalse();
    assertThat(source.open).isFalse();
    assertThat(source.closes).hasValue(1);
    control.runAll(); // what the pipeline's own threads said meanwhile
    assertThat(live.statusProperty().get().state()).isEqualTo(SourceStatus.State.STOPPED);
    live.closeLater().get(20, TimeUnit.SECONDS);
  }

  @Test
  void commandsRunInTheOrderAskedOnlyWhenTheControlWorkRunsAndNoneAfterClosing() throws Exception {
    SameThreadTasks control = SameThreadTasks.queued();
    SameThreadTasks files = SameThreadTasks.queued();
    LivePresenter live = new LivePresenter(engine, control, files);
    WatchedVideoSource source = new WatchedVideoSource(video, true);
    live.start(source);
    assertThat(live.runningProperty().get()).as("not before the control work ran").isFalse();
    assertThat(live.pipelineRunning()).isFalse();
    control.runAll();
    assertThat(live.runningProperty().get()).isTrue();
    assertThat(source.opened.await(30, TimeUnit.SECONDS)).isTrue();

    live.stop();
    assertThat(live.pipelineRunning()).as("Stop waits its turn").isTrue();
    assertThat(source.open).isTrue();
    control.runAll();
    assertThat(live.pipelineRunning()).isFalse();
    assertThat(live.runningProperty().get()).isFalse();
    assertThat(source.closes).hasValue(1);
    live.closeLater().get(20, TimeUnit.SECONDS);
    assertThat(control.isClosed()).isTrue();
    assertThat(files.isClosed()).isTrue();

    WatchedVideoSource late = new WatchedVideoSource(video, true);
    live.start(late);
    live.refreshCameras();
    assertThat(control.pending()).as("nothing taken after closing").isZero();
    assertThat(files.pending()).isZero();
    assertThat(late.opened.getCount()).isEqualTo(1);
  }

  @Test
  void aModelThatCannotLoadIsTheSourcesErrorAndTheSourceIsNeverOpened(@TempDir Path empty) throws Exception {
    Engine withoutModels = new Engine(new ModelStore(empty.resolve("no-models")), ModelCatalog.defaults(), 1, 2);
    try {
      LivePresenter live = new LivePresenter(withoutModels, SameThreadTasks.immediate(), SameThreadTasks.immediate());
      WatchedVideoSource source = new WatchedVideoSource(video, true);
      live.start(source);
      SourceStatus status = live.statusProperty().get();
      assertThat(status.state()).isEqualTo(SourceStatus.State.ERROR);
      assertThat(status.errorCode()).isEqualTo("model_missing");
      assertThat(status.message()).isNotBlank().doesNotContain("Exception");
      assertThat(live.runningProperty().get()).isFalse();
      assertThat(live.pipelineRunning()).isFalse();
      assertThat(source.opened.getCount()).as("no camera opened for nothing").isEqualTo(1);
      live.closeLater().get(20, TimeUnit.SECONDS);
    } finally {
      withoutModels.close();
    }
  }
}
