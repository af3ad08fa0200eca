package dev.raut.core.model;

import java.nio.file.Path;
import java.util.Locale;

/**
 * Where fetched and converted models live on this machine: a per-user cache outside any
 * checkout, so builds, checkouts and the installed app share one copy.
 *
 * <p>Layout: {@code <root>/models/<id>/upstream/<file>} holds the verified upstream files,
 * {@code <root>/models/<id>/<artifact>} the file Raut loads, {@code <root>/samples/<set>/} sample photos.
 * The root is {@code -Draut.cache}, else {@code $RAUT_CACHE}, else the OS cache folder.
 */
public final class ModelStore {
  public static final String CACHE_PROPERTY = "raut.cache";
  public static final String CACHE_ENV = "RAUT_CACHE";

  private final Path root;

  public ModelStore(Path root) {
    this.root = root.toAbsolutePath().normalize();
  }

  public static ModelStore defaultStore() {
    return new ModelStore(defaultRoot());
  }

  public static Path defaultRoot() {
    String prop = System.getProperty(CACHE_PROPERTY);
    if (prop != null && !prop.isBlank()) {
      return Path.of(prop);
    }
    String env = System.getenv(CACHE_ENV);
    if (env != null && !env.isBlank()) {
      return Path.of(env);
    }
    return userCacheFolder();
  }

  /** The operating system's per-user cache folder for Raut, whatever {@code raut.cache} says. */
  public static Path userCacheFolder() {
    String home = System.getProperty("user.home");
    String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
    if (os.contains("win")) {
      String local = System.getenv("LOCALAPPDATA");
      return Path.of(local != null ? local : home, "Raut", "cache");
    }
    if (os.contains("mac")) {
      return Path.of(home, "Library", "Caches", "Raut");
    }
    String xdg = System.getenv("XDG_CACHE_HOME");
    return Path.of(xdg != null && !xdg.isBlank() ? xdg : home + "/.cache", "raut");
  }

  public Path root() {
    return root;
  }

  public Path modelDir(String modelId) {
    return root.resolve("models").resolve(modelId);
  }

  /** A verified upstream file of a model, by its file name (the last part of its package path). */
  public Path upstreamFile(String modelId, String fileName) {
    return modelDir(modelId).resolve("upstream").resolve(fileName);
  }

  /** The artifact Raut loads for a model (an .onnx or, for Haar, the cascade XML). */
  public Path artifact(String modelId, String fileName) {
    return modelDir(modelId).resolve(fileName);
  }

  /** Folder holding the verified files of one sample set, by the set's id. */
  public Path samplesDir(String sampleSetId) {
    return root.resolve("samples").resolve(sampleSetId);
  }
}
