package dev.raut.server;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.raut.core.analysis.Engine;
import dev.raut.core.classify.ClassifierLibrary;
import dev.raut.core.classify.OnnxImageClassifier;
import dev.raut.core.model.ModelCard;
import dev.raut.core.model.ModelCatalog;
import dev.raut.core.model.ModelFetcher;
import java.nio.file.Path;
import java.util.List;

/**
 * The {@code data} of {@code GET /v1/models}: the default models and their cache state, the
 * classifier this server runs and what it looks at, the classifiers in the user's library, what
 * {@code /prediction} answers, and the upload limits (the web page reads them to refuse files
 * before sending them).
 */
@JsonPropertyOrder({"prediction", "models", "classifier", "library", "upload"})
record ModelsInfo(String prediction, List<Model> models, Classifier classifier, List<LibraryEntry> library,
    Upload upload) {

  @JsonPropertyOrder({"id", "name", "task", "license", "state"})
  record Model(String id, String name, String task, String license, String state) {}

  /**
   * {@code scope}: image (answers in {@code classes}) or face (answers in {@code faces[].classes});
   * {@code id}: its id in the library when it is an imported one, else null.
   */
  @JsonPropertyOrder({"id", "name", "scope", "labels"})
  record Classifier(String id, String name, String scope, List<String> labels) {}

  /**
   * An imported classifier: {@code /v1/analyze?classifier=ID} uses it, as does
   * {@code raut serve --classifier ID}.
   */
  @JsonPropertyOrder({"id", "name", "scope", "labels"})
  record LibraryEntry(String id, String name, String scope, List<String> labels) {}

  @JsonPropertyOrder({"max_image_bytes", "max_images", "types"})
  record Upload(
      @JsonProperty("max_image_bytes") long maxImageBytes, @JsonProperty("max_images") int maxImages, List<String> types) {}

  /** Reads the cache state once (it hashes every artifact); {@code imported}: the library's usable classifiers. */
  static ModelsInfo of(Engine engine, ModelCatalog catalog, ServerConfig config, List<ClassifierLibrary.Entry> imported) {
    List<Model> models = catalog.cards().stream()
        .map(card -> model(card, ModelFetcher.state(engine.store(), card).text())).toList();
    Classifier classifier = null;
    if (config.classifier() != null) {
      OnnxImageClassifier loaded = engine.classifier(config.classifier());
      Path card = Path.of(config.classifier()).toAbsolutePath().normalize();
      String id = imported.stream().filter(e -> e.card().toAbsolutePath().normalize().equals(card))
          .map(ClassifierLibrary.Entry::id).findFirst().orElse(null);
      classifier = new Classifier(id, loaded.name(), engine.classifierScope(config.classifier()).id(),
          loaded.spec().labels());
    }
    List<LibraryEntry> library = imported.stream()
        .map(e -> new LibraryEntry(e.id(), e.name(), e.scope().id(), e.spec().labels())).toList();
    Upload upload = new Upload(config.maxUploadBytes(), AnalyzeHandler.MAX_IMAGES,
        Uploads.ACCEPTED_TYPES.stream().filter(t -> !t.equals("application/octet-stream")).sorted().toList());
    return new ModelsInfo(config.prediction().cliName(), models, classifier, library, upload);
  }

  private static Model model(ModelCard card, String state) {
    return new Model(card.id(), card.name(), card.task(), card.license(), state);
  }
}
