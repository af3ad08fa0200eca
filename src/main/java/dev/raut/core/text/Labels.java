package dev.raut.core.text;

import java.util.Locale;

/**
 * The display names of the labels Raut's own models give (emotions, genders, COCO objects), in the
 * current language. JSON keeps the model's own label; only people-facing text goes through here.
 * A label without a translation (a user's own classifier's "batik_parang") is shown as it is.
 */
public final class Labels {
  private Labels() {}

  /** "happy" → "happy" / "senang". */
  public static String emotion(String label) {
    return lookup("labels.emotion.", label);
  }

  /** "female" → "female" / "perempuan". */
  public static String gender(String label) {
    return lookup("labels.gender.", label);
  }

  /** A COCO-80 name: "traffic light" → "traffic light" / "lampu lalu lintas". */
  public static String object(String label) {
    return lookup("labels.object.", label);
  }

  /** Any label of Raut's own models, whichever kind it is; a user's label as it is. */
  public static String any(String label) {
    for (String prefix : new String[] {"labels.emotion.", "labels.gender.", "labels.object."}) {
      String key = prefix + keyOf(label);
      if (Messages.has(key)) {
        return Messages.text(key);
      }
    }
    return label;
  }

  private static String lookup(String prefix, String label) {
    String key = prefix + keyOf(label);
    return Messages.has(key) ? Messages.text(key) : label;
  }

  /** "traffic light" → "traffic_light": a properties key has no spaces. */
  static String keyOf(String label) {
    return label.trim().toLowerCase(Locale.ROOT).replace(' ', '_');
  }
}
