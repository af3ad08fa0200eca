package dev.raut.core.natives;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.net.URLConnection;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;

/**
 * Native libraries that jars carry (OpenCV's, ONNX Runtime's), unpacked once into the user's cache
 * folder and loaded from there. Their own loaders copy them into a new temporary folder at every
 * start: OpenCV's library is 65 MB, a third of a second of every start, and a program that is
 * killed leaves its copy behind in the temporary folder.
 *
 * <p>A library is written under a temporary name and renamed, so a half-written file is never
 * loaded; an unpacked file is used only when its size is the one in the jar, and each version
 * (by size) has a folder of its own. Callers fall back to the library's own loader when this
 * gives nothing.
 */
public final class UnpackedLibraries {
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(UnpackedLibraries.class);
  /** Overrides where libraries are unpacked (tests, locked-down machines). */
  public static final String FOLDER_PROPERTY = "raut.natives";

  private UnpackedLibraries() {}

  /**
   * {@code resource} (a path in {@code owner}'s class loader) as a file in the cache, unpacked
   * now if it is not there yet; empty when the jar has no such resource or the cache cannot be
   * written (then the library's own loader does the work).
   */
  public static Optional<Path> unpacked(Class<?> owner, String resource, String family) {
    return unpacked(owner, resource, family, folder());
  }

  static Optional<Path> unpacked(Class<?> owner, String resource, String family, Path root) {
    URL url = owner.getResource(resource);
    if (url == null) {
      return Optional.empty();
    }
    String fileName = resource.substring(resource.lastIndexOf('/') + 1);
    try {
      URLConnection connection = url.openConnection();
      connection.setUseCaches(false); // a cached JarFile would stay open
      long size = connection.getContentLengthLong();
      if (size <= 0) {
        return Optional.empty();
      }
      Path target = root.resolve(family + "-" + size).resolve(fileName);
      if (Files.isRegularFile(target) && Files.size(target) == size) {
        return Optional.of(target);
      }
      Files.createDirectories(target.getParent());
      Path partial = Files.createTempFile(target.getParent(), fileName, ".partial");
      try {
        try (InputStream in = connection.getInputStream()) {
          Files.copy(in, partial, StandardCopyOption.REPLACE_EXISTING);
        }
        if (Files.size(partial) != size) {
          return Optional.empty();
        }
        moveIntoPlace(partial, target);
      } finally {
        Files.deleteIfExists(partial);
      }
      return Files.size(target) == size ? Optional.of(target) : Optional.empty();
    } catch (IOException | RuntimeException e) {
      LOG.info("Could not unpack {} into {}: {}", fileName, root, e.toString());
      return Optional.empty();
    }
  }

  /** Another program may have put it there first (it is in use then, and on Windows cannot be replaced). */
  private static void moveIntoPlace(Path partial, Path target) throws IOException {
    try {
      Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      if (!Files.isRegularFile(target)) {
        throw e;
      }
    }
  }

  /** The operating system's family, as the jars name their native folders: linux, osx, windows, or null. */
  public static String os() {
    String os = System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT);
    return os.contains("linux") ? "linux" : os.contains("mac") || os.contains("darwin") ? "osx"
        : os.contains("win") ? "windows" : null;
  }

  /** The processor: x86_64, aarch64, arm or x86, or null for another. */
  public static String arch() {
    return switch (System.getProperty("os.arch", "").toLowerCase(java.util.Locale.ROOT)) {
      case "amd64", "x86_64" -> "x86_64";
      case "aarch64", "arm64" -> "aarch64";
      case "arm" -> "arm";
      case "x86", "i386", "i686" -> "x86";
      default -> null;
    };
  }

  /**
   * {@code -Draut.natives}, else the per-user cache folder's {@code natives} (not {@code raut.cache},
   * which the installers point at the read-only models they ship).
   */
  static Path folder() {
    String configured = System.getProperty(FOLDER_PROPERTY);
    if (configured != null && !configured.isBlank()) {
      return Path.of(configured);
    }
    return dev.raut.core.model.ModelStore.userCacheFolder().resolve("natives");
  }
}
