package dev.raut.app;

import dev.raut.core.text.Messages;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/** What the status bar shows; presenters set it on the FX thread. */
public final class StatusModel {
  private final ReadOnlyStringWrapper engineState = new ReadOnlyStringWrapper(Messages.text("app.status.starting"));
  private final ReadOnlyStringWrapper modelInUse = new ReadOnlyStringWrapper("");
  private final ReadOnlyStringWrapper counts = new ReadOnlyStringWrapper("");
  private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");

  public ReadOnlyStringProperty engineStateProperty() {
    return engineState.getReadOnlyProperty();
  }

  public ReadOnlyStringProperty modelInUseProperty() {
    return modelInUse.getReadOnlyProperty();
  }

  public ReadOnlyStringProperty countsProperty() {
    return counts.getReadOnlyProperty();
  }

  public ReadOnlyStringProperty messageProperty() {
    return message.getReadOnlyProperty();
  }

  public void setEngineState(String text) {
    engineState.set(text);
  }

  public void setModelInUse(String text) {
    modelInUse.set(text);
  }

  public void setCounts(String text) {
    counts.set(text);
  }

  /** A short message for the user (an export written, files that were not images...). */
  public void setMessage(String text) {
    message.set(text);
  }
}
