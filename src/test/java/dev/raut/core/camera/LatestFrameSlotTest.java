package dev.raut.core.camera;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class LatestFrameSlotTest {
  @Test
  void aNewerFrameReplacesOneNotYetTakenAndBuffersCycleWithoutAllocation() throws Exception {
    LatestFrameSlot slot = new LatestFrameSlot();
    Frame capture = slot.firstCaptureBuffer();
    Frame worker = slot.firstWorkerBuffer();
    Set<Frame> seen = new HashSet<>(Set.of(capture, worker));
    capture.index = 1;
    Frame next = slot.publish(capture, false);
    next.index = 2;
    Frame afterDrop = slot.publish(next, false); // frame 1 was never taken: it is dropped and reused
    assertThat(afterDrop).isSameAs(capture);
    assertThat(slot.dropped()).isEqualTo(1);
    Frame taken = slot.take(worker, 0);
    assertThat(taken.index).isEqualTo(2);
    assertThat(slot.take(taken, 0)).isNull(); // nothing newer: no frame is served twice
    seen.add(next);
    seen.add(afterDrop);
    assertThat(seen).hasSize(3);
    slot.close();
    assertThat(slot.publish(afterDrop, false)).isNull();
    slot.releaseBuffers();
  }

  @Test
  void backPressureWaitsForTheWorkerInsteadOfDropping() throws Exception {
    LatestFrameSlot slot = new LatestFrameSlot();
    Frame capture = slot.publish(slot.firstCaptureBuffer(), true);
    Thread worker = new Thread(() -> {
      try {
        Thread.sleep(200);
        slot.take(slot.firstWorkerBuffer(), 1000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });
    worker.start();
    long start = System.nanoTime();
    slot.publish(capture, true);
    assertThat(System.nanoTime() - start).isGreaterThan(150_000_000L);
    assertThat(slot.dropped()).isZero();
    worker.join();
    slot.close();
    slot.releaseBuffers();
  }
}
