package dev.raut.core.image;

import java.util.Locale;

/**
 * Why an image could not be decoded: a stable {@link ErrorCode} for programs and a plain
 * message for people. The message starts with the file name when one is known.
 */
public final class ImageDecodeException extends Exception {
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
  }

  private final ErrorCode errorCode;
  private final String fileName;
  private final String reason;

  public ImageDecodeException(ErrorCode errorCode, String reason) {
    this(errorCode, null, reason, null);
  }

  public ImageDecodeException(ErrorCode errorCode, String reason, Throwable cause) {
    this(errorCode, null, reason, cause);
  }

  private ImageDecodeException(ErrorCode errorCode, String fileName, String reason, Throwable cause) {
    super(fileName == null ? reason : fileName + ": " + reason, cause);
    this.errorCode = errorCode;
    this.fileName = fileName;
    this.reason = reason;
  }

  /** Nothing at this path; {@code folder} says where it was looked for. */
  public static ImageDecodeException notFound(String folder, Throwable cause) {
    return new ImageDecodeException(ErrorCode.NOT_FOUND, "There is no such file (looked in " + folder + ").", cause);
  }

  public static ImageDecodeException isDirectory() {
    return new ImageDecodeException(ErrorCode.IS_DIRECTORY, "This is a folder, not an image file.");
  }

  /** The file is there but cannot be read; {@code systemReason} (may be null) is the file system's own words. */
  public static ImageDecodeException unreadable(boolean permissionDenied, String systemReason, Throwable cause) {
    return new ImageDecodeException(ErrorCode.UNREADABLE, permissionDenied
        ? "Raut is not allowed to read this file (permission denied)."
        : "The file could not be read (" + (systemReason != null ? systemReason : "input/output error") + ").", cause);
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

  /** The message without the file name, for places that show the name separately. */
  public String reason() {
    return reason;
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
