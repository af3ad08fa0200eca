package dev.raut.server;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Byte sizes as people write them: "10MB", "512 KB", "1.5 GB" (binary units, as upload limits usually are). */
public final class Sizes {
  private static final Pattern SIZE = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*([KMG]?)(?:I?B)?", Pattern.CASE_INSENSITIVE);

  private Sizes() {}

  /** Parses "10MB", "10M", "10 MiB", "800KB" or a plain byte count. */
  public static long parse(String text) {
    Matcher m = SIZE.matcher(text.trim());
    if (!m.matches()) {
      throw new IllegalArgumentException("'" + text + "' is not a size: write it like 10MB, 800KB or 1048576");
    }
    double number = Double.parseDouble(m.group(1));
    long unit = switch (m.group(2).toUpperCase(Locale.ROOT)) {
      case "K" -> 1024L;
      case "M" -> 1024L * 1024;
      case "G" -> 1024L * 1024 * 1024;
      default -> 1L;
    };
    return Math.round(number * unit);
  }

  /** "10 MB", "640 KB", "17 bytes". */
  public static String format(long bytes) {
    if (bytes >= 1024L * 1024 * 1024 && bytes % (1024L * 1024 * 1024) == 0) {
      return bytes / (1024L * 1024 * 1024) + " GB";
    }
    if (bytes >= 1024L * 1024) {
      return trim(bytes / (1024.0 * 1024)) + " MB";
    }
    if (bytes >= 1024) {
      return trim(bytes / 1024.0) + " KB";
    }
    return bytes + (bytes == 1 ? " byte" : " bytes");
  }

  private static String trim(double value) {
    return value == Math.rint(value) ? Long.toString((long) value) : String.format(Locale.ROOT, "%.1f", value);
  }
}
