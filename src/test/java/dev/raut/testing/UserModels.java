package dev.raut.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The real user models committed as import fixtures, and a data folder of their own for each test. */
public final class UserModels {
  /** oarriaga's Keras 2.0.5 FER2013 mini-Xception (MIT): 64x64 grey faces scaled to -1..1, seven emotions. */
  public static final Path FER2013 = Path.of("src/test/resources/dev/raut/core/convert/keras-real/fer2013-mini-xception/"
      + "fer2013_mini_XCEPTION.102-0.66.hdf5");
  public static final List<String> FER2013_LABELS =
      List.of("angry", "disgust", "fear", "happy", "sad", "surprise", "neutral");

  private UserModels() {}

  /**
   * Points {@code -Draut.data} (where the classifier library lives) at {@code dir} until closed, so
   * a test never reads or writes the user's own library.
   */
  public static AutoCloseable dataFolder(Path dir) {
    String previous = System.getProperty("raut.data");
    System.setProperty("raut.data", dir.toString());
    return () -> {
      if (previous == null) {
        System.clearProperty("raut.data");
      } else {
        System.setProperty("raut.data", previous);
      }
    };
  }

  /** Every folder in the library, the hidden staging ones included. */
  public static List<Path> libraryFolders(Path dataDir) throws java.io.IOException {
    Path root = dataDir.resolve("classifiers");
    if (!Files.isDirectory(root)) {
      return List.of();
    }
    try (var files = Files.list(root)) {
      return files.toList();
    }
  }
}
