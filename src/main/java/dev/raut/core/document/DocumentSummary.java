package dev.raut.core.document;

import dev.raut.core.text.Problem;

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

  /** "report.pdf: 2 photos; skipped 3,000 images under 64 × 64 pixels (icons)", in the current language. */
  public String message() {
    return problem().text();
  }

  /** The same as a text key and arguments, for a door that speaks another language (the server, per request). */
  public Problem problem() {
    return skippedAny() ? Problem.of("errors.document.summarySkipped", name, photos, skipped())
        : Problem.of("errors.document.summary", name, photos);
  }

  /** "3,000 images under 64 × 64 pixels (icons), 2 drawings (EMF, WMF or SVG)"; only when {@link #skippedAny()}. */
  Problem skipped() {
    if (smallSkipped > 0 && drawingsSkipped > 0) {
      return Problem.of("errors.document.part.then", Problem.of("errors.document.skippedSmall", smallSkipped, minPhotoSide),
          Problem.of("errors.document.skippedDrawings", drawingsSkipped));
    }
    return smallSkipped > 0 ? Problem.of("errors.document.skippedSmall", smallSkipped, minPhotoSide)
        : Problem.of("errors.document.skippedDrawings", drawingsSkipped);
  }
}
