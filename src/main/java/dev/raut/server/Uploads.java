package dev.raut.server;

import dev.raut.core.text.Problem;
import io.javalin.http.Context;
import io.javalin.http.Header;
import io.javalin.http.UploadedFile;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Reads the {@code image} parts of a multipart upload into memory. Jetty's multipart parser is
 * configured (in {@link RautServer}) to keep every part in memory up to the upload limit and to
 * fail beyond it, so nothing is spooled to a temporary file; client file names are only labels.
 */
final class Uploads {
  static final String FIELD = "image";
  /** Room for the multipart boundaries, part headers and the option fields next to the images. */
  static final long FORM_OVERHEAD_BYTES = 64 * 1024;

  /** Declared part types that may hold an image Raut decodes; the content itself decides in the end. */
  static final Set<String> ACCEPTED_TYPES = Set.of(
      "image/jpeg", "image/jpg", "image/pjpeg", "image/png", "image/bmp", "image/x-bmp", "image/x-ms-bmp",
      "image/gif", "image/tiff", "image/webp", "application/octet-stream",
      // documents: each photo inside is analysed
      "application/pdf", "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
      "application/vnd.openxmlformats-officedocument.presentationml.presentation",
      "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");

  /** One uploaded image: a display name (never a path), the type the client declared, the bytes. */
  record Upload(String name, String declaredType, byte[] data) {
    boolean declaredTypeAccepted() {
      if (declaredType == null || declaredType.isBlank()) {
        return true;
      }
      String type = declaredType.toLowerCase(Locale.ROOT);
      int parameters = type.indexOf(';');
      return ACCEPTED_TYPES.contains((parameters >= 0 ? type.substring(0, parameters) : type).trim());
    }
  }

  private final long maxUploadBytes;

  Uploads(long maxUploadBytes) {
    this.maxUploadBytes = maxUploadBytes;
  }

  /** The largest request body for {@code images} images; larger declared bodies are refused unread. */
  long maxRequestBytes(int images) {
    return maxUploadBytes * images + FORM_OVERHEAD_BYTES;
  }

  /** Refuses a body whose declared length is already over the limit, before anything is read. */
  void checkDeclaredLength(Context ctx, int maxImages) {
    String length = ctx.header(Header.CONTENT_LENGTH);
    if (length == null) {
      return;
    }
    try {
      if (Long.parseLong(length.trim()) > maxRequestBytes(maxImages)) {
        throw ApiException.tooLarge(limitText(maxImages));
      }
    } catch (NumberFormatException e) {
      throw ApiException.badRequest(Problem.of("server.badLength"));
    }
  }

  /** The {@code image} parts, at most {@code maxImages}; at least one, or the request is refused. */
  List<Upload> read(Context ctx, int maxImages) {
    if (!ctx.isMultipartFormData()) {
      throw ApiException.badRequest(Problem.of("server.notMultipart", FIELD));
    }
    List<UploadedFile> files = parts(ctx, maxImages);
    if (files.isEmpty()) {
      throw ApiException.badRequest(Problem.of("server.noField", FIELD));
    }
    if (files.size() > maxImages) {
      throw ApiException.tooLarge(Problem.of("server.tooMany", maxImages));
    }
    List<Upload> uploads = new ArrayList<>(files.size());
    for (UploadedFile file : files) {
      uploads.add(new Upload(displayName(file.filename(), uploads.size() + 1), file.contentType(), bytes(file)));
    }
    return uploads;
  }

  private List<UploadedFile> parts(Context ctx, int maxImages) {
    try {
      return ctx.uploadedFiles(FIELD);
    } catch (Exception e) { // the servlet API's checked ServletException and IOException come through Kotlin undeclared
      // the failed parser leaves the rest of the body unread and unreadable: this connection cannot carry another request
      ctx.header(Header.CONNECTION, "close");
      // Jetty reports an oversized part or body only as "max file size exceeded" / "max length exceeded"
      if (causedByExceededLimit(e)) {
        throw ApiException.tooLarge(limitText(maxImages));
      }
      throw ApiException.badRequest(Problem.of("server.badForm"));
    }
  }

  private Problem limitText(int maxImages) {
    return maxImages == 1 ? Problem.of("server.limitOne", Sizes.format(maxUploadBytes))
        : Problem.of("server.limitMany", Sizes.format(maxUploadBytes), Sizes.format(maxRequestBytes(maxImages)));
  }

  private static boolean causedByExceededLimit(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof IllegalStateException && t.getMessage() != null && t.getMessage().contains("exceeded")) {
        return true;
      }
    }
    return false;
  }

  private static byte[] bytes(UploadedFile file) {
    try (InputStream in = file.content()) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException("An uploaded part could not be read from memory", e); // not user text: a 500, logged
    }
  }

  /**
   * The client's file name reduced to a label: no folders, no control characters, bounded length.
   * It only names the result; nothing is ever opened or written under it.
   */
  static String displayName(String clientName, int index) {
    if (clientName == null) {
      return FIELD + "-" + index;
    }
    String name = clientName.substring(Math.max(clientName.lastIndexOf('/'), clientName.lastIndexOf('\\')) + 1);
    name = name.replaceAll("\\p{Cntrl}", "").strip();
    if (name.length() > 200) {
      name = name.substring(0, 200);
    }
    return name.isEmpty() ? FIELD + "-" + index : name;
  }
}
