package dev.raut.core.image;

import dev.raut.core.image.ImageDecodeException.ErrorCode;
import dev.raut.core.text.Problem;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * The checks every input file gets before it is read, photo or document alike, each failure a
 * typed {@link ImageDecodeException}: missing, a link to nothing, a folder, not allowed, empty.
 */
public final class FileAccess {
  private FileAccess() {}

  /** The attributes of a file that exists, is not a folder and is not empty. */
  public static BasicFileAttributes readableFile(Path file) throws ImageDecodeException {
    BasicFileAttributes attributes;
    try {
      attributes = Files.readAttributes(file, BasicFileAttributes.class);
    } catch (NoSuchFileException e) {
      throw missing(file, e);
    } catch (IOException e) {
      throw unreadable(e);
    }
    if (attributes.isDirectory()) {
      throw ImageDecodeException.isDirectory();
    }
    if (attributes.size() == 0) {
      throw new ImageDecodeException(ErrorCode.EMPTY_FILE, Problem.of("errors.image.empty_file"));
    }
    return attributes;
  }

  /** A symbolic link whose target does not exist: walking a folder reports it instead of skipping it. */
  public static boolean isBrokenLink(Path path) {
    return Files.isSymbolicLink(path) && !Files.exists(path);
  }

  private static ImageDecodeException missing(Path file, NoSuchFileException e) {
    if (isBrokenLink(file)) {
      String target;
      try {
        target = Files.readSymbolicLink(file).toString();
      } catch (IOException unreadableLink) {
        target = null;
      }
      return new ImageDecodeException(ErrorCode.BROKEN_LINK, target == null
          ? Problem.of("errors.image.broken_link") : Problem.of("errors.image.brokenLinkTo", target), e);
    }
    Path parent = file.toAbsolutePath().getParent();
    return ImageDecodeException.notFound(parent == null ? null : parent.toString(), e);
  }

  /** An I/O failure in plain words: permission denied, or the operating system's own reason. */
  public static ImageDecodeException unreadable(IOException e) {
    // FileSystemException's reason is the operating system's plain text, e.g. "Input/output error"
    String systemReason = e instanceof FileSystemException fileSystemError ? fileSystemError.getReason() : null;
    return ImageDecodeException.unreadable(e instanceof AccessDeniedException, systemReason, e);
  }
}
