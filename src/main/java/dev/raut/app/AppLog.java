package dev.raut.app;

/** Where the desktop app's log goes. */
public final class AppLog {
  private AppLog() {}

  /**
   * The desktop app logs to {@code raut.log} in the user's data folder (a double-clicked app has no
   * console to read); set before the first logger exists, since slf4j-simple reads it once. With
   * {@code -Draut.timing=true}, or a log file chosen on the command line, the log goes there instead.
   */
  public static void toFile() {
    String property = "org.slf4j.simpleLogger.logFile";
    if (System.getProperty(property) != null) {
      return;
    }
    if (Boolean.getBoolean(RautApp.TIMING_PROPERTY)) {
      System.setProperty(property, "System.err");
      System.setProperty("org.slf4j.simpleLogger.log." + RautApp.class.getName(), "info");
      return;
    }
    java.nio.file.Path folder = dev.raut.core.classify.ClassifierLibrary.defaultDataRoot();
    try {
      java.nio.file.Files.createDirectories(folder);
      System.setProperty(property, folder.resolve("raut.log").toString());
      System.setProperty("org.slf4j.simpleLogger.showDateTime", "true");
      System.setProperty("org.slf4j.simpleLogger.dateTimeFormat", "yyyy-MM-dd HH:mm:ss"); // not user text
    } catch (java.io.IOException | RuntimeException e) {
      // no writable data folder: the log stays on standard error, where slf4j-simple puts it by default
    }
  }
}
