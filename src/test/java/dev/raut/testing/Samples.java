package dev.raut.testing;

import dev.raut.core.model.ModelCatalog;
import dev.raut.core.model.ModelStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;

/** The six multi-face sample photos from the registry package (fetched by the build, never committed). */
public final class Samples {
  /** Faces a person counts in sample1..sample6. */
  public static final List<Integer> FACES = List.of(3, 3, 3, 4, 5, 4);

  private Samples() {}

  public static Path dir() {
    Path dir = ModelStore.defaultStore().samplesDir(ModelCatalog.defaults().samples().id());
    if (!Files.isRegularFile(dir.resolve("sample1.jpg"))) {
      throw new IllegalStateException("The sample photos are missing from " + dir
          + ": run 'mvn package' or 'raut models fetch --with-samples' first");
    }
    return dir;
  }

  public static Path photo(int number) {
    return dir().resolve("sample" + number + ".jpg");
  }

  public static List<Path> all() {
    return IntStream.rangeClosed(1, 6).mapToObj(Samples::photo).toList();
  }
}
