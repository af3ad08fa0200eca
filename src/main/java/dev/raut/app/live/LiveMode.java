package dev.raut.app.live;

/** What the Live view analyses on each frame (its words are the analysis list's: {@link LiveChoice}). */
public enum LiveMode {
  FACES_AND_EMOTIONS,
  OBJECTS,
  CLASSIFIER
}
