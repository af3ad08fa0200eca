package dev.raut.core.evaluate;

import dev.raut.core.image.ImageFiles;
import dev.raut.core.text.Problem;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Reads a labelled dataset: a folder of class-named sub-folders (the Keras
 * {@code image_dataset_from_directory} layout, optionally below a {@code test/}, {@code val/} or
 * {@code train/} level), or a CSV of {@code image,label} rows whose paths are relative to the CSV.
 */
public final class DatasetReader {
  /** Split folders, in the order one is picked for evaluation when several exist. */
  private static final List<String> SPLIT_FOLDERS = List.of("test", "val", "validation", "train");
  private static final Set<String> IMAGE_COLUMNS = Set.of("image", "file", "filename", "file_name", "path", "image_path", "img");
  private static final Set<String> LABEL_COLUMNS = Set.of("label", "class", "emotion", "category", "target", "y");
  /** Common layout: labels.csv naming bare file names that live in images/ next to it. */
  private static final String IMAGES_FOLDER = "images";

  private DatasetReader() {}

  /** A CSV file or a folder of class folders. */
  public static Dataset read(Path path) {
    if (Files.isDirectory(path)) {
      return readClassFolders(path);
    }
    if (Files.isRegularFile(path)) {
      return readCsv(path);
    }
    throw new DatasetException(Problem.of("errors.dataset.notFound", path));
  }

  static Dataset readClassFolders(Path folder) {
    Path root = splitLevel(folder);
    List<Path> classFolders = subfolders(root);
    List<LabelledImage> images = new ArrayList<>();
    for (Path classFolder : classFolders) {
      String label = classFolder.getFileName().toString();
      try {
        for (Path file : ImageFiles.expandImages(List.of(classFolder))) {
          images.add(new LabelledImage(file, slashed(root.relativize(file)), label));
        }
      } catch (UncheckedIOException e) {
        throw new DatasetException(Problem.of(e), e);
      }
    }
    long classesWithImages = images.stream().map(LabelledImage::label).distinct().count();
    if (images.isEmpty()) {
      throw new DatasetException(Problem.of("errors.dataset.noImages", folder, folder.resolve("happy").resolve("001.jpg")));
    }
    if (classesWithImages == 1 && hasCsv(folder)) {
      throw new DatasetException(Problem.of("errors.dataset.oneClassAndCsv", images.get(0).label(), folder));
    }
    return new Dataset(folder, root, Dataset.Layout.CLASS_FOLDERS, images);
  }

  static Dataset readCsv(Path csv) {
    Path dir = csv.toAbsolutePath().getParent();
    CSVFormat format = CSVFormat.DEFAULT.builder().setTrim(true).setIgnoreEmptyLines(true).get();
    List<LabelledImage> images = new ArrayList<>();
    try (Reader reader = Files.newBufferedReader(csv, StandardCharsets.UTF_8);
        CSVParser parser = CSVParser.parse(reader, format)) {
      int imageColumn = 0;
      int labelColumn = 1;
      boolean first = true;
      for (CSVRecord row : parser) {
        if (first) {
          first = false;
          List<String> cells = row.stream().map(DatasetReader::withoutBom).toList();
          if (!ImageFiles.hasImageExtension(Path.of(cells.get(0)))) {
            imageColumn = column(cells, IMAGE_COLUMNS, 0);
            labelColumn = column(cells, LABEL_COLUMNS, imageColumn == 0 ? 1 : 0);
            continue;
          }
        }
        if (row.size() <= Math.max(imageColumn, labelColumn)) {
          throw new DatasetException(Problem.of("errors.dataset.csvFields", csv, parser.getCurrentLineNumber(), row.size()));
        }
        String name = withoutBom(row.get(imageColumn));
        String label = row.get(labelColumn);
        if (name.isEmpty() || label.isEmpty()) {
          throw new DatasetException(Problem.of("errors.dataset.csvEmptyField", csv, parser.getCurrentLineNumber()));
        }
        images.add(new LabelledImage(resolve(dir, name), name.replace('\\', '/'), label));
      }
    } catch (IOException | UncheckedIOException e) {
      throw new DatasetException(Problem.of("errors.dataset.csvUnreadable", csv, e.getMessage()), e);
    } catch (IllegalStateException e) {
      // commons-csv reports malformed quoting this way
      throw new DatasetException(Problem.of("errors.dataset.csvMalformed", csv, e.getMessage()), e);
    }
    if (images.isEmpty()) {
      throw new DatasetException(Problem.of("errors.dataset.csvNoRows", csv));
    }
    return new Dataset(csv, dir, Dataset.Layout.CSV, images);
  }

  /**
   * Relative to the CSV's folder; when the file is not there but is in {@code images/} next to the
   * CSV, that one. A file found in neither place is kept, so it is reported as an error, not dropped.
   */
  private static Path resolve(Path dir, String name) {
    Path given = Path.of(name);
    if (given.isAbsolute()) {
      return given;
    }
    Path besideCsv = dir.resolve(given).normalize();
    Path inImages = dir.resolve(IMAGES_FOLDER).resolve(given).normalize();
    return !Files.exists(besideCsv) && Files.exists(inImages) ? inImages : besideCsv;
  }

  private static Path splitLevel(Path folder) {
    List<Path> subfolders = subfolders(folder);
    for (String split : SPLIT_FOLDERS) {
      for (Path sub : subfolders) {
        if (sub.getFileName().toString().toLowerCase(Locale.ROOT).equals(split)) {
          return sub;
        }
      }
    }
    return folder;
  }

  private static List<Path> subfolders(Path folder) {
    try (Stream<Path> entries = Files.list(folder)) {
      return entries.filter(Files::isDirectory).filter(p -> !p.getFileName().toString().startsWith(".")).sorted().toList();
    } catch (IOException e) {
      throw new DatasetException(Problem.of("errors.dataset.folderUnreadable", folder, e.getMessage()), e);
    }
  }

  private static boolean hasCsv(Path folder) {
    try (Stream<Path> entries = Files.list(folder)) {
      return entries.anyMatch(p -> p.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".csv"));
    } catch (IOException e) {
      return false;
    }
  }

  private static int column(List<String> header, Set<String> names, int fallback) {
    for (int i = 0; i < header.size(); i++) {
      if (names.contains(header.get(i).toLowerCase(Locale.ROOT))) {
        return i;
      }
    }
    return fallback;
  }

  private static String withoutBom(String cell) {
    return cell.startsWith("\uFEFF") ? cell.substring(1) : cell;
  }

  private static String slashed(Path relative) {
    return relative.toString().replace('\\', '/');
  }
}
