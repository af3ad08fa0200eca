package dev.raut.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicBoolean;
import javafx.application.Platform;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The app's {@link BackgroundTasks}: the work off the FX thread, every callback on it, cancel and
 * close keep their word. The FX toolkit is needed here (that is what it hands back to); presenter
 * tests use {@link SameThreadTasks} instead.
 */
@ExtendWith(ApplicationExtension.class)
class BackgroundTasksTest {
  private final BackgroundTasks tasks = BackgroundTasks.ownThreads("raut-test-tasks");
  private final List<String> heard = new CopyOnWriteArrayList<>();

  @Start
  void start(Stage stage) {
    // no window: only the toolkit
  }

  @AfterEach
  void close() {
    tasks.close();
  }

  /** Waits until the FX thread has run everything posted before this call. */
  private static void fxDrained() throws Exception {
    WaitForAsyncUtils.asyncFx(() -> null).get(10, TimeUnit.SECONDS);
  }

  @Test
  void workRunsOffTheFxThreadAndItsResultAndProgressComeBackOnItInOrder() throws Exception {
    CompletableFuture<String> done = new CompletableFuture<>();
    AtomicBoolean workOnFx = new AtomicBoolean(true);
    String[] workThread = new String[1];
    WaitForAsyncUtils.asyncFx(() -> tasks.run(() -> {
      workOnFx.set(Platform.isFxApplicationThread());
      workThread[0] = Thread.currentThread().getName();
      tasks.onUi(() -> heard.add("progress on fx: " + Platform.isFxApplicationThread()));
      return 42;
    }, value -> {
      heard.add("result " + value + " on fx: " + Platform.isFxApplicationThread());
      done.complete("ok");
    }, error -> done.completeExceptionally(error))).get(10, TimeUnit.SECONDS);
    assertThat(done.get(10, TimeUnit.SECONDS)).isEqualTo("ok");
    assertThat(workOnFx).isFalse();
    assertThat(workThread[0]).startsWith("raut-test-tasks-");
    assertThat(heard).containsExactly("progress on fx: true", "result 42 on fx: true");
  }

  @Test
  void aFailureOfAnyKindReachesFailedOnUi() throws Exception {
    CompletableFuture<Throwable> failed = new CompletableFuture<>();
    tasks.run(() -> {
      throw new IOException("disk gone");
    }, value -> failed.complete(null), error -> {
      heard.add("on fx: " + Platform.isFxApplicationThread());
      failed.complete(error);
    });
    assertThat(failed.get(10, TimeUnit.SECONDS)).isInstanceOf(IOException.class).hasMessage("disk gone");
    CompletableFuture<Throwable> error = new CompletableFuture<>();
    tasks.run(() -> {
      throw new UnsatisfiedLinkError("no native library");
    }, value -> error.complete(null), error::complete);
    assertThat(error.get(10, TimeUnit.SECONDS)).as("an Error too: else the page would show running for ever")
        .isInstanceOf(UnsatisfiedLinkError.class);
    assertThat(heard).containsExactly("on fx: true");
  }

  @Test
  void cancelledWorkUnderWayIsNotHeardFromAndCloseWaitsForIt() throws Exception {
    CountDownLatch started = new CountDownLatch(1);
    CountDownLatch proceed = new CountDownLatch(1);
    List<String> order = new CopyOnWriteArrayList<>();
    BackgroundTasks.Cancellable job = tasks.run(() -> {
      started.countDown();
      proceed.await();
      order.add("work ended");
      return "late";
    }, value -> heard.add("result " + value), error -> heard.add("failed " + error));
    assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
    job.cancel();
    assertThat(job.isCancelled()).isTrue();

    CompletableFuture<Void> closing = CompletableFuture.runAsync(() -> {
      tasks.close();
      order.add("closed");
    });
    assertThat(closing).as("close waits for the work under way").isNotDone();
    proceed.countDown();
    closing.get(10, TimeUnit.SECONDS);
    assertThat(order).containsExactly("work ended", "closed");
    fxDrained();
    assertThat(heard).as("nothing of the cancelled work reaches the page").isEmpty();

    AtomicBoolean ranAfterClose = new AtomicBoolean();
    BackgroundTasks.Cancellable refused = tasks.run(() -> ranAfterClose.getAndSet(true), v -> {}, e -> {});
    assertThat(refused.isCancelled()).as("a closed one takes no work").isTrue();
    fxDrained();
    assertThat(ranAfterClose).isFalse();
  }

  @Test
  void declinedWorkIsNeverHeardFromWhileTheBatchAroundItDelivers() throws Exception {
    int pieces = 200;
    CountDownLatch worked = new CountDownLatch(pieces);
    AtomicInteger declinedOnFx = new AtomicInteger();
    CompletableFuture<String> last = new CompletableFuture<>();
    WaitForAsyncUtils.asyncFx(() -> {
      for (int i = 0; i < pieces; i++) {
        int n = i;
        tasks.runOrDecline(() -> {
          worked.countDown();
          return n % 2 == 0 ? Optional.<Integer>empty() : Optional.of(n);
        }, value -> {
          if (value % 2 == 0) {
            declinedOnFx.incrementAndGet();
          }
          heard.add("piece " + value + " on fx: " + Platform.isFxApplicationThread());
        }, error -> heard.add("failed " + error));
      }
      tasks.runOrDecline(() -> {
        throw new IOException("unreadable");
      }, value -> heard.add("delivered a failure"), error -> last.complete(error.getMessage()));
      return null;
    }).get(10, TimeUnit.SECONDS);
    assertThat(worked.await(10, TimeUnit.SECONDS)).isTrue();
    assertThat(last.get(10, TimeUnit.SECONDS)).isEqualTo("unreadable");
    fxDrained();
    assertThat(declinedOnFx).as("no callback for a declined piece").hasValue(0);
    assertThat(heard).as("every piece that had something to deliver, on the FX thread").hasSize(pieces / 2)
        .allMatch(h -> h.endsWith("on fx: true"));
  }

  @Test
  void aCancelledPieceIsNotHeardFromEvenWithSomethingToDeliver() throws Exception {
    CountDownLatch proceed = new CountDownLatch(1);
    CountDownLatch started = new CountDownLatch(1);
    BackgroundTasks.Cancellable job = tasks.runOrDecline(() -> {
      started.countDown();
      proceed.await();
      return Optional.of("late");
    }, value -> heard.add("result " + value), error -> heard.add("failed " + error));
    assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
    job.cancel();
    proceed.countDown();
    tasks.close(); // waits for the work
    fxDrained();
    assertThat(heard).isEmpty();
  }
}
