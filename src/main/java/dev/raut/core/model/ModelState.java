package dev.raut.core.model;

/** Whether a model's artifact is in the cache and matches its card. */
public enum ModelState {
  READY("ready"),
  MISSING("not fetched"),
  CORRUPT("corrupt (hash mismatch)");

  private final String text;

  ModelState(String text) {
    this.text = text;
  }

  public String text() {
    return text;
  }
}
