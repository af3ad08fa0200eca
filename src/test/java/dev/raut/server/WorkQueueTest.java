package dev.raut.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class WorkQueueTest {
  /** Work that, like a native ONNX Runtime call, does not stop when its thread is interrupted. */
  private static void uninterruptibly(CountDownLatch release) {
    boolean interrupted = false;
    while (true) {
      try {
        release.await();
        break;
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  @Test
  void closeWaitsForTheAnalysisInProgressAndRefusesWhatWaits() throws Exception {
    closesLikeAServerShould(new WorkQueue(1, 1));
  }

  @Test
  void onAnAnalysisServicesThreadsCloseDoesTheSameAndLeavesTheThreadsServing() throws Exception {
    java.util.concurrent.ExecutorService service = java.util.concurrent.Executors.newSingleThreadExecutor();
    try {
      closesLikeAServerShould(new WorkQueue(service, 1, 1));
      // the app's gallery goes on analysing on those threads after its server was switched off
      assertEquals("still serving", service.submit(() -> "still serving").get(10, TimeUnit.SECONDS));
    } finally {
      service.shutdownNow();
    }
  }

  private static void closesLikeAServerShould(WorkQueue queue) throws Exception {
    CountDownLatch inside = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    AtomicBoolean finished = new AtomicBoolean();
    AtomicBoolean waitingRan = new AtomicBoolean();
    CompletableFuture<Void> running = CompletableFuture.runAsync(() -> {
      try (WorkQueue.Ticket ticket = queue.tryEnter()) {
        ticket.run(() -> {
          inside.countDown();
          uninterruptibly(release);
          finished.set(true);
          return null;
        });
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });
    assertTrue(inside.await(10, TimeUnit.SECONDS));
    WorkQueue.Ticket second = queue.tryEnter();
    CompletableFuture<Void> waiting = CompletableFuture.runAsync(() -> {
      try {
        second.run(() -> waitingRan.getAndSet(true));
      } catch (Exception e) {
        // refused or cancelled: what a closing server does with work that has not started
      } finally {
        second.close();
      }
    });
    assertEquals(1, queue.load().busy());
    CompletableFuture<Boolean> closing = CompletableFuture.supplyAsync(() -> queue.closeWithin(java.time.Duration.ofSeconds(20)));
    // close may not return while the first analysis is still inside its model
    assertFalse(awaitQuietly(closing, 300), "close returned while an analysis was running");
    assertFalse(finished.get());
    release.countDown();
    assertTrue(closing.get(20, TimeUnit.SECONDS));
    assertTrue(finished.get());
    running.get(10, TimeUnit.SECONDS);
    waiting.get(10, TimeUnit.SECONDS);
    assertFalse(waitingRan.get(), "work still waiting ran after close");
  }

  private static boolean awaitQuietly(CompletableFuture<?> future, long millis) {
    try {
      future.get(millis, TimeUnit.MILLISECONDS);
      return true;
    } catch (java.util.concurrent.TimeoutException e) {
      return false;
    } catch (Exception e) {
      return true;
    }
  }
}
