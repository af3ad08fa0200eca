package dev.raut.spark;

import static org.assertj.core.api.Assertions.assertThat;

import dev.raut.cli.RautCommand;
import dev.raut.core.analysis.ImageAnalysis;
import dev.raut.core.analysis.ResultJson;
import dev.raut.testing.GeneratedPhotos;
import dev.raut.testing.Samples;
import dev.raut.testing.TestDocuments;
import dev.raut.testing.TestPhotos;
import dev.raut.testing.TinyClassifier;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.scheduler.SparkListenerStageSubmitted;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.MapType;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The Spark job in local mode (local[2]: two task threads in this JVM, as on a two-core executor) on
 * real photos and broken files, checked row by row against {@code raut analyze} run in-process.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RautSparkLocalTest {
  private static SparkSession spark;

  @TempDir
  static Path dir;

  private static Path photos;

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();
  private JobCounters.Summary summary;

  @BeforeAll
  static void start() throws IOException {
    spark = SparkSession.builder().master("local[2]").appName("raut-spark-test")
        .config("spark.ui.enabled", "false")
        .config("spark.driver.host", "127.0.0.1")
        .config("spark.driver.bindAddress", "127.0.0.1")
        .getOrCreate();
    photos = Files.createDirectories(dir.resolve("photos"));
    Path groups = Files.createDirectories(photos.resolve("samples/groups"));
    for (int i = 1; i <= 6; i++) {
      Files.copy(Samples.photo(i), (i <= 3 ? photos.resolve("samples") : groups).resolve("sample" + i + ".jpg"));
    }
    GeneratedPhotos.write(photos.resolve("generated"), GeneratedPhotos.KINDS, 2, 7);
    Files.write(photos.resolve("generated/grey.png"), TestPhotos.solidPng(64, 48, 128));
    Path broken = Files.createDirectories(photos.resolve("broken"));
    Files.write(broken.resolve("empty.jpg"), new byte[0]);
    byte[] whole = Files.readAllBytes(Samples.photo(1));
    Files.write(broken.resolve("cut.jpg"), java.util.Arrays.copyOf(whole, whole.length * 6 / 10));
    Files.writeString(broken.resolve("notes.jpg"), "Shopping list:\n- milk\n- bread\n");
    byte[] random = new byte[4096];
    new Random(7).nextBytes(random);
    random[0] = 0x01;
    Files.write(broken.resolve("random.png"), random);
  }

  @AfterAll
  static void stop() {
    spark.stop();
  }

  @Test
  @Order(1)
  void jsonLinesAreRautAnalyzesLinesInTheSameOrderWithOneEnginePerJvm() throws Exception {
    Path output = dir.resolve("json");
    List<String> jobs = new CopyOnWriteArrayList<>();
    List<String> stages = new CopyOnWriteArrayList<>();
    SparkListener names = new SparkListener() {
      @Override
      public void onJobStart(SparkListenerJobStart start) {
        jobs.add(String.valueOf(start.properties().getProperty("spark.job.description")));
      }

      @Override
      public void onStageSubmitted(SparkListenerStageSubmitted submitted) {
        stages.add(submitted.stageInfo().name());
      }
    };
    spark.sparkContext().addSparkListener(names);
    assertThat(job(photos.toString(), "--out", output.toString())).isZero();
    spark.sparkContext().listenerBus().waitUntilEmpty();
    spark.sparkContext().removeSparkListener(names);
    // what the Spark UI shows for the job and its stage
    String batch = "Raut: photos 1-17 of 17 (faces, emotions) -> json " + output;
    assertThat(jobs).contains(batch);
    assertThat(stages).contains(batch);

    List<String> expected = analyze(photos.toString());
    assertThat(JobOutput.partLines(output)).containsExactlyElementsOf(expected);
    assertThat(expected).hasSize(6 + 7 + 4);
    assertThat(expected).anySatisfy(line -> assertThat(line).contains("\"code\":\"truncated\""));

    List<ImageAnalysis> results = expected.stream().map(ResultJson::parse).toList();
    assertThat(summary.photos()).isEqualTo(results.size());
    assertThat(summary.faces()).isEqualTo(results.stream().mapToLong(r -> r.faces().size()).sum()).isEqualTo(22);
    assertThat(summary.errors()).isEqualTo(Map.of("empty_file", 1L, "truncated", 1L, "not_an_image", 2L));
    // six tasks on two task threads: one engine, loaded once for this JVM
    assertThat(summary.enginesLoaded()).isEqualTo(1);
    assertThat(out.toString()).contains("17 photos analysed", "22 faces, 4 errors", "empty_file 1", "1 engine(s) loaded");

    // a second job in the same JVM reuses that engine
    assertThat(job(photos.resolve("samples").toString(), "--out", dir.resolve("json-again").toString())).isZero();
    assertThat(summary.enginesLoaded()).isZero();
  }

  @Test
  @Order(2)
  void parquetHasNestedColumnsPartitionedByStatusAndTheSameResults() throws IOException {
    Path card = TinyClassifier.writeColourClassifier(dir.resolve("classifier"));
    Path output = dir.resolve("parquet");
    String[] options = {"--faces", "--objects", "--classifier", card.toString()};
    assertThat(job(concat(new String[] {photos.toString(), "--out", output.toString(), "--format", "parquet",
        "--partition-by", "status"}, options))).isZero();

    Dataset<Row> rows = spark.read().parquet(output.toString());
    StructType schema = rows.schema();
    // the JSON's fields in the JSON's order, then the partition column
    assertThat(schema.fieldNames())
        .containsExactly("file", "part", "width", "height", "faces", "objects", "classes", "error", "status");
    StructType face = (StructType) ((ArrayType) schema.apply("faces").dataType()).elementType();
    assertThat(face.fieldNames())
        .containsExactly("box", "score", "keypoints", "emotion", "age", "gender", "landmarks68", "classes");
    assertThat(face.apply("keypoints").dataType())
        .isEqualTo(DataTypes.createArrayType(DataTypes.createArrayType(DataTypes.DoubleType, true), true));
    StructType emotion = (StructType) face.apply("emotion").dataType();
    assertThat(emotion.apply("scores").dataType()).isInstanceOf(MapType.class);
    StructType object = (StructType) ((ArrayType) schema.apply("objects").dataType()).elementType();
    assertThat(object.fieldNames()).containsExactly("label", "score", "box");
    assertThat(((StructType) ((ArrayType) schema.apply("classes").dataType()).elementType()).fieldNames())
        .containsExactly("label", "score");
    assertThat(((StructType) schema.apply("error").dataType()).fieldNames()).containsExactly("code", "message");
    assertThat(output.resolve("status=ok")).isDirectory();
    assertThat(output.resolve("status=not_an_image")).isDirectory();
    assertThat(rows.filter("status = 'truncated'").count()).isEqualTo(1);

    Map<String, String> fromSpark = new TreeMap<>();
    for (String json : rows.drop("status").toJSON().collectAsList()) {
      ImageAnalysis result = ResultJson.parse(json);
      fromSpark.put(result.file(), ResultJson.line(result));
    }
    Map<String, String> fromCli = byFile(analyze(concat(new String[] {photos.toString()}, options)));
    assertThat(fromSpark).isEqualTo(fromCli);
    assertThat(fromCli.values()).anySatisfy(line -> assertThat(line).contains("\"objects\":[{\"label\":\"person\""));
  }

  @Test
  @Order(3)
  void skipDoneResumesWhereAnOutputLeftOff() throws IOException {
    Path output = dir.resolve("resumed");
    Path list = dir.resolve("some.txt");
    Files.writeString(list, "photos/samples/sample1.jpg\n\nphotos/broken/cut.jpg\nphotos/missing.jpg\n");
    assertThat(job("--paths-from", list.toString(), "--out", output.toString())).isZero();
    assertThat(summary.photos()).isEqualTo(3);
    assertThat(summary.errors()).containsEntry("not_found", 1L);
    assertThat(JobOutput.partLines(output)).anySatisfy(line -> assertThat(line).contains("missing.jpg")
        .contains("There is no such file (looked in file:" + photos + ")"));

    assertThat(job(photos.toString(), "--out", output.toString())).isEqualTo(2);
    assertThat(err.toString()).contains("exists: add --skip-done");

    assertThat(job(photos.toString(), "--out", output.toString(), "--skip-done")).isZero();
    assertThat(summary.skipped()).isEqualTo(2);
    assertThat(summary.photos()).isEqualTo(17 - 2);
    List<String> files = JobOutput.partLines(output).stream().map(line -> ResultJson.parse(line).file()).toList();
    assertThat(files).doesNotHaveDuplicates().hasSize(17 + 1);
    Map<String, String> expected = byFile(analyze(photos.toString()));
    assertThat(files).containsAll(expected.keySet());
    assertThat(JobOutput.partLines(output)).containsAll(expected.values());

    assertThat(job(photos.toString(), "--out", output.toString(), "--skip-done")).isZero();
    assertThat(summary.photos()).isZero();
    assertThat(summary.skipped()).isEqualTo(17);
  }

  @Test
  @Order(4)
  void globsAndPartitionByFolder() throws IOException {
    Path output = dir.resolve("glob");
    assertThat(job(photos + "/samples/*", photos + "/generated/*.png", "--out", output.toString(),
        "--partition-by", "folder", "--partitions", "3")).isZero();
    // samples/* matches three photos and the groups folder (searched like any folder); generated/*.png only grey.png
    assertThat(summary.photos()).isEqualTo(6 + 1);
    try (Stream<Path> folders = Files.list(output)) {
      assertThat(folders.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("folder=")))
          .containsExactlyInAnyOrder("folder=samples", "folder=groups", "folder=generated");
    }
  }

  @Test
  @Order(5)
  void missingModelsFailTheJobWithTheModelsOwnWordsAndUsageErrorsExitWithTwo() throws IOException {
    Path empty = Files.createDirectories(dir.resolve("no-models"));
    int exit = job(photos.resolve("samples").toString(), "--out", dir.resolve("none").toString(),
        "--models", empty.toString());
    assertThat(exit).isEqualTo(1);
    assertThat(err.toString()).contains("raut-spark: The model 'face-back' is not in the cache");

    assertThat(job(photos.toString(), "--out", dir.resolve("x").toString(), "--detector", "sideways")).isEqualTo(2);
    assertThat(err.toString()).contains("Unknown detector 'sideways'");
    assertThat(job("--out", dir.resolve("x").toString())).isEqualTo(2);
    assertThat(err.toString()).contains("Give the photos");
  }

  @Test
  @Order(6)
  void thePhotosInsideDocumentsAreRowsWithTheirPartAsRautAnalyzeGivesThem() throws IOException {
    Path documents = Files.createDirectories(dir.resolve("documents"));
    TestDocuments.pdf(documents.resolve("report.pdf"), List.of(List.of(1, 2), List.of(3)));
    TestDocuments.docx(documents.resolve("notes.docx"), List.of(4), List.of());
    TestDocuments.encryptedPdf(documents.resolve("locked.pdf"), 5);
    Path output = dir.resolve("documents-json");
    assertThat(job(documents.toString(), "--out", output.toString())).isZero();
    List<String> expected = analyze(documents.toString());
    assertThat(JobOutput.partLines(output)).containsExactlyElementsOf(expected);
    // report.pdf's three photos on pages 1 and 2, notes.docx's one, and locked.pdf as one error
    assertThat(expected).hasSize(5);
    assertThat(expected).filteredOn(line -> line.contains("\"part\":{\"page\":1")).hasSize(2);
    assertThat(expected).filteredOn(line -> line.contains("\"part\":{\"page\":2")).hasSize(1);
    assertThat(expected).anySatisfy(line -> assertThat(line).contains("\"code\":\"encrypted\""));
    assertThat(summary.photos()).isEqualTo(5);
  }

  /** Runs the Spark job like spark-submit would, keeping its output and summary. */
  private int job(String... args) {
    out.getBuffer().setLength(0);
    err.getBuffer().setLength(0);
    RautSpark job = new RautSpark(spark);
    CommandLine cli = RautSpark.commandLine(job);
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    int exit = cli.execute(args);
    summary = job.summary();
    return exit;
  }

  /** raut analyze's JSON lines for the same inputs, through the real command line, with file names as Spark writes them. */
  private static List<String> analyze(String... args) throws IOException {
    Path lines = Files.createTempFile(dir, "cli", ".jsonl");
    int exit = RautCommand.execute(concat(new String[] {"analyze"}, concat(args, new String[] {"--out", lines.toString()})));
    assertThat(exit).isIn(0, 1);
    return JobOutput.cliLinesAsSpark(lines);
  }

  private static Map<String, String> byFile(List<String> lines) {
    return lines.stream().collect(Collectors.toMap(line -> ResultJson.parse(line).file(), line -> line,
        (a, b) -> a, TreeMap::new));
  }

  private static String[] concat(String[] a, String[] b) {
    String[] all = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, all, a.length, b.length);
    return all;
  }
}
