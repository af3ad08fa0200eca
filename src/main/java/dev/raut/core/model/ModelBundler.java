package dev.raut.core.model;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Copies the verified default models (and the self-test photo) from one cache into another, so an
 * installer can ship a ready cache. Only READY artifacts are copied; anything else is an error.
 */
public final class ModelBundler {
  /** The photo {@code raut --self-test} analyses: three faces, people among the objects. */
  public static final String SELF_TEST_PHOTO = "sample1.jpg";

  private final ModelStore source;
  private final ModelCatalog catalog;

  public ModelBundler(ModelStore source, ModelCatalog catalog) {
    this.source = source;
    this.catalog = catalog;
  }

  /** Returns how many files were copied. */
  public int bundleInto(ModelStore target) throws FetchException {
    int copied = 0;
    try {
      for (ModelCard card : catalog.cards()) {
        if (ModelFetcher.state(source, card) != ModelState.READY) {
          throw new FetchException("Model '" + card.id() + "' is " + ModelFetcher.state(source, card).text()
              + " in " + source.root() + ". Run 'raut models fetch' first.");
        }
        copy(source.artifact(card.id(), card.artifact().file()), target.artifact(card.id(), card.artifact().file()));
        copied++;
      }
      String samples = catalog.samples().id();
      Path photo = source.samplesDir(samples).resolve(SELF_TEST_PHOTO);
      if (!Files.isRegularFile(photo)) {
        throw new FetchException("The self-test photo " + photo + " is missing. Run 'raut models fetch --with-samples' first.");
      }
      copy(photo, target.samplesDir(samples).resolve(SELF_TEST_PHOTO));
      return copied + 1;
    } catch (IOException e) {
      throw new FetchException("Cannot write the bundle at " + target.root() + ": " + e.getMessage(), e);
    }
  }

  private static void copy(Path from, Path to) throws IOException {
    Files.createDirectories(to.getParent());
    Files.copy(from, to, StandardCopyOption.REPLACE_EXISTING);
  }
}
