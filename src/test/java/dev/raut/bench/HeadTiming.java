package dev.raut.bench;

import dev.raut.core.model.ModelStore;
import dev.raut.core.teach.BackboneCatalog;
import dev.raut.core.teach.EmbeddingCache;
import dev.raut.core.teach.HeadTraining;
import dev.raut.core.teach.OnnxEmbedder;
import dev.raut.core.teach.TeachingData;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * How long the head takes on cached embeddings (the figure: 1,440 art6 embeddings in at
 * most 10 s). Args: DATA BACKBONE_ID [RUNS]; teach once first so the embeddings are cached. Prints
 * each run and the median.
 */
public final class HeadTiming {
  public static void main(String[] args) throws Exception {
    CachedEmbeddings cached = CachedEmbeddings.load(Path.of(args[0]), args[1]);
    TeachingData data = cached.data();
    float[][] x = cached.x();
    int[] y = cached.y();
    int dim = cached.dimension();
    int runs = args.length > 2 ? Integer.parseInt(args[2]) : 3;
    List<Double> seconds = new ArrayList<>();
    for (HeadTraining.Choice choice : HeadTraining.Choice.values()) {
      seconds.clear();
      String kind = "";
      for (int r = 0; r < runs; r++) {
        long t = System.nanoTime();
        HeadTraining.Result result = HeadTraining.train(x, y, data.classes().size(), choice, 42, () -> false);
        seconds.add((System.nanoTime() - t) / 1e9);
        kind = result.head().kind() + " " + result.validationAccuracy();
      }
      java.util.Collections.sort(seconds);
      System.out.printf("%s on %d x %d: runs %s s, median %.1f s (%s)%n", choice, x.length, dim, seconds,
          seconds.get(seconds.size() / 2), kind);
    }
  }
}
