package dev.raut.core.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.raut.core.model.ModelCatalog;
import dev.raut.core.model.ModelStore;
import dev.raut.testing.Samples;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * The service a door analyses through: its own threads carry the photos of a batch (in input
 * order) and of the doors' lanes, taken in turn, and closing it drops what has not started, waits
 * for what has, and then closes the engine. Real models on the sample photos.
 */
class AnalysisServiceTest {
  private static Engine engine(int imagesAtOnce) {
    return new Engine(ModelStore.defaultStore(), ModelCatalog.defaults(), 1, imagesAtOnce);
  }

  @Test
  void aBatchRunsOnTheServicesThreadsWithResultsInInputOrder() {
    List<Path> photos = new ArrayList<>();
    for (int round = 0; round < 3; round++) {
      photos.addAll(Samples.all());
    }
    Set<String> before = threadNames();
    try (AnalysisService service = AnalysisService.over(engine(2), 2)) {
      List<ImageAnalysis> results = new ArrayList<>();
      boolean complete = service.batch().run(photos, AnalysisRequest.facesAndEmotions(), results::add,
          (done, total) -> { }, new AtomicBoolean());

      assertThat(complete).isTrue();
      assertThat(results).extracting(ImageAnalysis::file).containsExactlyElementsOf(
          photos.stream().map(Path::toString).toList());
      for (int i = 0; i < results.size(); i++) {
        assertThat(results.get(i).faces()).as(results.get(i).file()).hasSize(Samples.FACES.get(i % 6));
      }
      Set<String> made = threadNames();
      made.removeAll(before);
      // the batch made no pool of its own: only the service's two threads were started (the JDK's
      // own, such as the Java2D Disposer the first decoded image may start, are not pools)
      made.removeIf(name -> !name.startsWith("raut-") && !name.startsWith("pool-"));
      assertThat(made).allMatch(name -> name.startsWith("raut-analysis-")).hasSizeLessThanOrEqualTo(2);
    }
  }

  @Test
  void aLanesPhotosRunOnTheAnalysisThreadsOnceTheEngineIsUp() throws Exception {
    try (AnalysisService service = AnalysisService.opening(() -> engine(2), 2)) {
      java.util.concurrent.ExecutorService gallery = service.lane("gallery");
      java.util.concurrent.Future<String> where = gallery.submit(() -> Thread.currentThread().getName());
      java.util.concurrent.Future<Integer> faces = gallery.submit(() -> service.analyzer().join()
          .analyze(Samples.photo(1), AnalysisRequest.facesAndEmotions()).faces().size());

      assertThat(where.get(60, TimeUnit.SECONDS)).startsWith("raut-analysis-");
      assertThat(faces.get(60, TimeUnit.SECONDS)).isEqualTo(Samples.FACES.get(0));
    }
  }

  @Test
  void anEngineThatCannotStartSaysWhy() {
    try (AnalysisService service = AnalysisService.opening(() -> {
      throw new IllegalStateException("no models here");
    }, 1)) {
      assertThatThrownBy(() -> service.analyzer().get(60, TimeUnit.SECONDS))
          .isInstanceOf(ExecutionException.class).hasRootCauseMessage("no models here");
    }
  }

  @Test
  void closingWaitsForTheWorkUnderWayDropsTheWaitingAndThenClosesTheEngine() throws Exception {
    Engine engine = engine(1);
    AnalysisService service = AnalysisService.over(engine, 1);
    java.util.concurrent.ExecutorService gallery = service.lane("gallery");
    CountDownLatch started = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    List<String> order = Collections.synchronizedList(new ArrayList<>());
    java.util.concurrent.Future<String> running = gallery.submit(() -> {
      try (Engine.Lease lease = engine.lease()) {
        started.countDown();
        release.await();
        order.add("work ended");
        return "done";
      }
    });
    java.util.concurrent.Future<String> waiting = gallery.submit(() -> "should never run");
    assertThat(started.await(60, TimeUnit.SECONDS)).isTrue();

    Thread closer = new Thread(() -> {
      service.close();
      order.add("closed");
    });
    closer.start();
    // close() is waiting for the running work: nothing it may skip has happened yet
    awaitWaiting(closer);
    assertThat(order).isEmpty();
    assertThat(waiting.isCancelled()).isTrue();
    assertThatThrownBy(() -> gallery.submit(() -> "late")).isInstanceOf(RejectedExecutionException.class);

    release.countDown();
    closer.join(60_000);
    assertThat(order).containsExactly("work ended", "closed");
    assertThat(running.get()).isEqualTo("done");
    assertThatThrownBy(engine::lease).isInstanceOf(RuntimeException.class);
  }

  @Test
  void doorsTakeTurnsSoALongQueueDoesNotHoldUpAnotherDoor() throws Exception {
    try (AnalysisService service = AnalysisService.over(engine(1), 1)) {
      java.util.concurrent.ExecutorService gallery = service.lane("gallery");
      java.util.concurrent.ExecutorService server = service.lane("server");
      CountDownLatch gate = new CountDownLatch(1);
      List<String> order = Collections.synchronizedList(new ArrayList<>());
      gallery.execute(() -> {
        try {
          gate.await();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      });
      List<java.util.concurrent.Future<?>> photos = new ArrayList<>();
      for (int i = 0; i < 50; i++) {
        int n = i;
        photos.add(gallery.submit(() -> order.add("gallery " + n)));
      }
      java.util.concurrent.Future<?> request = server.submit(() -> order.add("server"));
      gate.countDown();
      request.get(30, TimeUnit.SECONDS);
      for (java.util.concurrent.Future<?> photo : photos) {
        photo.get(30, TimeUnit.SECONDS);
      }
      // the one request ran at the next turn, not after the fifty photos queued before it
      assertThat(order.indexOf("server")).isLessThanOrEqualTo(1);
      assertThat(order).hasSize(51);
    }
  }

  @Test
  void aStreamsFrameGoesAheadOfTheLanesTakingTurns() throws Exception {
    try (AnalysisService service = AnalysisService.over(engine(1), 1)) {
      java.util.concurrent.ExecutorService gallery = service.lane("gallery");
      java.util.concurrent.ExecutorService server = service.lane("server");
      CountDownLatch gate = new CountDownLatch(1);
      CountDownLatch frameDone = new CountDownLatch(1);
      List<String> order = Collections.synchronizedList(new ArrayList<>());
      gallery.execute(() -> {
        try {
          gate.await();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      });
      for (int i = 0; i < 5; i++) {
        int n = i;
        gallery.execute(() -> order.add("gallery " + n));
        server.execute(() -> order.add("server " + n));
      }
      StreamJob camera = service.stream(() -> {
        order.add("frame");
        frameDone.countDown();
      });
      camera.signal(); // the newest frame, queued after ten pieces of two doors
      gate.countDown();
      assertThat(frameDone.await(30, TimeUnit.SECONDS)).isTrue();
      assertThat(order.get(0)).isEqualTo("frame");
      assertThat(camera.close(java.time.Duration.ofSeconds(10))).isTrue();
    }
  }

  private static void awaitWaiting(Thread thread) throws InterruptedException {
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (thread.getState() != Thread.State.TIMED_WAITING && thread.getState() != Thread.State.WAITING) {
      assertThat(System.nanoTime()).as("the closer never waited").isLessThan(end);
      Thread.sleep(5);
    }
  }

  private static Set<String> threadNames() {
    Set<String> names = new HashSet<>();
    Thread.getAllStackTraces().keySet().forEach(t -> names.add(t.getName()));
    return names;
  }
}
