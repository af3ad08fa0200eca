package dev.raut.core.classify;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.raut.core.onnx.ModelLoadException;
import dev.raut.core.text.Problem;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * The classifiers a user imported, kept in the user's Raut data folder so every door (app, CLI,
 * server) finds them: {@code <data>/classifiers/<id>/card.json} (readable by
 * {@link ClassifierCards#read}) next to {@code model.onnx}. The data folder is {@code -Draut.data},
 * else {@code $RAUT_DATA}, else the OS's per-user data folder.
 */
public final class ClassifierLibrary {
  public static final String DATA_PROPERTY = "raut.data";
  public static final String DATA_ENV = "RAUT_DATA";
  static final String CARD_FILE = "card.json";
  static final String MODEL_FILE = "model.onnx";

  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private static final java.security.SecureRandom RANDOM = new java.security.SecureRandom();

  private final Path root;

  public ClassifierLibrary(Path root) {
    this.root = root.toAbsolutePath().normalize();
  }

  /** The library in the default data folder. */
  public static ClassifierLibrary defaultLibrary() {
    return new ClassifierLibrary(defaultDataRoot().resolve("classifiers"));
  }

  public static Path defaultDataRoot() {
    String prop = System.getProperty(DATA_PROPERTY);
    if (prop != null && !prop.isBlank()) {
      return Path.of(prop);
    }
    String env = System.getenv(DATA_ENV);
    if (env != null && !env.isBlank()) {
      return Path.of(env);
    }
    String home = System.getProperty("user.home");
    String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
    if (os.contains("win")) {
      String appData = System.getenv("APPDATA");
      return Path.of(appData != null ? appData : home, "Raut");
    }
    if (os.contains("mac")) {
      return Path.of(home, "Library", "Application Support", "Raut");
    }
    String xdg = System.getenv("XDG_DATA_HOME");
    return Path.of(xdg != null && !xdg.isBlank() ? xdg : home + "/.local/share", "raut");
  }

  /** One imported classifier; {@code problem} is set (and the rest may be partial) when its card cannot be read. */
  public record Entry(String id, String name, Path card, ClassifierSpec spec, ClassifierScope scope, String problem) {
    public Entry(String id, String name, Path card, ClassifierSpec spec, String problem) {
      this(id, name, card, spec, ClassifierScope.IMAGE, problem);
    }

    public boolean usable() {
      return problem == null;
    }
  }

  public Path root() {
    return root;
  }

  /** Every imported classifier, by name; broken ones are listed with their problem rather than hidden. */
  public List<Entry> list() {
    if (!Files.isDirectory(root)) {
      return List.of();
    }
    List<Entry> entries = new ArrayList<>();
    try (Stream<Path> dirs = Files.list(root)) {
      for (Path dir : dirs.filter(Files::isDirectory).filter(d -> !d.getFileName().toString().startsWith("."))
          .sorted().toList()) {
        Path card = dir.resolve(CARD_FILE);
        String id = dir.getFileName().toString();
        try {
          ClassifierCards.Loaded loaded = ClassifierCards.read(card);
          entries.add(new Entry(id, loaded.name(), card, loaded.spec(), loaded.scope(), null));
        } catch (ModelLoadException e) {
          entries.add(new Entry(id, id, card, null, e.getMessage()));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read the classifier folder " + root + ": " + e.getMessage(), e);
    }
    entries.sort(Comparator.comparing(Entry::name, String.CASE_INSENSITIVE_ORDER));
    return entries;
  }

  /**
   * Checks the model (it loads, its input fits the preprocessing, its output the labels, it runs),
   * then copies it into the library with a card.
   *
   * @throws ModelLoadException when the model is refused, with the reason
   */
  public Entry importClassifier(String name, Path onnx, ClassifierSpec spec) {
    String displayName = name == null || name.isBlank() ? stripExtension(onnx.getFileName().toString()) : name.strip();
    try (ClassifierTrial trial = ClassifierTrial.open(onnx, displayName, spec)) {
      // opened only to check it
    }
    ClassifierCards.Provenance source;
    try {
      source = new ClassifierCards.Provenance(onnx.toAbsolutePath().toString(), ModelFormat.ONNX.displayName(), "",
          dev.raut.core.model.Sha256.of(onnx), null, null, now(), List.of());
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + onnx + ": " + e.getMessage(), e);
    }
    return store(displayName, spec, ClassifierScope.IMAGE, source, staging -> Files.copy(onnx, staging.resolve(MODEL_FILE)));
  }

  /**
   * Imports a model read by {@link ModelImport#prepare}: checks it runs with {@code spec}, then
   * stores its ONNX and card. The folder is written under a temporary name and renamed into place,
   * so a failure or a crash leaves no half-written classifier in the library.
   *
   * @throws ModelImportException when the model is refused, with the reason
   */
  public Entry importPrepared(String name, PreparedImport prepared, ClassifierSpec spec, ClassifierScope scope) {
    String displayName = name == null || name.isBlank()
        ? stripExtension(prepared.source().getFileName().toString()) : name.strip();
    try (ClassifierTrial trial = ClassifierTrial.open(prepared.onnx(), displayName, spec)) {
      // opened only to check it
    } catch (ModelLoadException e) {
      throw new ModelImportException(ModelImportException.Code.MODEL_REFUSED, Problem.of(e), e);
    }
    ClassifierCards.Provenance source;
    try {
      source = new ClassifierCards.Provenance(prepared.source().toString(),
          prepared.format().displayName(), prepared.frameworkVersion(), dev.raut.core.model.Sha256.of(prepared.onnx()),
          prepared.preprocessingReason(), prepared.labelsSource(), now(), prepared.notes());
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read the converted model " + prepared.onnx() + ": " + e.getMessage(), e);
    }
    return store(displayName, spec, scope, source, staging -> Files.copy(prepared.onnx(), staging.resolve(MODEL_FILE)));
  }

  /**
   * Stores a classifier taught in Raut: its ONNX, card and training report files (name → bytes,
   * e.g. report.html), checked and written as atomically as an import.
   */
  public Entry saveTaught(String name, byte[] onnx, ClassifierSpec spec, ClassifierScope scope,
      ClassifierCards.Provenance source, java.util.Map<String, byte[]> reportFiles) {
    String displayName = name.strip();
    Path check;
    try {
      check = Files.createTempFile("raut-taught-", ".onnx");
      Files.write(check, onnx);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write a temporary file: " + e.getMessage(), e);
    }
    try (ClassifierTrial trial = ClassifierTrial.open(check, displayName, spec)) {
      // opened only to check it
    } catch (ModelLoadException e) {
      throw new ModelImportException(ModelImportException.Code.MODEL_REFUSED, Problem.of(e), e);
    } finally {
      check.toFile().delete();
    }
    ClassifierCards.Provenance stamped = new ClassifierCards.Provenance(source.sourceFile(), source.format(),
        source.frameworkVersion(), dev.raut.core.model.Sha256.of(onnx), source.preprocessingReason(),
        source.labelsSource(), now(), source.notes());
    return store(displayName, spec, scope, stamped, staging -> {
      Files.write(staging.resolve(MODEL_FILE), onnx);
      for (java.util.Map.Entry<String, byte[]> f : reportFiles.entrySet()) {
        Path target = staging.resolve(f.getKey()).normalize();
        if (!target.startsWith(staging)) {
          throw new IOException("A report file name leaves the classifier folder: " + f.getKey());
        }
        Files.createDirectories(target.getParent());
        Files.write(target, f.getValue());
      }
    });
  }

  /** Writes a classifier folder under a temporary name and renames it into place. */
  private Entry store(String displayName, ClassifierSpec spec, ClassifierScope scope, ClassifierCards.Provenance source,
      FolderWriter files) {
    String id = uniqueId(displayName);
    Path dir = root.resolve(id);
    Path staging = root.resolve(".importing-" + id);
    try {
      Files.createDirectories(staging);
      files.write(staging);
      JSON.writeValue(staging.resolve(CARD_FILE).toFile(),
          new ClassifierCards.CardFile(displayName, MODEL_FILE, null, spec, scope.id(), source));
      Files.move(staging, dir, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      deleteTree(staging);
      throw new UncheckedIOException("Cannot save the classifier into " + dir + ": " + e.getMessage(), e);
    }
    return new Entry(id, displayName, dir.resolve(CARD_FILE), spec, scope, null);
  }

  @FunctionalInterface
  private interface FolderWriter {
    void write(Path staging) throws IOException;
  }

  private static String now() {
    return java.time.Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString();
  }

  /**
   * The card of a classifier named on a command line: a path to a card or .onnx if one exists,
   * else an imported classifier by id or by name (case-insensitive).
   */
  public java.util.Optional<Path> resolve(String pathOrName) {
    Path path = Path.of(pathOrName);
    if (Files.isRegularFile(path)) {
      return java.util.Optional.of(path.toAbsolutePath().normalize());
    }
    for (Entry entry : list()) {
      if (entry.usable() && (entry.id().equals(pathOrName) || entry.name().equalsIgnoreCase(pathOrName.strip()))) {
        return java.util.Optional.of(entry.card());
      }
    }
    return java.util.Optional.empty();
  }

  private static void deleteTree(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException ignored) {
      // best effort; list() skips dot folders
    }
  }

  /** Deletes an imported classifier's folder. */
  public void remove(String id) {
    Path dir = root.resolve(id).normalize();
    if (!dir.getParent().equals(root) || !Files.isDirectory(dir)) {
      throw new IllegalArgumentException("No imported classifier '" + id + "'");
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot delete " + dir + ": " + e.getMessage(), e);
    }
  }

  /**
   * The name made safe for a folder, plus a random suffix: an id is never reused, so a program that
   * cached a removed classifier by its path can't mistake a new import for it.
   */
  private String uniqueId(String name) {
    String slug = name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-+|-+$)", "");
    if (slug.isEmpty()) {
      slug = "classifier";
    }
    String id;
    do {
      id = slug + "-" + java.util.HexFormat.of().toHexDigits(RANDOM.nextInt()).substring(0, 6);
    } while (Files.exists(root.resolve(id)));
    return id;
  }

  private static String stripExtension(String name) {
    int dot = name.lastIndexOf('.');
    return dot > 0 ? name.substring(0, dot) : name;
  }
}
