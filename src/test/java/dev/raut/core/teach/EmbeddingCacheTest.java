package dev.raut.core.teach;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where embeddings are kept: the model cache when it can be written, the user's own cache folder when not. */
class EmbeddingCacheTest {
  @TempDir Path dir;

  @Test
  void aWritableCacheFolderIsUsedEvenBeforeItExists() throws Exception {
    Path fallback = dir.resolve("user");
    assertThat(EmbeddingCache.writableRoot(dir, fallback)).isEqualTo(dir);
    assertThat(EmbeddingCache.writableRoot(dir.resolve("not/yet/made"), fallback)).isEqualTo(dir.resolve("not/yet/made"));
  }

  @Test
  void aCacheFolderThatCannotBeMadeFallsBackToTheUsersOwn() throws Exception {
    // the installers' case is a folder only an administrator may write; a file in the way cannot be written through either
    Path file = Files.writeString(dir.resolve("bundle"), "models");
    Path fallback = dir.resolve("user");
    assertThat(EmbeddingCache.writableRoot(file.resolve("cache"), fallback)).isEqualTo(fallback);
  }

  @Test
  void anEmbeddingWrittenIsReadBackAndNoTemporaryFileStays() throws Exception {
    EmbeddingCache cache = new EmbeddingCache(dir.resolve("embeddings"));
    float[] embedding = {0.25f, -1f, 3.5f};
    cache.put("backbone", "abc123", "whole", embedding);
    assertThat(cache.get("backbone", "abc123", "whole", 3)).hasValueSatisfying(v -> assertThat(v).containsExactly(embedding));
    assertThat(cache.get("backbone", "abc123", "whole", 4)).isEmpty(); // another dimension: not this embedding
    try (var files = Files.walk(dir)) {
      assertThat(files.filter(Files::isRegularFile).map(p -> p.getFileName().toString())).noneMatch(n -> n.contains("tmp"));
    }
  }
}
