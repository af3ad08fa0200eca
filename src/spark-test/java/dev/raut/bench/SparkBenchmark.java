package dev.raut.bench;

import dev.raut.core.analysis.AnalysisRequest;
import dev.raut.core.analysis.Analyzer;
import dev.raut.core.analysis.BatchAnalyzer;
import dev.raut.core.analysis.Engine;
import dev.raut.core.analysis.ResultJson;
import dev.raut.core.image.ImageFiles;
import dev.raut.core.model.ModelStore;
import dev.raut.spark.RautSpark;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.spark.sql.SparkSession;

/**
 * The Spark job in local[2] against {@code raut analyze}'s batch on the same photos and cores, and
 * the job's time per photo from 1,000 to 20,000 photos. Both sides run warm (models loaded, Spark
 * session up): what is compared is the per-photo cost of the door, not JVM or model start-up.
 * Runs alternate between the two sides so a change in the machine's load hits both. Prints medians.
 *
 * <p>{@code mvn -q -B test-compile exec:exec@spark-bench -Dbench.args="[--dev DIR] [--runs N] [--scale-runs N] [--sizes 1000,...] [--work DIR]"}
 * (docs/spark.md). Copies for the scaling series are hard links (or copies) under {@code --work}
 * (default /tmp/raut-spark-bench), never in the repository.
 */
public final class SparkBenchmark {
  private SparkBenchmark() {}

