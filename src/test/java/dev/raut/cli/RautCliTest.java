package dev.raut.cli;

import dev.raut.testing.UserModels;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * For tests that run {@code raut} commands in-process as a user would: standard output and error
 * captured per command, and a data folder (model library) of the test's own.
 */
abstract class RautCliTest {
  private final ByteArrayOutputStream stdout = new ByteArrayOutputStream();
  private final ByteArrayOutputStream stderr = new ByteArrayOutputStream();
  private PrintStream originalOut;
  private PrintStream originalErr;
  private AutoCloseable dataFolder;

  @TempDir
  Path dir;

  @TempDir
  Path data;

  @BeforeEach
  void isolate() {
    originalOut = System.out;
    originalErr = System.err;
    System.setOut(new PrintStream(stdout, true, StandardCharsets.UTF_8));
    System.setErr(new PrintStream(stderr, true, StandardCharsets.UTF_8));
    dataFolder = UserModels.dataFolder(data);
  }

  @AfterEach
  void restore() throws Exception {
    System.setOut(originalOut);
    System.setErr(originalErr);
    dataFolder.close();
  }

  /** Runs one command; its output replaces the last command's. */
  int raut(String... args) {
    stdout.reset();
    stderr.reset();
    return RautCommand.execute(args);
  }

  String out() {
    return stdout.toString(StandardCharsets.UTF_8);
  }

  String err() {
    return stderr.toString(StandardCharsets.UTF_8);
  }
}
