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
import dev.raut.core.onnx.OnnxModel;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The teach backbones, converted exactly as their cards say (input size, mean- or mean+std-pooled
 * embedding output, per-block L2 normalisation, .min.js unwrapping), must match TF.js's CPU backend (fixtures from tools/tfjs-fixtures)
 * and give the bytes the cards pin.
 */
class BackboneConversionParityTest {
  private static final double TOLERANCE = 1e-4;

  @ParameterizedTest
  @ValueSource(strings = {ModelCatalog.EMBED_MOBILENET_V3, ModelCatalog.EMBED_MOBILENET_V2,
      ModelCatalog.EMBED_MOBILENET_V3_TEXTURE})
  void embeddingMatchesTfjsAndTheCardsHash(String id) throws Exception {
    ModelCard card = ModelCatalog.defaults().get(id);
    Path upstream = ModelStore.defaultStore().modelDir(id).resolve("upstream");
    for (ModelCard.UpstreamFile file : card.source().files()) {
      assertTrue(Files.isRegularFile(upstream.resolve(file.fileName())), "run 'raut models fetch': missing " + file);
    }
    byte[] onnx = new TfjsCardConverter().convert(card, upstream);

    JsonNode fixture = fixture();
    JsonNode expected = fixture.path(id);
    int n = fixture.path("seeds").size();
    int dim = expected.path("shape").get(1).asInt();
    double scale = card.input().path("normalization").asText().startsWith("0..1") ? 1 : 255;
    float[] batch = new float[n * 224 * 224 * 3];
    for (int i = 0; i < n; i++) {
      float[] image = ParityInputs.backboneImage(fixture.path("seeds").get(i).asInt(), scale);
      System.arraycopy(image, 0, batch, i * image.length, image.length);
    }
    try (OnnxModel model = OnnxModel.load(onnx, id, 1)) {
      assertEquals(TfjsCardConverter.EMBEDDING_OUTPUT, model.outputNames().get(0));
      assertArrayEquals(new long[] {-1, 224, 224, 3}, model.inputShape());
      float[] actual = model.run(batch, new long[] {n, 224, 224, 3})[0];
      assertEquals(n * dim, actual.length);
      double worst = 0;
      for (int i = 0; i < actual.length; i++) {
        worst = Math.max(worst, Math.abs(actual[i] - expected.path("values").get(i).asDouble()));
      }
      System.out.printf("%s: %d-D, max abs difference vs TF.js %.2e%n", id, dim, worst);
      assertTrue(worst <= TOLERANCE, id + ": max abs difference " + worst);
    }
    assertEquals(card.artifact().sha256(), Sha256.of(onnx), "converted bytes differ from the card's SHA-256");
  }

  /** The nsfwjs graph's own AvgPool + Squeeze feature vector equals the pooled Conv_1 the card converts. */
  @Test
  void pooledConvEqualsTheGraphsOwnFeatureVector() throws Exception {
    JsonNode fixture = fixture();
    JsonNode pooled = fixture.path(ModelCatalog.EMBED_MOBILENET_V2).path("values");
    JsonNode own = fixture.path("embed-mobilenet-v2-feature-vector").path("values");
    assertEquals(own.size(), pooled.size());
    for (int i = 0; i < own.size(); i++) {
      assertEquals(own.get(i).asDouble(), pooled.get(i).asDouble(), 1e-5);
    }
  }

  @Test
  void pooledOutputRefusesUnknownNodes() throws Exception {
    Path json = ModelStore.defaultStore().upstreamFile(ModelCatalog.EMBED_MOBILENET_V3, "centernet.json");
    ConversionException e = assertThrows(ConversionException.class, () -> TfjsGraphConverter.convert(json,
        ConversionOptions.defaults().withPooledOutput(java.util.List.of("no/such/node"), "embedding")));
    assertTrue(e.getMessage().contains("no/such/node"), e.getMessage());
  }

  /** The texture card's four [mean, std] blocks (32, 64, 88, 120 channels, doubled) each have unit length. */
  @Test
  void textureBlocksAreEachUnitLength() throws Exception {
    JsonNode values = fixture().path(ModelCatalog.EMBED_MOBILENET_V3_TEXTURE).path("values");
    int[] widths = {64, 128, 176, 240};
    for (int photo = 0; photo < 2; photo++) {
      int at = photo * 608;
      for (int w : widths) {
        double s = 0;
        for (int j = at; j < at + w; j++) {
          s += values.get(j).asDouble() * values.get(j).asDouble();
        }
        assertEquals(1, Math.sqrt(s), 1e-5);
        at += w;
      }
      assertEquals((photo + 1) * 608, at);
    }
  }

  @Test
  void meanStdDoublesTheChannels() throws Exception {
    Path json = ModelStore.defaultStore().upstreamFile(ModelCatalog.EMBED_MOBILENET_V3, "centernet.json");
    byte[] onnx = TfjsGraphConverter.convert(json, ConversionOptions.defaults().withInputSize(224, 224).withDynamicBatch()
        .withPooledOutput(java.util.List.of("tower_0/MobilenetV3/expanded_conv_5/add"), "e",
            ConversionOptions.Pool.MEAN_STD, true));
    try (OnnxModel model = OnnxModel.load(onnx, "texture-5", 1)) {
      assertArrayEquals(new long[] {-1, 64}, model.outputShape(0));
    }
  }

  private static JsonNode fixture() throws Exception {
    try (InputStream in = BackboneConversionParityTest.class.getResourceAsStream("backbones-expected.json")) {
      assertTrue(in != null, "missing fixture backbones-expected.json");
      return new ObjectMapper().readTree(in);
    }
  }
}
