package dev.raut.core.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.raut.core.face.FaceDetector;
import dev.raut.core.image.DecodeTarget;
import dev.raut.core.image.DecodedImage;
import dev.raut.core.image.ImageDecoder;
import dev.raut.core.model.ModelCatalog;
import dev.raut.core.model.ModelStore;
import dev.raut.testing.Samples;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The engine's one budget of images analysed at once, and its close: the real models on a sample
 * photo. A lease held by the test stands for an analysis in progress on another door.
 */
class EngineBudgetTest {
  private static Engine engine(int imagesAtOnce) {
    return new Engine(ModelStore.defaultStore(), ModelCatalog.defaults(), 1, imagesAtOnce);
  }

  @Test
  void aSecondDoorWaitsForAPermitAndThenAnalyses() throws Exception {
    try (Engine engine = engine(1)) {
      Analyzer analyzer = new Analyzer(engine);
      engine.warmUp(AnalysisRequest.facesAndEmotions());
      Engine.Lease gallery = engine.lease();
      CompletableFuture<ImageAnalysis> live = new CompletableFuture<>();
      Thread other = new Thread(() -> live.complete(analyzer.analyze(Samples.photo(1), AnalysisRequest.facesAndEmotions())));
      other.start();
      awaitParked(other);
      assertThat(live).isNotDone();
      assertThat(engine.imagesInProgress()).isEqualTo(1);
      gallery.close();
      ImageAnalysis result = live.get(60, TimeUnit.SECONDS);
      assertThat(result.error()).isNull();
      assertThat(result.faces()).hasSize(Samples.FACES.get(0));
      other.join();
      assertThat(engine.imagesInProgress()).isZero();
    }
  }

  @Test
  void aLeaseInsideALeaseOnOneThreadCostsNoSecondPermit() {
    try (Engine engine = engine(1)) {
      Analyzer analyzer = new Analyzer(engine);
      try (Engine.Lease outer = engine.lease()) {
        // with one permit, a second one taken here would wait for ever
        ImageAnalysis result = analyzer.analyze(Samples.photo(2), AnalysisRequest.facesAndEmotions());
        assertThat(result.faces()).hasSize(Samples.FACES.get(1));
        assertThat(engine.imagesInProgress()).isEqualTo(1);
      }
      assertThat(engine.imagesInProgress()).isZero();
    }
  }

  @Test
  void closeWaitsForTheAnalysisInProgressAndRefusesNewOnes() throws Exception {
    Engine engine = engine(2);
    Analyzer analyzer = new Analyzer(engine);
    engine.warmUp(AnalysisRequest.facesAndEmotions());
    int sessions = engine.openSessions();
    assertThat(sessions).isPositive();
    Engine.Lease running = engine.lease();
    Thread closer = new Thread(engine::close);
    closer.start();
    awaitParked(closer);
    // closing has begun: a new image is refused, the models stay open under the running one
    CompletableFuture<ImageAnalysis> late = CompletableFuture.supplyAsync(
        () -> analyzer.analyze(Samples.photo(1), AnalysisRequest.facesAndEmotions()));
    assertThatThrownBy(() -> late.get(60, TimeUnit.SECONDS)).hasCauseInstanceOf(IllegalStateException.class)
        .hasMessageContaining("closed");
    assertThat(closer.isAlive()).isTrue();
    assertThat(engine.openSessions()).isEqualTo(sessions);
    running.close();
    closer.join(30_000);
    assertThat(closer.isAlive()).isFalse();
    assertThat(engine.openSessions()).isZero();
  }

  @Test
  void thePeoplePagesDescriptorsAndTeachsFaceFinderWaitForThePermitToo() throws Exception {
    try (Engine engine = engine(1)) {
      Analyzer analyzer = new Analyzer(engine);
      FaceDetector teachFaces = engine.leasedFaceDetector(DetectorChoice.AUTO);
      engine.describer();
      Engine.Lease gallery = engine.lease();
      CompletableFuture<Integer> people = new CompletableFuture<>();
      Thread peopleThread = new Thread(() -> {
        try {
          people.complete(analyzer.describeFaces(Samples.photo(1), DetectorChoice.AUTO).size());
        } catch (Exception e) {
          people.completeExceptionally(e);
        }
      });
      peopleThread.start();
      awaitParked(peopleThread);
      assertThat(people).isNotDone();
      CompletableFuture<Integer> teach = new CompletableFuture<>();
      Thread teachThread = new Thread(() -> {
        try (DecodedImage photo = new ImageDecoder().decode(Samples.photo(2), DecodeTarget.fullResolution())) {
          teach.complete(teachFaces.detect(photo.mat()).size());
        } catch (Exception e) {
          teach.completeExceptionally(e);
        }
      });
      teachThread.start();
      awaitParked(teachThread);
      assertThat(teach).isNotDone();
      gallery.close();
      assertThat(people.get(60, TimeUnit.SECONDS)).isEqualTo(Samples.FACES.get(0));
      assertThat(teach.get(60, TimeUnit.SECONDS)).isEqualTo(Samples.FACES.get(1));
      peopleThread.join();
      teachThread.join();
      assertThat(engine.imagesInProgress()).isZero();
    }
  }

  /** Until {@code thread} waits (on the budget's permit), failing after a minute. */
  private static void awaitParked(Thread thread) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
    while (thread.getState() != Thread.State.WAITING && thread.getState() != Thread.State.TIMED_WAITING) {
      assertThat(System.nanoTime()).as("%s waiting", thread.getName()).isLessThan(deadline);
      assertThat(thread.isAlive()).as("%s still running", thread.getName()).isTrue();
      Thread.sleep(5);
    }
  }
}
