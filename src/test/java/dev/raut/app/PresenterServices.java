package dev.raut.app;

import dev.raut.core.analysis.Engine;
import dev.raut.core.classify.ClassifierLibrary;
import dev.raut.core.model.ModelCatalog;
import dev.raut.core.model.ModelStore;
import dev.raut.core.teach.EmbeddingCache;
import java.nio.file.Path;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.prefs.BackingStoreException;
import java.util.prefs.Preferences;

/**
 * The app's services for presenter tests without the toolkit: settings in a preferences node of
 * their own, the model library and embedding cache in a temporary folder, and the engine the test
 * asks for (the fetched models by default). Closing removes the settings and closes the engine.
 */
public final class PresenterServices implements AutoCloseable {
  private final Preferences prefs = Preferences.userRoot().node("dev/raut/test/" + UUID.randomUUID());
  private final AppServices services;

  private PresenterServices(Path temp, Supplier<Engine> engine) {
    services = new AppServices(new AppSettings(prefs), new ClassifierLibrary(temp.resolve("classifiers")),
        new EmbeddingCache(temp.resolve("embeddings")), engine);
  }

  /** With the engine on the fetched models. */
  public static PresenterServices withModels(Path temp) {
    return new PresenterServices(temp, () -> new Engine(ModelStore.defaultStore(), ModelCatalog.defaults(), 1, 2));
  }

  /** With an engine on an empty model store (every model missing). */
  public static PresenterServices withoutModels(Path temp) {
    return new PresenterServices(temp,
        () -> new Engine(new ModelStore(temp.resolve("no-models")), ModelCatalog.defaults(), 1, 2));
  }

  /** With the engine {@code engine} makes (one that fails, for instance). */
  public static PresenterServices with(Path temp, Supplier<Engine> engine) {
    return new PresenterServices(temp, engine);
  }

  public AppServices services() {
    return services;
  }

  @Override
  public void close() throws BackingStoreException {
    services.close();
    prefs.removeNode();
  }
}
