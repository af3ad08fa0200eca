package dev.raut.core.image;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;

/** Turns what a user gave (files and folders) into the list of files to analyse. */
public final class ImageFiles {
  /** Extensions picked up when walking folders; a file named explicitly is always tried. */
  public static final Set<String> EXTENSIONS = Set.of("jpg", "jpeg", "jpe", "png", "bmp", "gif", "tif", "tiff", "webp");

  private ImageFiles() {}

  /**
   * Files as given, and the images inside folders (recursively, sorted by path). A path that
   * does not exist is kept, so the decoder reports it as an error result instead of dropping it.
   */
  public static List<Path> expand(List<Path> inputs) {
    List<Path> files = new ArrayList<>();
    for (Path input : inputs) {
      if (Files.isDirectory(input)) {
        try (Stream<Path> walk = Files.walk(input)) {
          walk.filter(Files::isRegularFile).filter(ImageFiles::hasImageExtension).sorted().forEach(files::add);
        } catch (IOException e) {
          throw new UncheckedIOException("Cannot read the folder " + input + ": " + e.getMessage(), e);
        }
      } else {
        files.add(input);
      }
    }
    return files;
  }

  public static boolean hasImageExtension(Path file) {
    return hasImageExtension(file.getFileName().toString());
  }

  /** The same test on a bare file name, for files listed by other file systems (Hadoop's). */
  public static boolean hasImageExtension(String name) {
    int dot = name.lastIndexOf('.');
    return dot >= 0 && EXTENSIONS.contains(name.substring(dot + 1).toLowerCase(Locale.ROOT));
  }
}
