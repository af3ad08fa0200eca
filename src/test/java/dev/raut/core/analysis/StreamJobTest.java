package dev.raut.core.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Newest wins: signals during a step fold into one more step, steps never overlap, close waits for the one running. */
class StreamJobTest {
  private final ExecutorService threads = Executors.newFixedThreadPool(4);

  @AfterEach
  void stop() {
    threads.shutdownNow();
  }

  @Test
  void signalsWhileAStepRunsFoldIntoOneMoreStep() throws Exception {
    CountDownLatch firstStarted = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    CountDownLatch secondDone = new CountDownLatch(1);
    AtomicInteger steps = new AtomicInteger();
    StreamJob stream = new StreamJob(threads, () -> {
      if (steps.incrementAndGet() == 1) {
        firstStarted.countDown();
        await(release);
      } else {
        secondDone.countDown();
      }
    });
    stream.signal();
    assertThat(firstStarted.await(10, TimeUnit.SECONDS)).isTrue();
    for (int i = 0; i < 50; i++) {
      stream.signal(); // fifty frames while the first is analysed
    }
    release.countDown();
    assertThat(secondDone.await(10, TimeUnit.SECONDS)).isTrue();
    assertThat(stream.close(Duration.ofSeconds(10))).isTrue();
    assertThat(steps).hasValue(2);
  }

  @Test
  void stepsNeverOverlapHoweverOftenItIsSignalled() throws Exception {
    AtomicInteger inside = new AtomicInteger();
    AtomicInteger overlaps = new AtomicInteger();
    AtomicInteger steps = new AtomicInteger();
    StreamJob stream = new StreamJob(threads, () -> {
      if (inside.incrementAndGet() > 1) {
        overlaps.incrementAndGet();
      }
      steps.incrementAndGet();
      Thread.onSpinWait();
      inside.decrementAndGet();
    });
    Thread[] signallers = new Thread[3];
    for (int t = 0; t < signallers.length; t++) {
      signallers[t] = new Thread(() -> {
        for (int i = 0; i < 20_000; i++) {
          stream.signal();
        }
      });
      signallers[t].start();
    }
    for (Thread t : signallers) {
      t.join();
    }
    assertThat(stream.close(Duration.ofSeconds(10))).isTrue(); // a step still queued now never runs
    assertThat(overlaps).hasValue(0);
    assertThat(steps.get()).isBetween(1, 60_000);
  }

  @Test
  void aStepThatFailsDoesNotStopTheStream() throws Exception {
    AtomicInteger steps = new AtomicInteger();
    CountDownLatch second = new CountDownLatch(1);
    StreamJob stream = new StreamJob(threads, () -> {
      if (steps.incrementAndGet() == 1) {
        throw new IllegalStateException("a bug in one frame's analysis");
      }
      second.countDown();
    });
    stream.signal();
    while (steps.get() == 0) {
      Thread.onSpinWait();
    }
    stream.signal(); // the next frame
    assertThat(second.await(10, TimeUnit.SECONDS)).isTrue();
    assertThat(stream.close(Duration.ofSeconds(10))).isTrue();
  }

  @Test
  void closeWaitsForTheStepUnderWayAndNoStepRunsAfterIt() throws Exception {
    CountDownLatch started = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    AtomicInteger steps = new AtomicInteger();
    StreamJob stream = new StreamJob(threads, () -> {
      steps.incrementAndGet();
      started.countDown();
      await(release);
    });
    stream.signal();
    assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
    // a step is inside (a native call, say): close does not return while it runs
    assertThat(stream.close(Duration.ofMillis(100))).isFalse();
    release.countDown();
    assertThat(stream.close(Duration.ofSeconds(10))).isTrue();
    stream.signal();
    threads.shutdown();
    assertThat(threads.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
    assertThat(steps).hasValue(1);
  }

  @Test
  void aStreamOnAClosedServiceIsSignalledWithoutFailing() throws Exception {
    AnalysisService service = AnalysisService.over(Engine.openDefault(), 1);
    StreamJob stream = service.stream(() -> { });
    service.close();
    stream.signal(); // the threads have stopped: nothing runs, nothing throws
    assertThat(stream.close(Duration.ofSeconds(1))).isTrue();
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
