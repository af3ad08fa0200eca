package dev.raut.bench;

import dev.raut.core.model.ModelStore;
import dev.raut.core.teach.BackboneCatalog;
import dev.raut.core.teach.EmbeddingCache;
import dev.raut.core.teach.OnnxEmbedder;
import dev.raut.core.teach.TeachingData;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** A labelled folder's embeddings as far as the cache has them (teach the folder once to fill it). */
record CachedEmbeddings(TeachingData data, float[][] x, int[] y, int dimension) {
  static CachedEmbeddings load(Path folder, String backboneId) {
    TeachingData data = TeachingData.read(folder, 0, 1, () -> false);
    EmbeddingCache cache = EmbeddingCache.defaultCache();
    String id;
    int dim;
    try (OnnxEmbedder e = OnnxEmbedder.open(BackboneCatalog.get(backboneId), ModelStore.defaultStore(), 1)) {
      id = e.id();
      dim = e.dimension();
    }
    List<float[]> rows = new ArrayList<>();
    List<Integer> labels = new ArrayList<>();
    for (TeachingData.Photo p : data.train()) {
      cache.get(id, p.sha256(), "", dim).ifPresent(v -> {
        rows.add(v);
        labels.add(p.label());
      });
    }
    return new CachedEmbeddings(data, rows.toArray(float[][]::new), labels.stream().mapToInt(Integer::intValue).toArray(),
        dim);
  }
}
