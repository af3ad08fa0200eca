package dev.raut.spark;

import dev.raut.cli.AnalysisOptions;
import dev.raut.cli.PhotoOptions;
import dev.raut.core.analysis.AnalysisRequest;
import dev.raut.core.onnx.ModelLoadException;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.SparkContext;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.util.SerializableConfiguration;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code raut analyze} as a Spark application, for archives too large for one computer: the same
 * options, engine, models and result schema, with photos read from any Hadoop file system and one
 * engine per executor. Run it with spark-submit (docs/spark.md).
 */
@Command(name = "raut-spark", mixinStandardHelpOptions = true, sortOptions = false,
    versionProvider = RautSpark.Version.class,
    description = {"Analyse photos on a Spark cluster, like 'raut analyze': faces, emotions, objects, or your own classifier.",
        "PATH is a folder (searched recursively), a file or a glob on any Hadoop file system (file:, hdfs://, s3a://).",
        "A broken photo is a row with its error; the job goes on. Exit code: 0 done, 1 the job failed, 2 usage error."})
public final class RautSpark implements Callable<Integer> {
  /** Photos per Spark task when there are many: short enough for steady progress and cheap retries. */
  static final int PHOTOS_PER_TASK = 1000;

  @Parameters(paramLabel = "PATH", arity = "0..*", description = "Folders, files or globs.")
  List<String> inputs = new ArrayList<>();

  @Option(names = "--paths-from", paramLabel = "FILE",
      description = "A text file with one photo path per line (relative ones are relative to the file's folder).")
  String pathsFrom;

  @Option(names = "--out", paramLabel = "DIR", required = true, description = "Output folder (any Hadoop file system).")
  String out;

