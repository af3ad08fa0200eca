package dev.raut.core.image;

import dev.raut.core.text.Explained;
import dev.raut.core.text.Language;
import dev.raut.core.text.Problem;
import java.util.Locale;

/**
 * Why an image could not be decoded: a stable {@link ErrorCode} for programs and a plain
 * message for people, kept as a {@link Problem} so each door says it in its user's language
 * ({@link #getMessage()} is the English one, for logs). The message starts with the file name
 * when one is known.
 */
public final class ImageDecodeException extends Exception implements Explained {
  private static final long serialVersionUID = 1L;

  /** Stable reasons, serialised as lower-case strings ({@link #code()}) in JSON and logs. */
  public enum ErrorCode {
    EMPTY_FILE,
    NOT_AN_IMAGE,
    UNSUPPORTED_FORMAT,
    TRUNCATED,
    CORRUPT,
    TOO_LARGE,
    ZERO_SIZE,
    FILE_TOO_BIG,
    NOT_FOUND,
    BROKEN_LINK,
    UNREADABLE,
    IS_DIRECTORY;

    /** The machine code, e.g. {@code "truncated"}. */
    public String code() {
      return name().toLowerCase(Locale.ROOT);
    }

    /** The text key of this code's one-line summary ({@code errors.image.truncated}). */
    public String summaryKey() {
      return "errors.image." + code();
    }
  }

  private final ErrorCode errorCode;
  private final String fileName;
  private final transient Problem reason;

  /** A reason in words from elsewhere (English); prefer {@link #ImageDecodeException(ErrorCode, Problem)}. */
  public ImageDecodeException(ErrorCode errorCode, String reason) {
    this(errorCode, null, Problem.verbatim(reason), null);
  }

  public ImageDecodeException(ErrorCode errorCode, String reason, Throwable cause) {
    this(errorCode, null, Problem.verbatim(reason), cause);
  }

  public ImageDecodeException(ErrorCode errorCode, Problem reason) {
    this(errorCode, null, reason, null);
  }

  public ImageDecodeException(ErrorCode errorCode, Problem reason, Throwable cause) {
    this(errorCode, null, reason, cause);
  }

  private ImageDecodeException(ErrorCode errorCode, String fileName, Problem reason, Throwable cause) {
    super(fileName == null ? reason.english() : fileName + ": " + reason.english(), cause);
    this.errorCode = errorCode;
    this.fileName = fileName;
    this.reason = reason;
  }

  /** Nothing at this path; {@code folder} says where it was looked for (null: the root folder). */
  public static ImageDecodeException notFound(String folder, Throwable cause) {
    return new ImageDecodeException(ErrorCode.NOT_FOUND, folder == null
        ? Problem.of("errors.image.notFoundAtRoot") : Problem.of("errors.image.notFoundIn", folder), cause);
  }

  public static ImageDecodeException isDirectory() {
    return new ImageDecodeException(ErrorCode.IS_DIRECTORY, Problem.of("errors.image.is_directory"));
  }

  /** The file is there but cannot be read; {@code systemReason} (may be null) is the file system's own words. */
  public static ImageDecodeException unreadable(boolean permissionDenied, String systemReason, Throwable cause) {
    return new ImageDecodeException(ErrorCode.UNREADABLE, permissionDenied
        ? Problem.of("errors.image.permissionDenied")
        : systemReason != null ? Problem.of("errors.image.unreadableBecause", systemReason)
        : Problem.of("errors.image.unreadable"), cause);
  }

  public ErrorCode errorCode() {
    return errorCode;
  }

  /** Shorthand for {@code errorCode().code()}. */
  public String code() {
    return errorCode.code();
  }

  /** The file name the message refers to, or null when the image came without one. */
  public String fileName() {
    return fileName;
  }

  /** The English message without the file name, for places that show the name separately. */
  public String reason() {
    return reason.english();
  }

  /** The message without the file name in {@code language}. */
  public String reason(Language language) {
    return reason.in(language);
  }

  /** The reason as a key and arguments, without the file name. */
  public Problem reasonProblem() {
    return reason;
  }

  /** The whole message ("photo.jpg: The file ends early..."), as a key and arguments. */
  @Override
  public Problem problem() {
    return fileName == null ? reason : Problem.of("errors.named", fileName, reason);
  }

  /** The same error, told about the named file; a null name changes nothing. */
  public ImageDecodeException about(String name) {
    if (name == null || name.isBlank() || fileName != null) {
      return this;
    }
    ImageDecodeException named = new ImageDecodeException(errorCode, name, reason, getCause());
    named.setStackTrace(getStackTrace());
    return named;
  }
}
