package dev.raut.spark;

import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.spark.SparkFiles;

/**
 * Finds what spark-submit shipped with --files or --archives. On YARN, Kubernetes and standalone
 * executors it lands in the working directory; in local mode (and on a Kubernetes driver) in Spark's
 * files folder instead. A relative path is looked up in the working directory first, then there.
 */
final class ShippedFiles {
  private ShippedFiles() {}

  static String locate(String path) {
    if (path == null || Path.of(path).isAbsolute() || Files.exists(Path.of(path))) {
      return path;
    }
    Path shipped = Path.of(SparkFiles.getRootDirectory(), path);
    return Files.exists(shipped) ? shipped.toString() : path;
  }
}
