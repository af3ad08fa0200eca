package dev.raut.core.convert;

import dev.raut.core.model.ArtifactConverter;
import dev.raut.core.model.FetchException;
import dev.raut.core.model.ModelCard;
import java.nio.file.Path;

/**
 * Converts a model card's TF.js graph model to ONNX as the card says: which nodes become outputs
 * ({@code conversionOutputs}) and whether the batch is dynamic ({@code conversionBatch: "N"}) or fixed.
 */
public final class TfjsCardConverter implements ArtifactConverter {
  @Override
  public byte[] convert(ModelCard card, Path upstreamDir) throws FetchException {
    if (card.conversionKind() != ModelCard.Conversion.TFJS_GRAPH) {
      throw new FetchException("Model '" + card.id() + "' is not a TF.js graph model (conversion: " + card.conversion() + ")");
    }
    String modelJson = card.source().files().stream().map(ModelCard.UpstreamFile::fileName)
        .filter(name -> name.endsWith(".json")).findFirst()
        .orElseThrow(() -> new FetchException("Model '" + card.id() + "' lists no model.json among its upstream files"));
    ConversionOptions options = ConversionOptions.defaults();
    for (String output : card.conversionOutputs() == null ? java.util.List.<String>of() : card.conversionOutputs()) {
      options = options.withOutput(output);
    }
    String batch = card.conversionBatch();
    if (ConversionOptions.DYNAMIC_BATCH_NAME.equals(batch)) {
      options = options.withDynamicBatch();
    } else if (batch != null) {
      options = options.withFixedBatch(Integer.parseInt(batch));
    }
    try {
      return TfjsGraphConverter.convert(upstreamDir.resolve(modelJson), options);
    } catch (ConversionException e) {
      throw new FetchException("Converting " + modelJson + " of model '" + card.id() + "' to ONNX failed: " + e.getMessage(), e);
    }
  }
}
