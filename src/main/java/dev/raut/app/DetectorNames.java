package dev.raut.app;

import dev.raut.core.analysis.DetectorChoice;
import javafx.util.StringConverter;

/** The face detectors' names as every page of the app shows them: one vocabulary for the gallery, Evaluate and Live. */
public final class DetectorNames {
  private DetectorNames() {}

  public static String of(DetectorChoice d) {
    return switch (d) {
      case AUTO -> "Automatic (best for photos)";
      case BACK -> "BlazeFace back (group photos)";
      case FRONT -> "BlazeFace front (near faces)";
      case HAAR -> "Haar cascade (OpenCV)";
      case NONE -> "None (each photo is a face crop)";
    };
  }

  /** For a combo or choice box of detectors (not editable). */
  public static StringConverter<DetectorChoice> converter() {
    return new StringConverter<>() {
      @Override
      public String toString(DetectorChoice d) {
        return d == null ? "" : of(d);
      }

      @Override
      public DetectorChoice fromString(String s) {
        throw new UnsupportedOperationException("not editable");
      }
    };
  }
}
