package dev.raut.core.analysis;

import java.util.Locale;

/** Which face detector to use. */
public enum DetectorChoice {
  /** BlazeFace front 128: faces at webcam distance. */
  FRONT,
  /** BlazeFace back 256: smaller faces, group photos. */
  BACK,
  /** OpenCV's Haar cascade. */
  HAAR,
  /** No detection: the whole image is one face crop (pre-cropped datasets such as FER2013). */
  NONE,
  /** The best choice for photos, by measurement: BlazeFace back, then front on a bordered image if it finds nothing. */
  AUTO;

  public String cliName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static DetectorChoice parse(String text) {
    try {
      return valueOf(text.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("Unknown detector '" + text + "': use front, back, haar, none or auto");
    }
  }
}