  public static void main(String[] args) throws Exception {
    Path dev = Path.of("/work/shared/data/faces-emotion-dev/images");
    Path work = Path.of("/tmp/raut-spark-bench");
    int runs = 5;
    int scaleRuns = 3;
    List<Integer> sizes = List.of(1000, 2000, 5000, 10000, 20000);
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--dev" -> dev = Path.of(args[++i]);
        case "--runs" -> runs = Integer.parseInt(args[++i]);
        case "--scale-runs" -> scaleRuns = Integer.parseInt(args[++i]);
        case "--work" -> work = Path.of(args[++i]);
        case "--sizes" -> sizes = Arrays.stream(args[++i].split(",")).map(Integer::parseInt).toList();
        default -> throw new IllegalArgumentException("Unknown argument " + args[i]);
      }
    }
    Files.createDirectories(work);
    System.out.printf(Locale.ROOT, "%d cores, Java %s, load average at start %s%n",
        Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"), loadAverage());
    SparkSession spark = SparkSession.builder().master("local[2]").appName("raut-spark-bench")
        .config("spark.ui.enabled", "false").config("spark.driver.host", "127.0.0.1")
        .config("spark.driver.bindAddress", "127.0.0.1").getOrCreate();
    try (Engine engine = Engine.openDefault()) {
      AnalysisRequest request = AnalysisRequest.facesAndEmotions();
      engine.warmUp(request);
      BatchAnalyzer batch = new BatchAnalyzer(new Analyzer(engine), 2);
      Path samples = ModelStore.defaultStore().samplesDir("face-api-samples");
      // six photos take a tenth of a second: repeat them (as AnalyzeBenchmark does) so a job's fixed cost is measured fairly
      compare("6 samples x 50 (300 photos)", repeatedList(work, samples, 50), batch, request, spark, work, runs);
      compare("6 samples, one job", repeatedList(work, samples, 1), batch, request, spark, work, runs);
      compare("766 dev faces", repeatedList(work, dev, 1), batch, request, spark, work, runs);
      scaling(dev, sizes, spark, work, scaleRuns);
    } finally {
      spark.stop();
    }
    System.out.printf(Locale.ROOT, "load average at end %s%n", loadAverage());
  }

  /** Medians of both doors on the photos listed in {@code list}, alternating run by run. */
  private static void compare(String name, Path list, BatchAnalyzer batch, AnalysisRequest request, SparkSession spark,
      Path work, int runs) throws IOException {
    List<Path> files = Files.readAllLines(list).stream().map(Path::of).toList();
    double[] cli = new double[runs];
    double[] job = new double[runs];
    cliRun(files, batch, request, work);
    sparkRun(spark, work, "--paths-from", list.toString());
    for (int run = 0; run < runs; run++) {
      cli[run] = cliRun(files, batch, request, work);
      job[run] = sparkRun(spark, work, "--paths-from", list.toString());
    }
    double cliRate = files.size() / median(cli);
    double jobRate = files.size() / median(job);
    System.out.printf(Locale.ROOT, "%-28s raut analyze %6.1f photos/s, Spark local[2] %6.1f photos/s: overhead %+.1f%%"
        + "  (medians of %d; seconds cli %s, spark %s)%n", name, cliRate, jobRate, 100 * (cliRate / jobRate - 1), runs,
        rounded(cli), rounded(job));
  }

  /** Spark only: milliseconds per photo for growing folders of copies of the dev faces. */
  private static void scaling(Path dev, List<Integer> sizes, SparkSession spark, Path work, int runs) throws IOException {
    List<Path> faces = ImageFiles.expand(List.of(dev));
    int largest = Collections.max(sizes);
    List<String> folders = copies(faces, work.resolve("copies"), largest);
    for (int size : sizes) {
      List<String> inputs = folders.subList(0, (size + 999) / 1000);
      double[] seconds = new double[runs];
      for (int run = 0; run < runs; run++) {
        List<String> args = new ArrayList<>(inputs);
        seconds[run] = sparkRun(spark, work, args.toArray(String[]::new));
      }
      System.out.printf(Locale.ROOT, "%,7d photos: %.2f ms per photo, %.1f photos/s  (median of %d; seconds %s)%n", size,
          1000 * median(seconds) / size, size / median(seconds), runs, rounded(seconds));
    }
  }

  /** Wall seconds of raut analyze's batch (two threads, as its --threads default here) writing JSON Lines. */
  private static double cliRun(List<Path> files, BatchAnalyzer batch, AnalysisRequest request, Path work)
      throws IOException {
    Path out = work.resolve("cli.jsonl");
    long start = System.nanoTime();
    try (BufferedWriter writer = Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
      batch.run(files, request, result -> {
        try {
          writer.write(ResultJson.line(result));
          writer.newLine();
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }, (d, t) -> { }, new AtomicBoolean());
    }
    return (System.nanoTime() - start) / 1e9;
  }

  /** Wall seconds of one Spark job, JSON output, listing included. */
  private static double sparkRun(SparkSession spark, Path work, String... inputs) {
    List<String> args = new ArrayList<>(List.of(inputs));
    args.addAll(List.of("--out", work.resolve("spark-out").toString(), "--overwrite"));
    StringWriter err = new StringWriter();
    long start = System.nanoTime();
    int exit = RautSpark.commandLine(new RautSpark(spark)).setOut(new PrintWriter(new StringWriter()))
        .setErr(new PrintWriter(err)).execute(args.toArray(String[]::new));
    double seconds = (System.nanoTime() - start) / 1e9;
    if (exit != 0) {
      throw new IllegalStateException("The Spark job failed: " + err);
    }
    return seconds;
  }

  /** A list file naming every photo in {@code folder} {@code times} times. */
  private static Path repeatedList(Path work, Path folder, int times) throws IOException {
    List<String> lines = new ArrayList<>();
    List<Path> files = ImageFiles.expand(List.of(folder));
    for (int i = 0; i < times; i++) {
      files.forEach(f -> lines.add(f.toAbsolutePath().toString()));
    }
    Path list = work.resolve(folder.getFileName() + "-x" + times + ".txt");
    Files.write(list, lines);
    return list;
  }

  /** {@code count} photos made from {@code faces}, 1,000 per folder; returns the folders in order. */
  private static List<String> copies(List<Path> faces, Path root, int count) throws IOException {
    List<String> folders = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      Path folder = root.resolve(String.format(Locale.ROOT, "%03d", i / 1000));
      if (i % 1000 == 0) {
        Files.createDirectories(folder);
        folders.add(folder.toString());
      }
      Path copy = folder.resolve(String.format(Locale.ROOT, "%05d.jpg", i));
      if (!Files.exists(copy)) {
        Path face = faces.get(i % faces.size());
        try {
          Files.createLink(copy, face);
        } catch (IOException | UnsupportedOperationException e) {
          Files.copy(face, copy);
        }
      }
    }
    return folders;
  }

  private static String loadAverage() {
    try {
      return Files.readString(Path.of("/proc/loadavg")).strip();
    } catch (IOException e) {
      return "unknown";
    }
  }

  private static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    int n = sorted.length;
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  }

  private static String rounded(double[] values) {
    return Arrays.toString(Arrays.stream(values).map(v -> Math.round(v * 100) / 100.0).toArray());
  }
}
