package dev.raut.core.document;

import dev.raut.core.image.FileAccess;
import dev.raut.core.image.ImageDecodeException;
import dev.raut.core.text.Problem;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/** A document on disk (read as it is needed, never whole) or in memory (an upload), and its name. */
public record DocumentSource(String name, Path file, byte[] data) {
  public static DocumentSource of(Path file) {
    Path fileName = file.getFileName();
    return new DocumentSource(fileName == null ? file.toString() : fileName.toString(), file, null);
  }

  public static DocumentSource of(byte[] data, String name) {
    return new DocumentSource(name, null, data);
  }

  /** The file's checks (exists, not a link to nothing, not a folder, not empty); bytes in memory only for emptiness. */
  long checkedSize() throws DocumentException {
    if (file == null) {
      if (data.length == 0) {
        throw new DocumentException(DocumentException.ErrorCode.EMPTY_FILE, Problem.of("errors.image.empty_file"), null);
      }
      return data.length;
    }
    try {
      return FileAccess.readableFile(file).size();
    } catch (ImageDecodeException e) {
      throw DocumentException.of(e);
    }
  }

  InputStream open() throws IOException {
    return file != null ? Files.newInputStream(file) : new ByteArrayInputStream(data);
  }

  /** The first {@code n} bytes (fewer when it is shorter). */
  byte[] head(int n) throws IOException {
    if (file == null) {
      return Arrays.copyOf(data, Math.min(n, data.length));
    }
    try (InputStream in = Files.newInputStream(file)) {
      return in.readNBytes(n);
    }
  }

  /** The last {@code n} bytes (fewer when it is shorter). */
  byte[] tail(int n) throws IOException {
    if (file == null) {
      return Arrays.copyOfRange(data, Math.max(0, data.length - n), data.length);
    }
    try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
      long start = Math.max(0, in.length() - n);
      byte[] bytes = new byte[(int) (in.length() - start)];
      in.seek(start);
      in.readFully(bytes);
      return bytes;
    }
  }
}
