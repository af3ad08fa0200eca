package dev.raut.core.document;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What reading a document found: photos handed on (failed ones included), images under the
 * minimum size skipped as icons, and pictures that are drawings rather than photos (EMF, WMF, SVG).
 */
public record DocumentSummary(String name, DocumentFormat format, int photos, int smallSkipped, int drawingsSkipped,
    int minPhotoSide) {

  /** True when something was skipped, so a door should say so. */
  public boolean skippedAny() {
    return smallSkipped > 0 || drawingsSkipped > 0;
  }

  /** "report.pdf: 2 photos; skipped 3,000 images under 64 × 64 pixels (icons)". */
  public String message() {
    return name + ": " + count(photos, "photo") + (skippedAny() ? "; skipped " + skipped() : "");
  }

  /** "3,000 images under 64 × 64 pixels (icons), 2 drawings (EMF, WMF or SVG)", or empty. */
  String skipped() {
    List<String> parts = new ArrayList<>();
    if (smallSkipped > 0) {
      parts.add(count(smallSkipped, "image") + " under " + minPhotoSide + " × " + minPhotoSide + " pixels (icons)");
    }
    if (drawingsSkipped > 0) {
      parts.add(count(drawingsSkipped, "drawing") + " (EMF, WMF or SVG, not photos)");
    }
    return String.join(", ", parts);
  }

  static String count(int n, String noun) {
    return String.format(Locale.ROOT, "%,d %s%s", n, noun, n == 1 ? "" : "s");
  }
}
