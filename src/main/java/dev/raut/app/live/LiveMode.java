package dev.raut.app.live;

/** What the Live view analyses on each frame. */
public enum LiveMode {
  FACES_AND_EMOTIONS("Faces & emotions"),
  OBJECTS("Objects"),
  CLASSIFIER("My classifier");

  private final String label;

  LiveMode(String label) {
    this.label = label;
  }

  @Override
  public String toString() {
    return label;
  }
}
