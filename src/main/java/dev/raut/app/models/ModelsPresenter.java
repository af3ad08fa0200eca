package dev.raut.app.models;

import dev.raut.app.AppServices;
import dev.raut.app.BackgroundTasks;
import dev.raut.core.analysis.Analyzer;
import dev.raut.core.classify.ClassPrediction;
import dev.raut.core.classify.ClassifierCards;
import dev.raut.core.classify.ClassifierLibrary;
import dev.raut.core.classify.ClassifierScope;
import dev.raut.core.classify.ClassifierSpec;
import dev.raut.core.classify.ClassifierTrial;
import dev.raut.core.classify.ModelImport;
import dev.raut.core.classify.PreparedImport;
import dev.raut.core.image.ImageDecodeException;
import dev.raut.core.model.ModelCard;
import dev.raut.core.model.ModelCatalog;
import dev.raut.core.model.ModelFetcher;
import dev.raut.core.model.ModelState;
import dev.raut.core.model.ModelStore;
import dev.raut.core.text.Messages;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The Models page's logic: the default models with their cache state, the imported classifiers,
 * and importing one (guess the preprocessing, preview on a photo, check and copy). Core calls run
 * in the background (the I/O pool in the app); lists are updated on the UI thread.
 */
public final class ModelsPresenter {
  /** A default model as the table shows it (the view puts the task and the state into words). */
  public record DefaultModel(String id, String name, String task, String source, String license, ModelState state) {}

  private final AppServices services;
  private final BackgroundTasks background;
  /** Where a model is tried on a photo: the analysis threads (the app's trial lane). */
  private final BackgroundTasks trials;
  /** Runs a continuation on the UI thread, whichever thread completed the stage before it. */
  private final Executor ui;
  private final Consumer<List<ClassifierLibrary.Entry>> onClassifiersChanged;
  private final ObservableList<DefaultModel> defaults = FXCollections.observableArrayList();
  private final ObservableList<ClassifierLibrary.Entry> imported = FXCollections.observableArrayList();
  /** What each imported classifier was imported from ("Keras HDF5 (.h5) · Keras 2.0.5"), by id. */
  private final Map<String, String> formats = new ConcurrentHashMap<>();
  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * {@code onClassifiersChanged} gets the imported classifiers on the UI thread each time they were
   * read. The work (reading, hashing, converting, copying) runs through {@code background}; every
   * future this presenter returns completes on the UI thread.
   */
  public ModelsPresenter(AppServices services, BackgroundTasks background, BackgroundTasks trials,
      Consumer<List<ClassifierLibrary.Entry>> onClassifiersChanged) {
    this.services = services;
    this.background = background;
    this.trials = trials;
    this.ui = background::onUi;
    this.onClassifiersChanged = onClassifiersChanged;
    refresh();
  }

  /** On exit: no more work, the work under way ends, and no result reaches the page after this. */
  public void close() {
    background.close();
    trials.close();
  }

  public ObservableList<DefaultModel> defaults() {
    return defaults;
  }

  public ObservableList<ClassifierLibrary.Entry> imported() {
    return imported;
  }

  public Path libraryFolder() {
    return services.classifiers().root();
  }

  /**
   * Re-reads the library and the cache state (hashes the model files), in the background; the
   * cache is the engine's, so its rows come once the engine is up, the library's at once.
   */
  public CompletableFuture<Void> refresh() {
    CompletableFuture<Void> library = background.future(() -> {
      List<ClassifierLibrary.Entry> entries = services.classifiers().list();
      entries.forEach(e -> formats.put(e.id(), readFormat(e.card())));
      return entries;
    }).thenAcceptAsync(entries -> {
      imported.setAll(entries);
      onClassifiersChanged.accept(entries);
    }, ui);
    // the engine's store, once the engine is up
    CompletableFuture<Void> cache = services.modelStore()
        .thenComposeAsync(store -> background.future(() -> ModelCatalog.defaults().cards().stream().map(c -> row(store, c)).toList()), ui)
        .thenAcceptAsync(defaults::setAll, ui);
    return CompletableFuture.allOf(library, cache);
  }

  /**
   * What an imported classifier was imported from, as the card's provenance says ("ONNX" for older
   * cards); a model taught on the Teach page in the current language.
   */
  public String formatOf(ClassifierLibrary.Entry entry) {
    String format = formats.getOrDefault(entry.id(), "");
    return format.startsWith(TAUGHT_IN_RAUT)
        ? Messages.text("models.format.taught") + format.substring(TAUGHT_IN_RAUT.length()) : format;
  }

