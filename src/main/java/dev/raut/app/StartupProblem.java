package dev.raut.app;

import dev.raut.core.text.Messages;
import java.util.Optional;

/**
 * Why the desktop app's window could not open, in one sentence a user can act on. JavaFX reports
 * a missing GTK 3 as an exception ("Unable to load glass GTK library") deep in its launcher; a
 * stack trace tells a new user nothing about which package to install. In the system's language
 * (the window, where a choice would be saved, never opened).
 */
public final class StartupProblem {
  /** The words JavaFX's Linux toolkit uses when libgtk-3 cannot be loaded. */
  static final String GTK_MISSING = "Unable to load glass GTK library"; // not user text: JavaFX's words, matched

  private StartupProblem() {}

  /** The sentence for a launch failure Raut knows how to explain; empty for anything else. */
  public static Optional<String> explain(Throwable launchFailure) {
    for (Throwable t = launchFailure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t.getMessage() != null && t.getMessage().contains(GTK_MISSING)) {
        return Optional.of(Messages.text("app.startup.gtk"));
      }
    }
    return Optional.empty();
  }
}
