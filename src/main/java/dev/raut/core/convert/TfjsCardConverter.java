package dev.raut.core.convert;

import dev.raut.core.model.ArtifactConverter;
import dev.raut.core.model.BundledTfjsUnwrapper;
import dev.raut.core.model.FetchException;
import dev.raut.core.model.ModelCard;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Converts a model card's TF.js graph model to ONNX as the card says: which nodes become outputs
 * ({@code conversionOutputs}), whether the batch is dynamic ({@code conversionBatch: "N"}) or fixed,
 * the input's spatial size ({@code conversionInputSize: [h, w]}) and an embedding output
 * ({@code conversionEmbedding}: nodes pooled over H and W and joined into output "embedding";
 * {@code conversionEmbeddingPool}: "mean" or "mean+std"; {@code conversionEmbeddingNormalize}:
 * "none" or "l2-each", each node's pooled vector L2-normalised on its own inside the graph).
 * {@code tfjs-graph-minjs} models are unwrapped from their {@code .min.js} bundles first.
 */
public final class TfjsCardConverter implements ArtifactConverter {
  /** ONNX output name of a card's {@code conversionEmbedding}. */
  public static final String EMBEDDING_OUTPUT = "embedding";

  @Override
  public byte[] convert(ModelCard card, Path upstreamDir) throws FetchException {
    ModelCard.Conversion kind = card.conversionKind();
    if (kind != ModelCard.Conversion.TFJS_GRAPH && kind != ModelCard.Conversion.TFJS_GRAPH_MINJS) {
      throw new FetchException("Model '" + card.id() + "' is not a TF.js graph model (conversion: " + card.conversion() + ")");
    }
    String suffix = kind == ModelCard.Conversion.TFJS_GRAPH ? ".json" : "model.min.js";
    String modelFile = card.source().files().stream().map(ModelCard.UpstreamFile::fileName)
        .filter(name -> name.endsWith(suffix)).findFirst()
        .orElseThrow(() -> new FetchException("Model '" + card.id() + "' lists no " + suffix + " among its upstream files"));
    ConversionOptions options = options(card);
    if (kind == ModelCard.Conversion.TFJS_GRAPH) {
      return convert(card, upstreamDir.resolve(modelFile), options);
    }
    Path work = null;
    try {
      work = Files.createTempDirectory("raut-unwrap");
      Path json = BundledTfjsUnwrapper.unwrap(upstreamDir.resolve(modelFile), work);
      return convert(card, json, options);
    } catch (IOException e) {
      throw new FetchException("Cannot unwrap model '" + card.id() + "': " + e.getMessage(), e);
    } finally {
      deleteQuietly(work);
    }
  }

  /** The converter options a card asks for. */
  public static ConversionOptions options(ModelCard card) {
    ConversionOptions options = ConversionOptions.defaults();
    for (String output : card.conversionOutputs() == null ? List.<String>of() : card.conversionOutputs()) {
      options = options.withOutput(output);
    }
    if (card.conversionEmbedding() != null && !card.conversionEmbedding().isEmpty()) {
      options = options.withPooledOutput(card.conversionEmbedding(), EMBEDDING_OUTPUT, pool(card),
          normalizeEach(card));
    }
    List<Integer> size = card.conversionInputSize();
    if (size != null) {
      if (size.size() != 2) {
        throw new IllegalArgumentException("conversionInputSize of model '" + card.id() + "' must be [height, width]");
      }
      options = options.withInputSize(size.get(0), size.get(1));
    }
    String batch = card.conversionBatch();
    if (ConversionOptions.DYNAMIC_BATCH_NAME.equals(batch)) {
      options = options.withDynamicBatch();
    } else if (batch != null) {
      options = options.withFixedBatch(Integer.parseInt(batch));
    }
    return options;
  }

  /** {@code conversionEmbeddingPool}: "mean" (default) or "mean+std". */
  private static ConversionOptions.Pool pool(ModelCard card) {
    String pool = card.conversionEmbeddingPool();
    if (pool == null || pool.equals("mean")) {
      return ConversionOptions.Pool.MEAN;
    }
    if (pool.equals("mean+std")) {
      return ConversionOptions.Pool.MEAN_STD;
    }
    throw new IllegalArgumentException("conversionEmbeddingPool of model '" + card.id() + "' must be mean or mean+std: "
        + pool);
  }

  /** {@code conversionEmbeddingNormalize}: "none" (default) or "l2-each" (each node's pooled vector on its own). */
  private static boolean normalizeEach(ModelCard card) {
    String normalize = card.conversionEmbeddingNormalize();
    if (normalize == null || normalize.equals("none")) {
      return false;
    }
    if (normalize.equals("l2-each")) {
      return true;
    }
    throw new IllegalArgumentException("conversionEmbeddingNormalize of model '" + card.id()
        + "' must be none or l2-each: " + normalize);
  }

  private static byte[] convert(ModelCard card, Path modelJson, ConversionOptions options) throws FetchException {
    try {
      return TfjsGraphConverter.convert(modelJson, options);
    } catch (ConversionException e) {
      throw new FetchException("Converting " + modelJson.getFileName() + " of model '" + card.id() + "' to ONNX failed: "
          + e.getMessage(), e);
    }
  }

  private static void deleteQuietly(Path dir) {
    if (dir == null) {
      return;
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException ignored) {
      // a leftover temp folder is harmless
    }
  }
}
