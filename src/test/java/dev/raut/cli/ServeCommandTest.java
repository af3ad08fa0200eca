package dev.raut.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Option mistakes are usage errors (exit 2) before any model loads or port opens. */
class ServeCommandTest {
  @Test
  void classifierAndTaskExcludeEachOther() {
    assertThat(RautCommand.execute("serve", "--classifier", "genre.json", "--task", "emotion")).isEqualTo(RautCommand.EXIT_USAGE);
  }

  @Test
  void unknownTaskAndBadSizesAreUsageErrors() {
    assertThat(RautCommand.execute("serve", "--task", "genres")).isEqualTo(RautCommand.EXIT_USAGE);
    assertThat(RautCommand.execute("serve", "--max-upload", "huge")).isEqualTo(RautCommand.EXIT_USAGE);
    assertThat(RautCommand.execute("serve", "--threads", "0")).isEqualTo(RautCommand.EXIT_USAGE);
  }

  @Test
  void anOpenHostWithoutATokenIsWarnedAboutLoudly() {
    PrintStream original = System.err;
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    int exit;
    try {
      // the missing classifier stops it before it binds anything
      exit = RautCommand.execute("serve", "--host", "0.0.0.0", "--classifier", "/no/such/classifier.onnx");
    } finally {
      System.setErr(original);
    }
    assertThat(exit).isEqualTo(RautCommand.EXIT_FAILURES);
    assertThat(err.toString(StandardCharsets.UTF_8))
        .contains("WARNING: raut serve listens on 0.0.0.0 without a token.")
        .contains("raut serve: The models could not be loaded: The classifier /no/such/classifier.onnx does not exist.");
  }
}
