package dev.raut.core.classify;

/** What an imported classifier looks at: the whole photo, or the crop of each detected face. */
public enum ClassifierScope {
  /** Whole photo: a painting genre, a batik motif, a skin condition. Answers go to {@code classes}. */
  IMAGE,
  /** Each face's crop: a user's own emotion, age group or mask model. Answers go to {@code faces[].classes}. */
  FACE;

  /** The CLI and card spelling: {@code image} or {@code face}. */
  public String id() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }

  public static ClassifierScope fromId(String id) {
    for (ClassifierScope s : values()) {
      if (s.id().equalsIgnoreCase(id.strip())) {
        return s;
      }
    }
    throw new IllegalArgumentException("Unknown scope '" + id + "': use image or face");
  }
}
