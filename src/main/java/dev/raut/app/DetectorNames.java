package dev.raut.app;

import dev.raut.core.analysis.DetectorChoice;
import dev.raut.core.text.Messages;
import javafx.util.StringConverter;

/** The face detectors' names as every page of the app shows them: one vocabulary for the gallery, Evaluate and Live. */
public final class DetectorNames {
  private DetectorNames() {}

  public static String of(DetectorChoice d) {
    return Messages.text("app.detector." + d.name().toLowerCase(java.util.Locale.ROOT));
  }

  /** For a combo or choice box of detectors (not editable). */
  public static StringConverter<DetectorChoice> converter() {
    return ChoiceNames.of(DetectorNames::of);
  }
}
