package dev.raut.spark;

import dev.raut.core.analysis.ImageAnalysis;
import dev.raut.core.analysis.ResultJson;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Reading what the job and raut analyze wrote, for comparing them line by line. */
final class JobOutput {
  private JobOutput() {}

  /** The JSON lines of an output folder, in part-file order (each part is one task's photos, in order). */
  static List<String> partLines(Path output) throws IOException {
    List<String> lines = new ArrayList<>();
    try (Stream<Path> files = Files.walk(output)) {
      for (Path part : files.filter(p -> p.getFileName().toString().startsWith("part-")).sorted().toList()) {
        lines.addAll(Files.readAllLines(part, StandardCharsets.UTF_8));
      }
    }
    return lines;
  }

  /** raut analyze's lines from a file, with each local path named as the job names it (file:/...). */
  static List<String> cliLinesAsSpark(Path cliOutput) throws IOException {
    return Files.readAllLines(cliOutput, StandardCharsets.UTF_8).stream().map(line -> {
      ImageAnalysis result = ResultJson.parse(line);
      return ResultJson.line(result.withFile("file:" + result.file()));
    }).toList();
  }
}