  @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "json",
      description = "json (JSON Lines, exactly raut analyze's lines) or parquet (default: ${DEFAULT-VALUE}).")
  ResultFormat format;

  @Option(names = "--partition-by", paramLabel = "COLUMN", split = ",",
      description = "Partition the output into folders by ${COMPLETION-CANDIDATES} (comma-separated).")
  List<PartitionColumn> partitionBy = new ArrayList<>();

  @Option(names = "--skip-done", description = "Add to an existing output, skipping photos already in it (resume a job).")
  boolean skipDone;

  @Option(names = "--overwrite", description = "Replace an existing output.")
  boolean overwrite;

  @Option(names = "--models", paramLabel = "DIR",
      description = "The model cache on the executors, e.g. an --archives folder (default: each executor's Raut cache).")
  String models;

  @Option(names = "--partitions", paramLabel = "N",
      description = "Spark tasks per batch (default: 3 per core, or one per " + PHOTOS_PER_TASK + " photos if more).")
  Integer partitions;

  @Option(names = "--batch", paramLabel = "N", defaultValue = "100000",
      description = "Photos per Spark job: each batch is committed to the output when done (default: ${DEFAULT-VALUE}).")
  int batch;

  @CommandLine.Mixin
  AnalysisOptions analysis;

  @CommandLine.Mixin
  PhotoOptions photo;

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  private final SparkSession spark;
  private JobCounters.Summary summary;

  public RautSpark(SparkSession spark) {
    this.spark = spark;
  }

  /** spark-submit's entry point. */
  public static void main(String[] args) {
    SparkSession spark = SparkSession.builder().appName("raut analyze").getOrCreate();
    int exit;
    try {
      exit = commandLine(new RautSpark(spark)).execute(args);
    } finally {
      spark.stop();
    }
    System.exit(exit);
  }

  public static CommandLine commandLine(RautSpark job) {
    // the shared options' help texts come from the CLI's bundle
    return dev.raut.cli.CliTexts.apply(new CommandLine(job)).setCaseInsensitiveEnumValuesAllowed(true)
        .setExitCodeExceptionMapper(e -> e instanceof CommandLine.ParameterException ? 2 : 1);
  }

  /** What the last run did (null before a run). */
  public JobCounters.Summary summary() {
    return summary;
  }

  @Override
  public Integer call() throws IOException {
    AnalysisRequest request = photo.toRequest(analysis);
    CommandLine cli = spec.commandLine();
    if (inputs.isEmpty() && pathsFrom == null) {
      throw new CommandLine.ParameterException(cli, "Give the photos: PATH... or --paths-from FILE");
    }
    if (batch < 1 || partitions != null && partitions < 1) {
      throw new CommandLine.ParameterException(cli, "--batch and --partitions must be at least 1");
    }
    if (skipDone && overwrite) {
      throw new CommandLine.ParameterException(cli, "--skip-done continues an output, --overwrite replaces it: choose one");
    }
    ResultOutput output = new ResultOutput(spark, out, format, partitionBy);
    boolean exists = output.exists();
    if (exists && !skipDone && !overwrite) {
      throw new CommandLine.ParameterException(cli, "The output " + out + " exists: add --skip-done to continue it"
          + " (photos already in it are skipped) or --overwrite to replace it");
    }
    PrintWriter err = cli.getErr();
    try {
      summary = run(request, output, exists);
    } catch (Exception e) {
      // Spark's own failures are checked SparkExceptions, thrown through Scala code that declares nothing
      err.println("raut-spark: " + reason(e));
      err.flush();
      return 1;
    }
    cli.getOut().println(describe(summary));
    cli.getOut().flush();
    return 0;
  }

  private JobCounters.Summary run(AnalysisRequest request, ResultOutput output, boolean exists) throws IOException {
    long start = System.nanoTime();
    SparkContext sc = spark.sparkContext();
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(sc);
    Configuration conf = sc.hadoopConfiguration();
    jsc.setJobDescription("Raut: finding photos");
    List<String> photos = new ArrayList<>(PhotoListing.expand(conf, inputs));
    if (pathsFrom != null) {
      photos.addAll(PhotoListing.fromList(conf, pathsFrom));
    }
    List<String> todo = photos;
    if (skipDone && exists) {
      jsc.setJobDescription("Raut: reading which photos " + out + " already has");
      Set<String> done = output.doneFiles();
      todo = photos.stream().filter(p -> !done.contains(p)).toList();
    }
    JobCounters counters = new JobCounters(sc);
    Broadcast<SerializableConfiguration> hadoopConf = jsc.broadcast(new SerializableConfiguration(conf));
    PhotoTask task = new PhotoTask(request, models, hadoopConf, counters, format, partitionBy);
    for (int from = 0; from < todo.size(); from += batch) {
      List<String> slice = todo.subList(from, Math.min(todo.size(), from + batch));
      String what = String.format(Locale.ROOT, "Raut: photos %,d-%,d of %,d (%s) -> %s %s", from + 1, from + slice.size(),
          todo.size(), asked(request), format, out);
      jsc.setJobDescription(what);
      jsc.setCallSite(what);
      int tasks = partitions != null ? partitions : defaultPartitions(slice.size(), sc.defaultParallelism());
      SaveMode mode = from > 0 || exists && skipDone ? SaveMode.Append
          : overwrite ? SaveMode.Overwrite : SaveMode.ErrorIfExists;
      output.write(jsc.parallelize(slice, tasks).mapPartitions(task), mode);
    }
    jsc.clearCallSite();
    jsc.setJobDescription(null);
    return counters.summary(photos.size(), photos.size() - todo.size(), (System.nanoTime() - start) / 1e9);
  }

  /** Enough tasks to keep every core busy to the end (3 per core), and no task of more than PHOTOS_PER_TASK photos. */
  static int defaultPartitions(int photos, int cores) {
    int tasks = Math.max(3 * cores, (photos + PHOTOS_PER_TASK - 1) / PHOTOS_PER_TASK);
    return Math.max(1, Math.min(photos, tasks));
  }

  private static String asked(AnalysisRequest r) {
    List<String> parts = new ArrayList<>();
    if (r.faces()) {
      parts.add("faces");
    }
    if (r.emotions()) {
      parts.add("emotions");
    }
    if (r.objects()) {
      parts.add("objects");
    }
    if (r.classifier() != null) {
      parts.add("classifier");
    }
    return String.join(", ", parts);
  }

  static String describe(JobCounters.Summary s) {
    StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "raut-spark: %,d photos analysed", s.photos()));
    if (s.skipped() > 0) {
      line.append(String.format(Locale.ROOT, " (%,d of %,d already in the output, skipped)", s.skipped(), s.listed()));
    }
    line.append(String.format(Locale.ROOT, ", %,d faces, %,d errors", s.faces(), s.errorCount()));
    if (!s.errors().isEmpty()) {
      List<String> codes = new ArrayList<>();
      new java.util.TreeMap<>(s.errors()).forEach((code, n) -> codes.add(code + " " + n));
      line.append(" (").append(String.join(", ", codes)).append(')');
    }
    line.append(String.format(Locale.ROOT, "; %d engine(s) loaded; %.1f s", s.enginesLoaded(), s.seconds()));
    if (s.photos() > 0) {
      line.append(String.format(Locale.ROOT, ", %.1f photos/s", s.photos() / s.seconds()));
    }
    return line.toString();
  }

  /**
   * A model that cannot load fails every task: say so in its own words, not Spark's stack of wrappers.
   * An executor's exception reaches the driver as text inside Spark's message, so look there too.
   */
  static String reason(Throwable e) {
    String marker = ModelLoadException.class.getName() + ": ";
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof ModelLoadException) {
        return t.getMessage();
      }
      String message = String.valueOf(t.getMessage());
      int at = message.indexOf(marker);
      if (at >= 0) {
        return message.substring(at + marker.length()).lines().findFirst().orElse("");
      }
    }
    String message = String.valueOf(e.getMessage());
    return message.lines().findFirst().orElse(message);
  }

  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {"raut-spark " + dev.raut.cli.RautCommand.version()};
    }
  }
}
