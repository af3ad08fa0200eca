package dev.raut.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The test implementation keeps the app's word too, so presenter tests that rely on it mean something. */
class SameThreadTasksTest {
  private final List<String> heard = new ArrayList<>();

  @Test
  void immediateDoesTheWorkAndItsCallbackInsideTheCall() {
    SameThreadTasks tasks = SameThreadTasks.immediate();
    tasks.run(() -> {
      tasks.onUi(() -> heard.add("progress"));
      return 42;
    }, value -> heard.add("result " + value), error -> heard.add("failed"));
    assertThat(heard).containsExactly("progress", "result 42");
    assertThat(tasks.worksRun()).isEqualTo(1);
    assertThat(tasks.posted()).as("the progress and the result").isEqualTo(2);
  }

  @Test
  void queuedDoesNothingUntilRunAllAndACancelledWorkNeverStarts() {
    SameThreadTasks tasks = SameThreadTasks.queued();
    BackgroundTasks.Cancellable first = tasks.run(() -> "first", heard::add, error -> heard.add("failed"));
    tasks.run(() -> "second", heard::add, error -> heard.add("failed"));
    assertThat(heard).isEmpty();
    assertThat(tasks.pending()).isEqualTo(2);
    first.cancel();
    tasks.runAll();
    assertThat(heard).containsExactly("second");
    assertThat(tasks.worksRun()).isEqualTo(1);
  }

  @Test
  void aDeclinedWorkPostsNothingAndTheOthersDeliverOrFail() {
    SameThreadTasks tasks = SameThreadTasks.queued();
    for (int i = 0; i < 10; i++) {
      int n = i;
      tasks.runOrDecline(() -> n < 7 ? Optional.<Integer>empty() : Optional.of(n), value -> heard.add("piece " + value),
          error -> heard.add("failed"));
    }
    tasks.runOrDecline(() -> {
      throw new IOException("unreadable");
    }, value -> heard.add("delivered"), error -> heard.add("failed " + error.getMessage()));
    assertThat(tasks.runAll()).as("the eleven works, then the three results and the failure").isEqualTo(15);
    assertThat(heard).containsExactly("piece 7", "piece 8", "piece 9", "failed unreadable");
    assertThat(tasks.worksRun()).isEqualTo(11);
    assertThat(tasks.posted()).as("nothing for the seven declined").isEqualTo(4);
  }

  @Test
  void closingDropsWhatIsQueuedAndTakesNoMore() {
    SameThreadTasks tasks = SameThreadTasks.queued();
    tasks.run(() -> "queued", heard::add, error -> heard.add("failed"));
    tasks.close();
    assertThat(tasks.runAll()).isZero();
    SameThreadTasks immediate = SameThreadTasks.immediate();
    immediate.close();
    immediate.run(() -> "late", heard::add, error -> heard.add("failed"));
    assertThat(heard).isEmpty();
    assertThat(immediate.worksRun()).isZero();
  }
}
