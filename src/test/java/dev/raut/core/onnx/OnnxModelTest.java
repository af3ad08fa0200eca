package dev.raut.core.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.raut.testing.TinyClassifier;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OnnxModelTest {
  @TempDir Path dir;

  @Test
  void aFailedRunIsAnInferenceErrorAndTheSessionStaysUsable() throws Exception {
    try (OnnxModel model = OnnxModel.load(TinyClassifier.writeOnnx(dir, 3), "colours", 1)) {
      // 2 channels where the model reads 3: ONNX Runtime refuses this input, not the model
      InferenceException e = assertThrows(InferenceException.class,
          () -> model.run(new float[2 * 8 * 8], new long[] {1, 2, 8, 8}));
      assertTrue(e.getMessage().startsWith("Running colours failed"), e.getMessage());
      float[] red = new float[3 * 8 * 8];
      java.util.Arrays.fill(red, 0, 64, 1f);
      float[] scores = model.run(red, new long[] {1, 3, 8, 8})[0];
      assertEquals(10f, scores[0], 1e-5);
      assertEquals(0f, scores[1], 1e-5);
    }
  }

  @Test
  void aThreadsInputBufferIsReusedAndReadInPlace() throws Exception {
    try (OnnxModel model = OnnxModel.load(TinyClassifier.writeOnnx(dir, 3), "colours", 1)) {
      java.nio.ByteBuffer first = model.inputBuffer(3 * 8 * 8);
      java.nio.FloatBuffer floats = first.asFloatBuffer();
      for (int i = 0; i < 64; i++) {
        floats.put(64 + i, 1f); // all green
      }
      float[] scores = model.run(first, new long[] {1, 3, 8, 8})[0];
      assertEquals(10f, scores[1], 1e-5);
      assertEquals(0f, scores[0], 1e-5);
      // the same memory next time on this thread, holding what was written: nothing is allocated per run
      java.nio.ByteBuffer second = model.inputBuffer(3 * 8 * 8);
      assertTrue(second == first, "the same buffer");
      assertEquals(1f, second.asFloatBuffer().get(64), 0);
      // another thread gets its own, so two threads never write one tensor
      java.nio.ByteBuffer[] other = new java.nio.ByteBuffer[1];
      Thread thread = new Thread(() -> other[0] = model.inputBuffer(3 * 8 * 8));
      thread.start();
      thread.join();
      assertTrue(other[0] != first, "another thread's buffer");
    }
  }

  @Test
  void anArrayThatDoesNotFillTheShapeIsRefusedNotPaddedWithAnEarlierInput() throws Exception {
    try (OnnxModel model = OnnxModel.load(TinyClassifier.writeOnnx(dir, 3), "colours", 1)) {
      model.run(new float[3 * 8 * 8], new long[] {1, 3, 8, 8});
      InferenceException e = assertThrows(InferenceException.class,
          () -> model.run(new float[3 * 8 * 4], new long[] {1, 3, 8, 8}));
      assertTrue(e.getMessage().startsWith("Running colours failed"), e.getMessage());
    }
  }

  @Test
  void aModelThatCannotLoadIsALoadError() throws Exception {
    assertThrows(ModelLoadException.class, () -> OnnxModel.load(new byte[] {1, 2, 3}, "broken", 1));
  }

  @Test
  void aClosedModelRefusesRunsInsteadOfReachingFreedMemory() throws Exception {
    OnnxModel model = OnnxModel.load(TinyClassifier.writeOnnx(dir, 3), "colours", 1);
    model.run(new float[3 * 8 * 8], new long[] {1, 3, 8, 8});
    model.close();
    model.close(); // a second close does nothing
    assertTrue(!model.isOpen());
    ModelLoadException e = assertThrows(ModelLoadException.class,
        () -> model.run(new float[3 * 8 * 8], new long[] {1, 3, 8, 8}));
    assertTrue(e.getMessage().contains("colours"), e.getMessage());
  }

  @Test
  void closingWhenIdleLetsRunsInProgressFinishAndRefusesNewOnes() throws Exception {
    OnnxModel model = OnnxModel.load(TinyClassifier.writeOnnx(dir, 3), "colours", 1);
    int threads = 4;
    java.util.concurrent.CyclicBarrier start = new java.util.concurrent.CyclicBarrier(threads + 1);
    java.util.concurrent.atomic.AtomicInteger finished = new java.util.concurrent.atomic.AtomicInteger();
    java.util.concurrent.atomic.AtomicInteger refused = new java.util.concurrent.atomic.AtomicInteger();
    java.util.List<Throwable> other = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
    java.util.List<Thread> runners = new java.util.ArrayList<>();
    for (int t = 0; t < threads; t++) {
      Thread runner = new Thread(() -> {
        float[] red = new float[3 * 8 * 8];
        java.util.Arrays.fill(red, 0, 64, 1f);
        try {
          start.await();
          while (true) {
            float[] scores = model.run(red, new long[] {1, 3, 8, 8})[0];
            if (Math.abs(scores[0] - 10f) > 1e-5) {
              throw new AssertionError("a run read a wrong answer: " + scores[0]);
            }
            finished.incrementAndGet();
          }
        } catch (ModelLoadException closed) {
          refused.incrementAndGet();
        } catch (Throwable e) {
          other.add(e);
        }
      });
      runner.start();
      runners.add(runner);
    }
    start.await();
    while (finished.get() < 200) {
      Thread.onSpinWait();
    }
    // the runners are inside the model, or between two runs, at this moment: none may be cut off
    model.closeWhenIdle();
    for (Thread runner : runners) {
      runner.join(30_000);
    }
    assertTrue(other.isEmpty(), () -> "failures other than a refusal: " + other);
    assertEquals(threads, refused.get(), "every runner was refused once the model was closing");
    assertTrue(!model.isOpen());
  }
}
