package dev.raut.app;

/**
 * Words shown by more than one page (the emotion model is chosen in the gallery and used by Live
 * too), in one place so they can move into resource bundles with the pages' own Strings classes.
 */
public final class AppStrings {
  private AppStrings() {}

  public static final String EMOTION_BUILT_IN = "Built-in (best measured)";
  public static final String EMOTION_LABEL = "Emotion";
  public static final String EMOTION_TIP = "Which model reads each face's emotion: the built-in mini-Xception, or one of"
      + " your imported classifiers that looks at each face (Models page). Used by the gallery and Live.";
  public static final String EMOTION_ACCESSIBLE = "Emotion model";
  public static final String DISMISS = "Dismiss";

  /** The note shown when the chosen emotion model is no longer in the library. */
  public static String emotionModelGone(String name) {
    return "Your emotion model \u201c" + name + "\u201d is no longer in your library: emotions are read by the"
        + " built-in model (mini-Xception) again.";
  }

  /** "Emotions: fer2013 (your model)", for the status bar and Live. */
  public static String emotionsBy(String name) {
    return "emotions: " + name;
  }
}
