package dev.raut.core.document;

import dev.raut.core.image.ImageFiles;
import dev.raut.core.text.Problem;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;

/** The documents Raut takes photos out of. */
public enum DocumentFormat {
  PDF("page"),
  DOCX(null),
  PPTX("slide"),
  XLSX(null);

  private static final byte[] PDF_MAGIC = "%PDF-".getBytes(StandardCharsets.US_ASCII);

  private final String pageWord;

  DocumentFormat(String pageWord) {
    this.pageWord = pageWord;
  }

  /** "PDF", "Word document" in the current language: for messages. */
  public String displayName() {
    return nameProblem().text();
  }

  /** The format's name as a text key, for messages said in another language later. */
  public Problem nameProblem() {
    return Problem.of("errors.document.format." + name().toLowerCase(Locale.ROOT));
  }

  /** What its {@link DocumentPart#page()} counts: "page", "slide"; null when it has no pages. */
  String pageWord() {
    return pageWord;
  }

  /**
   * The document format of a file: by its extension (pdf, docx, pptx, xlsx), or a PDF by its first
   * bytes whatever its name. Null for anything else, which is then decoded as a photo.
   */
  public static DocumentFormat of(Path file) {
    DocumentFormat byName = byName(file.toString());
    // a file named like a photo is decoded as one (saves opening every photo twice)
    if (byName != null || ImageFiles.hasImageExtension(file) || !Files.isRegularFile(file)) {
      return byName;
    }
    try (InputStream in = Files.newInputStream(file)) {
      return startsLikePdf(in.readNBytes(PDF_MAGIC.length)) ? PDF : null;
    } catch (IOException e) {
      return null; // the decoder then says why the file cannot be read
    }
  }

  /** The same for bytes in memory (an upload) and the name they came with. */
  public static DocumentFormat of(byte[] data, String name) {
    DocumentFormat byName = name == null ? null : byName(name);
    return byName != null ? byName : startsLikePdf(data) ? PDF : null;
  }

  private static DocumentFormat byName(String name) {
    int dot = name.lastIndexOf('.');
    String extension = dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
    return ImageFiles.DOCUMENT_EXTENSIONS.contains(extension) ? valueOf(extension.toUpperCase(Locale.ROOT)) : null;
  }

  static boolean startsLikePdf(byte[] start) {
    return start.length >= PDF_MAGIC.length && Arrays.equals(start, 0, PDF_MAGIC.length, PDF_MAGIC, 0, PDF_MAGIC.length);
  }
}
