package dev.raut.core.document;

import dev.raut.core.image.ImageDecodeException;
import dev.raut.core.text.Explained;
import dev.raut.core.text.Problem;
import java.util.Locale;

/**
 * Why no photo could be taken out of a document: a stable {@link ErrorCode} for programs and a
 * plain message for people. Problems with one photo inside a readable document are not this: they
 * are that photo's {@link ImageDecodeException}, and the other photos go on.
 */
public final class DocumentException extends Exception implements Explained {
  private static final long serialVersionUID = 1L;

  /** Stable reasons, serialised as lower-case strings ({@link #code()}). */
  public enum ErrorCode {
    /** Protected by a password: its content cannot be read without it. */
    ENCRYPTED,
    /** Cut short: the end of the file is missing (an unfinished download or copy). */
    TRUNCATED,
    /** Not a readable PDF/Office file although it is named or starts like one. */
    DAMAGED_DOCUMENT,
    /** An older format (Word 97-2003 .doc saved under a .docx name, and the like). */
    UNSUPPORTED_DOCUMENT,
    /** Readable, but holds no photo (only icons under the minimum size, drawings, or nothing). */
    NO_PHOTOS,
    // the file-level problems every input can have, with the same codes as a photo's
    NOT_FOUND,
    BROKEN_LINK,
    UNREADABLE,
    IS_DIRECTORY,
    EMPTY_FILE;

    public String code() {
      return name().toLowerCase(Locale.ROOT);
    }

    /** The text key of this code's one-line summary ({@code errors.document.no_photos}). */
    public String summaryKey() {
      return "errors.document." + code();
    }
  }

  private final ErrorCode errorCode;
  private final transient Problem problem;

  /** A message in words from elsewhere (English); prefer {@link #DocumentException(ErrorCode, Problem, Throwable)}. */
  public DocumentException(ErrorCode errorCode, String message) {
    this(errorCode, Problem.verbatim(message), null);
  }

  public DocumentException(ErrorCode errorCode, String message, Throwable cause) {
    this(errorCode, Problem.verbatim(message), cause);
  }

  public DocumentException(ErrorCode errorCode, Problem problem, Throwable cause) {
    super(problem.english(), cause);
    this.errorCode = errorCode;
    this.problem = problem;
  }

  /** A file-level problem found by the checks every input gets ({@code FileAccess}). */
  static DocumentException of(ImageDecodeException fileProblem) {
    return new DocumentException(ErrorCode.valueOf(fileProblem.errorCode().name()), fileProblem.reasonProblem(),
        fileProblem);
  }

  @Override
  public Problem problem() {
    return problem;
  }

  public ErrorCode errorCode() {
    return errorCode;
  }

  public String code() {
    return errorCode.code();
  }
}
