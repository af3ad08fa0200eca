package dev.raut.core.convert;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.raut.core.model.ModelStore;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Converted models must match the TF.js originals (fixtures from tools/tfjs-fixtures). */
class TfjsGraphConverterParityTest {
  private static final double TOLERANCE = 1e-4;
  private static final ConversionOptions EMOTION = ConversionOptions.defaults().withDynamicBatch();
  private static final ConversionOptions CENTERNET = ConversionOptions.defaults()
      .withOutput("tower_0/keypoints").withOutput("tower_0/wh").withFixedBatch(1);

  @Test
  void emotionMatchesTfjs() throws Exception {
    JsonNode expected = fixture("emotion-expected.json");
    JsonNode inputs = expected.path("inputs");
    float[] batch = new float[inputs.size() * 64 * 64];
    for (int i = 0; i < inputs.size(); i++) {
      float[] image = ParityInputs.emotionImage(inputs.get(i).get(0).asText(), inputs.get(i).get(1).asInt());
      System.arraycopy(image, 0, batch, i * image.length, image.length);
    }
    byte[] onnx = TfjsGraphConverter.convert(upstream("emotion", "emotion.json"), EMOTION);
    Map<String, float[]> actual = OnnxOutputs.run(onnx, "input_1", batch, new long[] {inputs.size(), 64, 64, 1});
    assertMatches(expected.path("outputs").path("Identity"), actual.get("Identity"), "Identity");
  }

  @Test
  void centernetMatchesTfjs() throws Exception {
    JsonNode expected = fixture("centernet-expected.json");
    float[] image = ParityInputs.centernetImage(expected.path("seed").asInt());
    byte[] onnx = TfjsGraphConverter.convert(upstream("objects", "centernet.json"), CENTERNET);
    Map<String, float[]> actual = OnnxOutputs.run(onnx, "tower_0/images", image, new long[] {1, 512, 512, 3});
    for (String output : new String[] {"tower_0/keypoints", "tower_0/wh"}) {
      assertMatches(expected.path("outputs").path(output), actual.get(output), output);
    }
  }

  /** Same input, same bytes; also prints the SHA-256 (the model card records it) for the test options. */
  @Test
  void conversionIsDeterministic() throws Exception {
    Path emotion = upstream("emotion", "emotion.json");
    byte[] emotionOnnx = TfjsGraphConverter.convert(emotion, EMOTION);
    assertArrayEquals(emotionOnnx, TfjsGraphConverter.convert(emotion, EMOTION));
    Path centernet = upstream("objects", "centernet.json");
    byte[] centernetOnnx = TfjsGraphConverter.convert(centernet, CENTERNET);
    assertArrayEquals(centernetOnnx, TfjsGraphConverter.convert(centernet, CENTERNET));
    System.out.println("emotion.onnx sha256=" + sha256(emotionOnnx) + " bytes=" + emotionOnnx.length);
    System.out.println("objects.onnx sha256=" + sha256(centernetOnnx) + " bytes=" + centernetOnnx.length);
  }

  @Test
  void unsupportedOpIsRejectedWithOpAndNodeName(@TempDir Path dir) throws Exception {
    Path json = dir.resolve("model.json");
    Files.writeString(json, """
        {"format": "graph-model", "modelTopology": {"node": [
          {"name": "x", "op": "Placeholder", "attr": {"dtype": {"type": "DT_FLOAT"},
            "shape": {"shape": {"dim": [{"size": "-1"}, {"size": "8"}]}}}},
          {"name": "head/gelu_erf", "op": "Erf", "input": ["x"], "attr": {"T": {"type": "DT_FLOAT"}}}
        ]}, "weightsManifest": []}
        """);
    UnsupportedOpException e = assertThrows(UnsupportedOpException.class,
        () -> TfjsGraphConverter.convert(json, ConversionOptions.defaults()));
    assertTrue(e.getMessage().contains("Erf") && e.getMessage().contains("head/gelu_erf"), e.getMessage());
    assertEquals("Erf", e.opType());
    assertEquals("head/gelu_erf", e.nodeName());
  }

