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
  void aModelThatCannotLoadIsALoadError() throws Exception {
    assertThrows(ModelLoadException.class, () -> OnnxModel.load(new byte[] {1, 2, 3}, "broken", 1));
  }
}
