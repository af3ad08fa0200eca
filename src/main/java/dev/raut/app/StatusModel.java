package dev.raut.app;

import dev.raut.core.text.Messages;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * What the status bar shows; presenters set it on the FX thread. A message may carry one action
 * (the gallery's "Undo" after a removal), shown as a link beside it until the next message.
 */
public final class StatusModel {
  private final ReadOnlyStringWrapper engineState = new ReadOnlyStringWrapper(Messages.text("app.status.starting"));
  private final ReadOnlyStringWrapper modelInUse = new ReadOnlyStringWrapper("");
  private final ReadOnlyStringWrapper counts = new ReadOnlyStringWrapper("");
  private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
  private final ReadOnlyStringWrapper actionText = new ReadOnlyStringWrapper("");
  private Runnable action;

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

  /** The name of the message's action ("Undo (Ctrl+Z)"), or empty when it has none. */
  public ReadOnlyStringProperty actionTextProperty() {
    return actionText.getReadOnlyProperty();
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

  /** A short message for the user (an export written, files that were not images...); it has no action. */
  public void setMessage(String text) {
    setMessage(text, null, null);
  }

  /** A message with an action beside it, named {@code actionName}; a later message replaces both. */
  public void setMessage(String text, String actionName, Runnable run) {
    action = actionName == null ? null : run;
    actionText.set(action == null ? "" : actionName);
    message.set(text);
  }

  /** What the action link does when clicked: runs the message's action, if it has one. */
  public void runAction() {
    Runnable run = action;
    if (run != null) {
      run.run();
    }
  }
}
