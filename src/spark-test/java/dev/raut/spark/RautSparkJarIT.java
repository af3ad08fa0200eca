package dev.raut.spark;

import static org.assertj.core.api.Assertions.assertThat;

import dev.raut.cli.RautCommand;
import dev.raut.core.model.ModelBundler;
import dev.raut.core.model.ModelCatalog;
import dev.raut.core.model.ModelStore;
import dev.raut.testing.Samples;
import java.io.File;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged target/raut-spark.jar as a cluster runs it: through spark-submit (local[2], in a JVM
 * of its own whose class path is Spark's and not the app's), with the default models shipped as an
 * --archives tarball of {@code raut models bundle} and an empty Raut cache, so only the shipped,
 * SHA-256-checked models can be used.
 */
class RautSparkJarIT {
  /** Libraries the job jar carries itself: kept off Spark's class path so the jar's own copies are the ones run. */
  private static final List<String> IN_THE_JOB_JAR = List.of("onnxruntime-", "opencv-", "imageio-", "common-lang-",
      "common-io-", "common-image-", "picocli-");

  @TempDir
  Path dir;

  @Test
  void theJobJarRunsUnderSparkSubmitWithShippedModelsAndRefusesAnAlteredOne() throws Exception {
    Path jar = Path.of("target/raut-spark.jar");
    assertThat(jar).isRegularFile();
    Path photos = Files.createDirectories(dir.resolve("photos"));
    Files.copy(Samples.photo(1), photos.resolve("sample1.jpg"));
    Files.copy(Samples.photo(4), photos.resolve("sample4.jpg"));
    byte[] whole = Files.readAllBytes(Samples.photo(2));
    Files.write(photos.resolve("cut.jpg"), Arrays.copyOf(whole, whole.length / 2));

    Path bundle = dir.resolve("bundle");
    new ModelBundler(ModelStore.defaultStore(), ModelCatalog.defaults()).bundleInto(new ModelStore(bundle));
    Path good = tarball(bundle, dir.resolve("raut-models.tgz"));
    Path out = dir.resolve("out");
    Result run = sparkSubmit(good, photos, out);
    assertThat(run.exit()).as(run.err()).isZero();
    assertThat(run.out()).contains("3 photos analysed", "7 faces, 1 errors (truncated 1)", "1 engine(s) loaded");

    Path cli = dir.resolve("cli.jsonl");
    RautCommand.execute("analyze", photos.toString(), "--out", cli.toString());
    assertThat(JobOutput.partLines(out)).containsExactlyElementsOf(JobOutput.cliLinesAsSpark(cli));

    // one flipped byte in the face detector: the executor's SHA-256 check refuses it and the job stops
    try (RandomAccessFile onnx = new RandomAccessFile(bundle.resolve("models/face-back/face-back.onnx").toFile(), "rw")) {
      onnx.seek(1000);
      int b = onnx.read();
      onnx.seek(1000);
      onnx.write(b ^ 0xFF);
    }
    Path altered = tarball(bundle, dir.resolve("altered.tgz"));
    Result refused = sparkSubmit(altered, photos, dir.resolve("out-altered"));
    assertThat(refused.exit()).isEqualTo(1);
    assertThat(refused.err()).contains("raut-spark: The cached model file", "face-back.onnx is corrupt (its SHA-256 does not match the card)");
  }

  private record Result(int exit, String out, String err) {}

  private Result sparkSubmit(Path models, Path photos, Path out) throws IOException, InterruptedException {
    Path emptyCache = Files.createDirectories(dir.resolve("empty-cache"));
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(Arrays.asList(System.getProperty("spark.jvmFlags").trim().split("\\s+")));
    command.addAll(List.of("-Xmx2g", "-Draut.cache=" + emptyCache, "-Djava.awt.headless=true",
        "-cp", sparkClassPath(), "org.apache.spark.deploy.SparkSubmit",
        "--master", "local[2]", "--conf", "spark.ui.enabled=false", "--conf", "spark.driver.host=127.0.0.1",
        "--conf", "spark.driver.bindAddress=127.0.0.1",
        "--archives", models + "#raut-models", "--class", RautSpark.class.getName(),
        Path.of("target/raut-spark.jar").toAbsolutePath().toString(),
        photos.toString(), "--models", "raut-models", "--out", out.toString()));
    Path stdout = Files.createTempFile(dir, "out", ".txt");
    Path stderr = Files.createTempFile(dir, "err", ".txt");
    Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectOutput(stdout.toFile())
        .redirectError(stderr.toFile()).start();
    if (!process.waitFor(10, TimeUnit.MINUTES)) {
      process.destroyForcibly();
      throw new IllegalStateException("spark-submit did not finish in 10 minutes");
    }
    return new Result(process.exitValue(), Files.readString(stdout), Files.readString(stderr));
  }

  /** Spark and its libraries as a cluster has them: this JVM's jars, without the app's folders and the job jar's libraries. */
  private static String sparkClassPath() {
    List<String> entries = new ArrayList<>();
    for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
      String name = Path.of(entry).getFileName().toString();
      if (entry.endsWith(".jar") && IN_THE_JOB_JAR.stream().noneMatch(name::startsWith)) {
        entries.add(entry);
      }
    }
    return String.join(File.pathSeparator, entries);
  }

  private static Path tarball(Path folder, Path target) throws IOException, InterruptedException {
    Process tar = new ProcessBuilder("tar", "czf", target.toString(), "-C", folder.toString(), ".").inheritIO().start();
    assertThat(tar.waitFor()).isZero();
    return target;
  }
}
