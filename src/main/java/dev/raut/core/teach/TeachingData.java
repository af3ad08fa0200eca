package dev.raut.core.teach;

import dev.raut.core.evaluate.Dataset;
import dev.raut.core.evaluate.DatasetException;
import dev.raut.core.evaluate.DatasetReader;
import dev.raut.core.evaluate.LabelledImage;
import dev.raut.core.model.Sha256;
import dev.raut.core.text.Problem;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

/**
 * The labelled photos to teach from, checked and split: a folder of class folders, with or without
 * {@code train/} and {@code test/} levels (Keras' {@code image_dataset_from_directory} layout), or a
 * CSV of path,label. Byte-identical photos filed under two classes are left out (their label is
 * unknown); a class with fewer than {@value #MIN_PER_CLASS} photos or a single class is refused; a
 * class under {@value #WARN_PER_CLASS} gets a warning. Without a test folder, a stratified split
 * with a seed keeps {@code testFraction} of each class back.
 */
public record TeachingData(Path source, List<String> classes, List<Photo> train, List<Photo> test,
    boolean ownTestSplit, List<Duplicate> duplicates, List<String> warnings) {

  public static final int MIN_PER_CLASS = 2;
  public static final int WARN_PER_CLASS = 10;

  /** One photo: its file, the name the dataset uses for it, its class index, and its content hash. */
  public record Photo(Path file, String name, int label, String sha256) {}

  /** The same bytes under more than one class. */
  public record Duplicate(String sha256, List<String> names, Set<String> classes) {}

  public TeachingData {
    classes = List.copyOf(classes);
    train = List.copyOf(train);
    test = List.copyOf(test);
    duplicates = List.copyOf(duplicates);
    warnings = List.copyOf(warnings);
  }

  /** Photos per class in the training part, by class name. */
  public Map<String, Integer> trainCounts() {
    return counts(train);
  }

  public Map<String, Integer> testCounts() {
    return counts(test);
  }

  private Map<String, Integer> counts(List<Photo> photos) {
    Map<String, Integer> counts = new LinkedHashMap<>();
    classes.forEach(c -> counts.put(c, 0));
    photos.forEach(p -> counts.merge(classes.get(p.label()), 1, Integer::sum));
    return counts;
  }

  /**
   * Reads and checks the data; hashes every file (the embedding cache is keyed by content).
   *
   * @throws TeachDataException when the data cannot be taught from, with the reason
   */
  public static TeachingData read(Path source, double testFraction, long seed, BooleanSupplier cancelled) {
    if (testFraction < 0 || testFraction >= 1) {
      throw new IllegalArgumentException("The test part must be between 0 and 1, not " + testFraction);
    }
    Path trainDir = Files.isDirectory(source) ? child(source, "train") : null;
    Path testDir = Files.isDirectory(source) ? child(source, "test") : null;
    Dataset trainSet;
    Dataset testSet = null;
    try {
      trainSet = DatasetReader.read(trainDir != null ? trainDir : source);
      if (trainDir != null && testDir != null) {
        testSet = DatasetReader.read(testDir);
      }
    } catch (DatasetException e) {
      throw new TeachDataException(e.problem(), e);
    }
    Set<String> classNames = new TreeSet<>(trainSet.labelCounts().keySet());
    List<String> classes = new ArrayList<>(classNames);
    List<Hashed> trainHashed = hash(trainSet.images(), cancelled);
    List<Hashed> testHashed = testSet == null ? List.of() : hash(testSet.images(), cancelled);

    Map<String, Set<String>> classesByHash = new TreeMap<>();
    Map<String, List<String>> namesByHash = new TreeMap<>();
    for (Hashed h : concat(trainHashed, testHashed)) {
      classesByHash.computeIfAbsent(h.sha(), k -> new TreeSet<>()).add(h.image().label());
      namesByHash.computeIfAbsent(h.sha(), k -> new ArrayList<>()).add(h.image().name());
    }
    List<Duplicate> duplicates = new ArrayList<>();
    classesByHash.forEach((sha, labels) -> {
      if (labels.size() > 1) {
        duplicates.add(new Duplicate(sha, namesByHash.get(sha), labels));
      }
    });
    Set<String> ambiguous = new LinkedHashSet<>();
    duplicates.forEach(d -> ambiguous.add(d.sha256()));

    List<Photo> trainPhotos = new ArrayList<>();
    for (Hashed h : trainHashed) {
      if (!ambiguous.contains(h.sha())) {
        trainPhotos.add(new Photo(h.image().file(), h.image().name(), classes.indexOf(h.image().label()), h.sha()));
      }
    }
    List<Photo> testPhotos = new ArrayList<>();
    for (Hashed h : testHashed) {
      int label = classes.indexOf(h.image().label());
      if (label < 0) {
        throw new TeachDataException(Problem.of("errors.teach.testClassUnknown", h.image().label()));
      }
      if (!ambiguous.contains(h.sha())) {
        testPhotos.add(new Photo(h.image().file(), h.image().name(), label, h.sha()));
      }
    }
    if (classes.size() < 2) {
      throw new TeachDataException(classes.isEmpty() ? Problem.of("errors.teach.noClass", source.getFileName())
          : Problem.of("errors.teach.oneClass", classes.get(0), source.getFileName()));
    }
    boolean own = testSet != null;
    if (!own && testFraction > 0) {
      int[] labels = trainPhotos.stream().mapToInt(Photo::label).toArray();
      int[][] split = HeadTraining.stratifiedSplit(labels, classes.size(), testFraction, seed);
      List<Photo> kept = new ArrayList<>();
      for (int i : split[0]) {
        kept.add(trainPhotos.get(i));
      }
      for (int i : split[1]) {
        testPhotos.add(trainPhotos.get(i));
      }
      trainPhotos = kept;
    }
    TeachingData data = new TeachingData(source, classes, trainPhotos, testPhotos, own, duplicates, List.of());
    List<String> warnings = new ArrayList<>();
    List<String> tooFew = new ArrayList<>();
    data.trainCounts().forEach((name, count) -> {
      if (count < MIN_PER_CLASS) {
        tooFew.add(name + " (" + count + ")");
      } else if (count < WARN_PER_CLASS) {
        warnings.add(String.format(Locale.ROOT, "The class %s has only %d training photos; %d or more teach it better.",
            name, count, WARN_PER_CLASS));
      }
    });
    if (!tooFew.isEmpty()) {
      throw new TeachDataException(Problem.of("errors.teach.tooFew", MIN_PER_CLASS, String.join(", ", tooFew)));
    }
    for (Duplicate d : duplicates) {
      warnings.add("The same photo is filed under " + String.join(" and ", d.classes()) + " (" + String.join(", ",
          d.names()) + "); it is left out.");
    }
    return new TeachingData(source, classes, trainPhotos, testPhotos, own, duplicates, warnings);
  }

  private record Hashed(LabelledImage image, String sha) {}

  /** A file as last seen: path, size and modification time; a changed file gets a new key. */
  private record FileStamp(Path path, long size, long modified) {}

  /**
   * Content hashes of files already read, so changing the split or the seed (which reads the data
   * again) doesn't hash thousands of photos again. Bounded: the oldest entries go first.
   */
  private static final Map<FileStamp, String> KNOWN_HASHES = java.util.Collections.synchronizedMap(
      new java.util.LinkedHashMap<>(1024, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<FileStamp, String> eldest) {
          return size() > 200_000;
        }
      });

  private static List<Hashed> hash(List<LabelledImage> images, BooleanSupplier cancelled) {
    List<Hashed> out = new ArrayList<>(images.size());
    for (LabelledImage image : images) {
      if (cancelled.getAsBoolean()) {
        throw new TeachCancelledException();
      }
      String sha;
      try {
        FileStamp stamp = new FileStamp(image.file().toAbsolutePath(), Files.size(image.file()),
            Files.getLastModifiedTime(image.file()).toMillis());
        sha = KNOWN_HASHES.get(stamp);
        if (sha == null) {
          sha = Sha256.of(image.file());
          KNOWN_HASHES.put(stamp, sha);
        }
      } catch (IOException e) {
        // unreadable files are kept: the embedding step reports them with the decoder's reason
        sha = "unreadable:" + image.name();
      }
      out.add(new Hashed(image, sha));
    }
    return out;
  }

  private static <T> List<T> concat(List<T> a, List<T> b) {
    List<T> all = new ArrayList<>(a);
    all.addAll(b);
    return all;
  }

  /** A sub-folder named {@code name}, in any case. */
  private static Path child(Path dir, String name) {
    try (Stream<Path> entries = Files.list(dir)) {
      return entries.filter(Files::isDirectory)
          .filter(p -> p.getFileName().toString().toLowerCase(Locale.ROOT).equals(name)).findFirst().orElse(null);
    } catch (IOException e) {
      throw new TeachDataException(Problem.of("errors.dataset.folderUnreadable", dir, e.getMessage()), e);
    }
  }
}
