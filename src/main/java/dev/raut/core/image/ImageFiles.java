package dev.raut.core.image;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Stream;

/** Turns what a user gave (files and folders) into the list of files to analyse. */
public final class ImageFiles {
  /** Extensions picked up when walking folders; a file named explicitly is always tried. */
  public static final Set<String> EXTENSIONS = Set.of("jpg", "jpeg", "jpe", "png", "bmp", "gif", "tif", "tiff", "webp");
  /** Documents whose embedded photos are analysed (see {@code dev.raut.core.document}). */
  public static final Set<String> DOCUMENT_EXTENSIONS = Set.of("pdf", "docx", "pptx", "xlsx");

  private ImageFiles() {}

  /**
   * Files as given, and the photos and documents inside folders (recursively, sorted by path). A
   * path that does not exist, or a link to nothing inside a folder, is kept, so it becomes an error
   * result instead of being dropped in silence.
   */
  public static List<Path> expand(List<Path> inputs) {
    return expand(inputs, file -> hasImageExtension(file) || hasDocumentExtension(file));
  }

  /** As {@link #expand}, photos only (labelled datasets: one photo per entry). */
  public static List<Path> expandImages(List<Path> inputs) {
    return expand(inputs, ImageFiles::hasImageExtension);
  }

  private static List<Path> expand(List<Path> inputs, Predicate<Path> wanted) {
    List<Path> files = new ArrayList<>();
    for (Path input : inputs) {
      if (Files.isDirectory(input)) {
        try (Stream<Path> walk = Files.walk(input)) {
          walk.filter(p -> Files.isRegularFile(p) ? wanted.test(p) : isBrokenLinkTo(p, wanted))
              .sorted().forEach(files::add);
        } catch (IOException e) {
          throw new UncheckedIOException("Cannot read the folder " + input + ": " + e.getMessage(), e);
        }
      } else {
        files.add(input);
      }
    }
    return files;
  }

  /** A link to nothing, named like a wanted file (by its own name or its target's). */
  private static boolean isBrokenLinkTo(Path link, Predicate<Path> wanted) {
    if (!FileAccess.isBrokenLink(link)) {
      return false;
    }
    try {
      Path target = Files.readSymbolicLink(link);
      return wanted.test(link) || target.getFileName() != null && wanted.test(target);
    } catch (IOException e) {
      return wanted.test(link);
    }
  }

  public static boolean hasImageExtension(Path file) {
    return EXTENSIONS.contains(extension(file));
  }

  /** The same test on a bare file name, for files listed by other file systems (Hadoop's). */
  public static boolean hasImageExtension(String name) {
    return hasImageExtension(Path.of(name));
  }

  public static boolean hasDocumentExtension(Path file) {
    return DOCUMENT_EXTENSIONS.contains(extension(file));
  }

  /** The same test on a bare file name, for files listed by other file systems (Hadoop's). */
  public static boolean hasDocumentExtension(String name) {
    return hasDocumentExtension(Path.of(name));
  }

  /** The part after the last dot, lower case; empty when there is none. */
  public static String extension(Path file) {
    Path namePath = file.getFileName();
    String name = namePath == null ? "" : namePath.toString();
    int dot = name.lastIndexOf('.');
    return dot >= 0 ? name.substring(dot + 1).toLowerCase(Locale.ROOT) : "";
  }
}
