package dev.raut.core.convert;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.raut.core.model.ArtifactConverter;
import dev.raut.core.model.FetchException;
import dev.raut.core.model.ModelCard;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Converts a card's face-api weights ({@code *-weights_manifest.json} + uint8-quantised shards) to
 * ONNX: dequantises each tensor with its own scale and min, as TF.js does, and rebuilds the network
 * the card names in {@code conversionGraph} (see {@link FaceApiNetworks}).
 */
public final class FaceApiConverter implements ArtifactConverter {
  private static final String MANIFEST_SUFFIX = "-weights_manifest.json";

  @Override
  public byte[] convert(ModelCard card, Path upstreamDir) throws FetchException {
    String manifest = card.source().files().stream().map(ModelCard.UpstreamFile::fileName)
        .filter(name -> name.endsWith(MANIFEST_SUFFIX)).findFirst()
        .orElseThrow(() -> new FetchException("Model '" + card.id() + "' lists no " + MANIFEST_SUFFIX + " file"));
    try {
      return convert(upstreamDir.resolve(manifest), card.conversionGraph());
    } catch (ConversionException e) {
      throw new FetchException("Rebuilding model '" + card.id() + "' from " + manifest + " failed: " + e.getMessage(), e);
    }
  }

  /** The ONNX bytes of network {@code graph} (a card's {@code conversionGraph}) with the weights of {@code manifest}. */
  public static byte[] convert(Path manifest, String graph) throws ConversionException {
    FaceApiNetworks.Network network = FaceApiNetworks.Network.of(graph);
    JsonNode groups;
    try {
      groups = new ObjectMapper().readTree(manifest.toFile());
    } catch (IOException e) {
      throw new ConversionException("Cannot read weights manifest " + manifest + ": " + e.getMessage(), e);
    }
    if (!groups.isArray() || groups.isEmpty()) {
      throw new ConversionException(manifest + " is not a TF.js weights manifest (a list of weight groups)");
    }
    Map<String, TfTensor> weights = new LinkedHashMap<>();
    for (JsonNode group : groups) {
      TfjsModel.readGroup(manifest.toAbsolutePath().getParent(), group, weights);
    }
    return FaceApiNetworks.build(network, weights);
  }
}
