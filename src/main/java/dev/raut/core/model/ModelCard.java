package dev.raut.core.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * What Raut knows about one model: where it comes from (registry, exact version, file hashes),
 * how it is turned into the artifact Raut loads, how to feed it and how to read its output.
 * One JSON file per model in the repository's {@code models/} folder.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ModelCard(
    String id,
    String name,
    String task,
    String description,
    Source source,
    String conversion,
    String conversionBatch,
    List<String> conversionOutputs,
    List<Integer> conversionInputSize,
    List<String> conversionEmbedding,
    String conversionEmbeddingPool,
    String conversionEmbeddingNormalize,
    String conversionGraph,
    Artifact artifact,
    JsonNode input,
    JsonNode output,
    List<String> labels,
    String license,
    String citation) {

  /** How the artifact is produced from the upstream files. */
  public enum Conversion {
    /** The upstream file is used as it is. */
    NONE,
    /** A TF.js graph model converted to ONNX by Raut's own converter. */
    TFJS_GRAPH,
    /**
     * A TF.js graph model shipped as browserify-wrapped {@code .min.js} files (model JSON as a JS
     * object literal, each weight shard as a base64 string), as nsfwjs does: unwrapped by
     * {@link BundledTfjsUnwrapper}, then converted like {@link #TFJS_GRAPH}.
     */
    TFJS_GRAPH_MINJS,
    /**
     * Bare TF.js weights (a {@code -weights_manifest.json} and its shards) whose network is defined
     * in code, as face-api ships them: rebuilt by the graph the card names in {@code conversionGraph}.
     */
    FACE_API_WEIGHTS;

    static Conversion of(String value) {
      return value == null ? NONE : valueOf(value.toUpperCase().replace('-', '_'));
    }
  }

  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Source(String registry, String packageName, String version, List<UpstreamFile> files) {
    @com.fasterxml.jackson.annotation.JsonCreator
    public Source(
        @com.fasterxml.jackson.annotation.JsonProperty("registry") String registry,
        @com.fasterxml.jackson.annotation.JsonProperty("package") String packageName,
        @com.fasterxml.jackson.annotation.JsonProperty("version") String version,
        @com.fasterxml.jackson.annotation.JsonProperty("files") List<UpstreamFile> files) {
      this.registry = registry;
      this.packageName = packageName;
      this.version = version;
      this.files = List.copyOf(files);
    }

    /** "name@version" for npm, "group:artifact:type:classifier:version" style for Maven. */
    public String coordinates() {
      return "maven".equals(registry) ? packageName + ":" + version : packageName + "@" + version;
    }
  }

  @JsonIgnoreProperties(ignoreUnknown = true)
  public record UpstreamFile(String path, long size, String sha256) {
    public String fileName() {
      return path.substring(path.lastIndexOf('/') + 1);
    }
  }

  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Artifact(String file, String sha256) {}

  public Conversion conversionKind() {
    return Conversion.of(conversion);
  }
}