  /** The format a taught model's card names (written by Teach and {@code raut teach}, in English like all cards). */
  public static final String TAUGHT_IN_RAUT = "Taught in Raut"; // not user text: the card's own word

  private static String readFormat(Path card) {
    try {
      JsonNode source = JSON.readTree(card.toFile()).path("source");
      if (source.isMissingNode() || source.isNull()) {
        return "ONNX";
      }
      String version = source.path("frameworkVersion").asText("");
      return source.path("format").asText("ONNX") + (version.isEmpty() ? "" : " · " + version);
    } catch (IOException e) {
      return "";
    }
  }

  private static DefaultModel row(ModelStore store, ModelCard card) {
    return new DefaultModel(card.id(), card.name(), card.task(),
        card.source().registry() + " " + card.source().coordinates(), card.license(),
        ModelFetcher.state(store, card));
  }

  /** The preprocessing guessed from the model's input and output shapes (labels class_0...). */
  public CompletableFuture<ClassifierSpec> guessSpec(Path onnx) {
    return background.future(() -> ClassifierCards.guessSpec(onnx));
  }

  public CompletableFuture<List<String>> readLabels(Path file) {
    return background.future(() -> ClassifierCards.readLabels(file));
  }

  /** Classifies {@code photo} with a model that is not imported yet; fails with the reason the model is refused. */
  public CompletableFuture<List<ClassPrediction>> preview(Path onnx, String name, ClassifierSpec spec, Path photo) {
    return trials.future(() -> {
      try (ClassifierTrial trial = ClassifierTrial.open(onnx, name, spec)) {
        return trial.classify(photo);
      } catch (ImageDecodeException e) {
        throw new CompletionException(e.getMessage(), e);
      }
    });
  }

  /** Checks and copies the model into the library; fails with the reason when it is refused. */
  public CompletableFuture<ClassifierLibrary.Entry> importClassifier(String name, Path onnx, ClassifierSpec spec) {
    return imported(background.future(() -> services.classifiers().importClassifier(name, onnx, spec)));
  }

  /** Once stored: the list read again, then the status line says so. */
  private CompletableFuture<ClassifierLibrary.Entry> imported(CompletableFuture<ClassifierLibrary.Entry> stored) {
    return stored.thenComposeAsync(entry -> refresh().thenApply(v -> entry), ui).whenCompleteAsync((entry, error) -> {
      if (error == null) {
        services.status().setMessage(Messages.text("models.imported", entry.name()));
      }
    }, ui);
  }

  // ---- importing any format (Keras, TF.js, Teachable Machine, ONNX) through ModelImport

  /** Reads and converts a model file, folder or zip; fails with a {@code ModelImportException} in plain words. */
  public CompletableFuture<PreparedImport> prepare(Path fileOrFolder) {
    return background.future(() -> ModelImport.prepare(fileOrFolder));
  }

  /** A labels file the user picked: one per line, leading indices ("0 cat") dropped. */
  public CompletableFuture<List<String>> readLabelsFile(Path file) {
    return background.future(() -> ModelImport.readLabelsFile(file));
  }

  /** Classifies {@code photo} with a prepared (not yet imported) model and these settings. */
  public CompletableFuture<List<ClassPrediction>> tryPrepared(PreparedImport prepared, String name, ClassifierSpec spec,
      Path photo) {
    return preview(prepared.onnx(), name, spec, photo);
  }

  /** Stores a prepared model in the library with the user's settings and scope, then re-reads the list. */
  public CompletableFuture<ClassifierLibrary.Entry> importPrepared(String name, PreparedImport prepared,
      ClassifierSpec spec, ClassifierScope scope) {
    return imported(background.future(() -> services.classifiers().importPrepared(name, prepared, spec, scope)));
  }

  /** Deletes a prepared model's temporary folder, off the FX thread. */
  public void discard(PreparedImport prepared) {
    if (prepared != null) {
      background.future(() -> {
        prepared.close();
        return null;
      });
    }
  }

  public CompletableFuture<Void> remove(ClassifierLibrary.Entry entry) {
    // the engine lets go of the classifier's session too (once photos running on it finish)
    CompletableFuture<Analyzer> engineUp = services.analyzer();
    return background.future(() -> {
      if (engineUp.isDone() && !engineUp.isCompletedExceptionally()) {
        engineUp.join().engine().release(entry.card().toString());
      }
      services.classifiers().remove(entry.id());
      return null;
    }).thenComposeAsync(v -> refresh(), ui).whenCompleteAsync((v, error) ->
        services.status().setMessage(error == null ? Messages.text("models.removed", entry.name())
            : AppServices.rootMessage(error)), ui);
  }
}
