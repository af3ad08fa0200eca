package dev.raut.cli;

import java.nio.file.Files;
import java.nio.file.Path;

/** Whether stderr goes to a terminal (Java can only tell for stdin/stdout, so ask /proc where there is one). */
final class TerminalCheck {
  private TerminalCheck() {}

  static boolean stderrIsTerminal() {
    Path fd2 = Path.of("/proc/self/fd/2");
    try {
      if (Files.exists(fd2)) {
        String target = Files.readSymbolicLink(fd2).toString();
        return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
      }
    } catch (Exception e) {
      return false;
    }
    return System.console() != null;
  }
}
