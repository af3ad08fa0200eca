package dev.raut;

import dev.raut.app.AppLog;
import dev.raut.app.RautApp;
import dev.raut.cli.RautCommand;

/**
 * Entry point of {@code raut.jar}: with arguments it is the command line, without it opens the app.
 * A plain class on purpose: a main class that extends JavaFX's Application fails from the classpath.
 */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    if (args.length == 0) {
      AppLog.toFile(); // before any class that holds a logger is loaded
      RautApp.launchApp(args);
      return;
    }
    System.exit(RautCommand.execute(args));
  }
}
