package dev.raut.core.convert;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.raut.core.model.ModelCard;
import dev.raut.core.model.ModelCatalog;
import dev.raut.core.model.ModelStore;
import dev.raut.core.model.Sha256;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** face-api's networks rebuilt as ONNX must match face-api itself (fixtures from tools/face-api-fixtures). */
class FaceApiConverterParityTest {
  private static final double TOLERANCE = 1e-4;

  @ParameterizedTest
  @ValueSource(strings = {"face-expression", "face-age-gender", "face-landmark-68", "face-landmark-68-tiny",
      "face-recognition"})
  void matchesFaceApiAndTheCardsHash(String modelId) throws Exception {
    ModelCard card = ModelCatalog.defaults().get(modelId);
    JsonNode fixture = fixture();
    JsonNode expected = fixture.path("outputs").path(card.conversionGraph());
    int side = FaceApiNetworks.Network.of(card.conversionGraph()).side;
    JsonNode seeds = fixture.path("seeds");
    float[] batch = new float[seeds.size() * side * side * 3];
    for (int i = 0; i < seeds.size(); i++) {
      float[] image = ParityInputs.faceImage(seeds.get(i).asInt(), side);
      System.arraycopy(image, 0, batch, i * image.length, image.length);
    }
    byte[] onnx = new FaceApiConverter().convert(card, upstreamDir(card));
    assertEquals(card.artifact().sha256(), Sha256.of(onnx), modelId + ": converted bytes differ from the card's hash");
    Map<String, float[]> actual = OnnxOutputs.run(onnx, FaceApiNetworks.INPUT, batch, new long[] {seeds.size(), side, side, 3});
    assertEquals(expected.size(), actual.size(), modelId + " outputs");
    expected.fields().forEachRemaining(e -> assertClose(e.getValue(), actual.get(e.getKey()), modelId + "/" + e.getKey()));
  }

  @Test
  void conversionIsDeterministic() throws Exception {
    ModelCard card = ModelCatalog.defaults().get(ModelCatalog.FACE_EXPRESSION);
    FaceApiConverter converter = new FaceApiConverter();
    assertArrayEquals(converter.convert(card, upstreamDir(card)), converter.convert(card, upstreamDir(card)));
  }

  /** Weights of one network under another's graph must be refused, not half-used. */
  @Test
  void weightsOfAnotherNetworkAreRefused() {
    ModelCard landmarks = ModelCatalog.defaults().get(ModelCatalog.FACE_LANDMARK_68_TINY);
    Path manifest = upstreamDir(landmarks).resolve("face_landmark_68_tiny_model-weights_manifest.json");
    ConversionException e = assertThrows(ConversionException.class,
        () -> FaceApiConverter.convert(manifest, "face-expression"));
    assertTrue(e.getMessage().contains("dense"), e.getMessage());
  }

  @Test
  void truncatedShardIsReportedByFileName(@TempDir Path dir) throws Exception {
    ModelCard card = ModelCatalog.defaults().get(ModelCatalog.FACE_EXPRESSION);
    Path source = upstreamDir(card);
    Path manifest = Files.copy(source.resolve("face_expression_model-weights_manifest.json"),
        dir.resolve("face_expression_model-weights_manifest.json"));
    byte[] bin = Files.readAllBytes(source.resolve("face_expression_model.bin"));
    Files.write(dir.resolve("face_expression_model.bin"), java.util.Arrays.copyOf(bin, bin.length - 100));
    ConversionException e = assertThrows(ConversionException.class,
        () -> FaceApiConverter.convert(manifest, "face-expression"));
    assertTrue(e.getMessage().contains("face_expression_model.bin") && e.getMessage().contains("truncated"), e.getMessage());
  }

  /** The build's fetch step guarantees the upstream files, so a missing one is a failure, not a skip. */
  private static Path upstreamDir(ModelCard card) {
    Path dir = ModelStore.defaultStore().modelDir(card.id()).resolve("upstream");
    for (ModelCard.UpstreamFile file : card.source().files()) {
      assertTrue(Files.isRegularFile(dir.resolve(file.fileName())), "Upstream file missing: " + dir.resolve(file.fileName())
          + " (run the model fetch step)");
    }
    return dir;
  }

  private static JsonNode fixture() throws Exception {
    try (InputStream in = FaceApiConverterParityTest.class.getResourceAsStream("face-api-expected.json")) {
      assertTrue(in != null, "missing test fixture face-api-expected.json");
      return new ObjectMapper().readTree(in);
    }
  }

  /** Absolute tolerance up to 1, relative above (age is in years). */
  private static void assertClose(JsonNode expected, float[] actual, String what) {
    assertTrue(actual != null, what + " missing from the ONNX outputs");
    assertEquals(expected.size(), actual.length, what + " size");
    double worst = 0;
    for (int i = 0; i < actual.length; i++) {
      double e = expected.get(i).asDouble();
      worst = Math.max(worst, Math.abs(e - actual[i]) / Math.max(1, Math.abs(e)));
    }
    System.out.printf("%s: max |onnx - face-api| / max(1, |face-api|) = %.3g over %d values%n", what, worst, actual.length);
    assertTrue(worst <= TOLERANCE, what + ": max scaled difference " + worst);
  }
}
