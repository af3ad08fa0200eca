package dev.raut.core.camera;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The process's resident memory, for soak runs: native Mats and tensors do not show in the Java heap. */
public final class ProcessMemory {
  private ProcessMemory() {}

  /** Resident set size in MB from /proc/self/status (VmRSS) on Linux; -1 where that is not available. */
  public static double rssMb() {
    try {
      List<String> lines = Files.readAllLines(Path.of("/proc/self/status"));
      for (String line : lines) {
        if (line.startsWith("VmRSS:")) {
          String kb = line.substring(6).trim().split("\\s+")[0];
          return Math.round(Long.parseLong(kb) / 102.4) / 10.0;
        }
      }
    } catch (IOException | RuntimeException e) {
      return -1;
    }
    return -1;
  }
}
