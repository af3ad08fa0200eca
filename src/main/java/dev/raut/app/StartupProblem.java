package dev.raut.app;

import java.util.Optional;

/**
 * Why the desktop app's window could not open, in one sentence a user can act on. JavaFX reports
 * a missing GTK 3 as an exception ("Unable to load glass GTK library") deep in its launcher; a
 * stack trace tells a new user nothing about which package to install.
 */
public final class StartupProblem {
  /** The words JavaFX's Linux toolkit uses when libgtk-3 cannot be loaded. */
  static final String GTK_MISSING = "Unable to load glass GTK library";
  static final String GTK_ADVICE = "Raut's window needs GTK 3, which this system lacks: install the package "
      + "libgtk-3-0 (Debian, Ubuntu; 'gtk3' on Fedora), or use the command line (raut --help).";

  private StartupProblem() {}

  /** The sentence for a launch failure Raut knows how to explain; empty for anything else. */
  public static Optional<String> explain(Throwable launchFailure) {
    for (Throwable t = launchFailure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t.getMessage() != null && t.getMessage().contains(GTK_MISSING)) {
        return Optional.of(GTK_ADVICE);
      }
    }
    return Optional.empty();
  }
}