  @Test
  void truncatedWeightsShardIsReportedByFileName(@TempDir Path dir) throws Exception {
    Path json = Files.copy(upstream("emotion", "emotion.json"), dir.resolve("emotion.json"));
    byte[] weights = Files.readAllBytes(upstream("emotion", "emotion.bin"));
    Files.write(dir.resolve("emotion.bin"), Arrays.copyOf(weights, weights.length / 2));
    ConversionException e = assertThrows(ConversionException.class,
        () -> TfjsGraphConverter.convert(json, EMOTION));
    assertTrue(e.getMessage().contains("emotion.bin") && e.getMessage().contains("truncated"), e.getMessage());
  }

  @Test
  void missingWeightsShardIsReportedByFileName(@TempDir Path dir) throws Exception {
    Path json = Files.copy(upstream("emotion", "emotion.json"), dir.resolve("emotion.json"));
    ConversionException e = assertThrows(ConversionException.class,
        () -> TfjsGraphConverter.convert(json, EMOTION));
    assertTrue(e.getMessage().contains("emotion.bin") && e.getMessage().contains("missing"), e.getMessage());
  }

  private static String sha256(byte[] bytes) throws java.security.NoSuchAlgorithmException {
    return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(bytes));
  }

  /** The build's fetch step guarantees the upstream files, so a missing one is a failure, not a skip. */
  private static Path upstream(String modelId, String file) {
    Path path = ModelStore.defaultStore().upstreamFile(modelId, file);
    assertTrue(Files.isRegularFile(path), "Upstream model file missing: " + path + " (run the model fetch step)");
    return path;
  }

  private static JsonNode fixture(String name) throws IOException {
    try (InputStream in = TfjsGraphConverterParityTest.class.getResourceAsStream(name)) {
      assertTrue(in != null, "missing test fixture " + name);
      return new ObjectMapper().readTree(in);
    }
  }

  /**
   * Compares every stride-th value and the whole-tensor mean and max with the TF.js reference.
   * The tolerance is absolute for values up to 1 and relative above: CenterNet's wh output is in
   * pixels (up to ~300), where float32 summation order alone moves results by a few 1e-4.
   */
  private static void assertMatches(JsonNode expected, float[] actual, String output) {
    long size = 1;
    for (JsonNode d : expected.path("shape")) {
      size *= d.asLong();
    }
    assertEquals(size, actual.length, output + " size");
    int stride = expected.path("stride").asInt();
    JsonNode values = expected.path("values");
    double maxDiff = 0;
    double maxScaledDiff = 0;
    for (int i = 0; i < values.size(); i++) {
      double diff = Math.abs(values.get(i).asDouble() - actual[i * stride]);
      maxDiff = Math.max(maxDiff, diff);
      maxScaledDiff = Math.max(maxScaledDiff, diff / Math.max(1, Math.abs(values.get(i).asDouble())));
    }
    double sum = 0;
    double max = Double.NEGATIVE_INFINITY;
    for (float v : actual) {
      sum += v;
      max = Math.max(max, v);
    }
    System.out.printf("%s: over %d sampled values max |onnx - tfjs| = %.3g, max |diff| / max(1, |tfjs|) = %.3g%n",
        output, values.size(), maxDiff, maxScaledDiff);
    assertTrue(maxScaledDiff <= TOLERANCE, output + ": max scaled difference " + maxScaledDiff);
    double expectedMean = expected.path("mean").asDouble();
    double expectedMax = expected.path("max").asDouble();
    assertEquals(expectedMean, sum / actual.length, TOLERANCE * Math.max(1, Math.abs(expectedMean)), output + " mean");
    assertEquals(expectedMax, max, TOLERANCE * Math.max(1, Math.abs(expectedMax)), output + " max");
  }
}
