package dev.raut.core.teach;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;

/**
 * Embeddings on disk, one small file per photo and backbone, keyed by the photo's content hash:
 * retraining with other settings, or the same photo in another dataset, needs no backbone run.
 * Files are written under a temporary name and renamed, so a crash never leaves a torn one.
 */
public final class EmbeddingCache {
  private final Path root;

  public EmbeddingCache(Path root) {
    this.root = root;
  }

  /**
   * The cache in Raut's model cache folder ({@code raut.cache} / {@code RAUT_CACHE} / ~/.cache/raut),
   * or in the per-user cache folder when that one cannot be written: the installers point
   * {@code raut.cache} at the models they ship, in a folder only an administrator may change.
   */
  public static EmbeddingCache defaultCache() {
    return new EmbeddingCache(writableRoot(dev.raut.core.model.ModelStore.defaultStore().root(),
        dev.raut.core.model.ModelStore.userCacheFolder()).resolve("embeddings"));
  }

  /** {@code preferred} when it can be written (or made), else {@code fallback}. */
  static Path writableRoot(Path preferred, Path fallback) {
    Path existing = preferred;
    while (existing != null && !Files.exists(existing)) {
      existing = existing.getParent(); // a folder still to be made: can its nearest existing parent be written?
    }
    return existing != null && Files.isDirectory(existing) && Files.isWritable(existing) ? preferred : fallback;
  }

  public Path root() {
    return root;
  }

  /** {@code variant} tells apart embeddings of the same photo (the photo itself, its mirror image, ...). */
  public Optional<float[]> get(String embedder, String sha256, String variant, int dimension) {
    Path file = file(embedder, sha256, variant);
    try {
      byte[] bytes = Files.readAllBytes(file);
      if (bytes.length != 4 * dimension) {
        return Optional.empty();
      }
      float[] v = new float[dimension];
      ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(v);
      return Optional.of(v);
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  public void put(String embedder, String sha256, String variant, float[] embedding) {
    Path file = file(embedder, sha256, variant);
    ByteBuffer bytes = ByteBuffer.allocate(4 * embedding.length).order(ByteOrder.LITTLE_ENDIAN);
    bytes.asFloatBuffer().put(embedding);
    try {
      Files.createDirectories(file.getParent());
      Path tmp = Files.createTempFile(file.getParent(), ".tmp-", ".f32");
      Files.write(tmp, bytes.array());
      try {
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException e) {
      // a cache that cannot be written only costs time: the embedding is still used
    }
  }

  private Path file(String embedder, String sha256, String variant) {
    String safe = embedder.replaceAll("[^A-Za-z0-9._-]", "_");
    return root.resolve(safe).resolve(sha256.substring(0, Math.min(2, sha256.length())))
        .resolve(sha256.replaceAll("[^A-Za-z0-9]", "_") + (variant.isEmpty() ? "" : "-" + variant) + ".f32");
  }
}
