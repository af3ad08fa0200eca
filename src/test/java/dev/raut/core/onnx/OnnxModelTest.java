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
}
