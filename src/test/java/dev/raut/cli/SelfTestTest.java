package dev.raut.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.raut.core.model.ModelStore;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What installers do: bundle the models into a cache of their own, then the app checks itself from it. */
class SelfTestTest {
  @TempDir
  Path dir;

  private int run(StringWriter out, StringWriter err, String... args) {
    return RautCommand.commandLine().setOut(new PrintWriter(out)).setErr(new PrintWriter(err)).execute(args);
  }

  @Test
  void passesFromABundleAndFailsWithTheReasonWhenAModelIsMissing() throws Exception {
    Path bundle = dir.resolve("bundle");
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    assertThat(run(out, err, "models", "bundle", bundle.toString())).isZero();
    // every default model plus the self-test photo
    assertThat(err.toString()).contains("bundled " + (dev.raut.core.model.ModelCatalog.defaults().cards().size() + 1) + " files");

    String previous = System.getProperty(ModelStore.CACHE_PROPERTY);
    System.setProperty(ModelStore.CACHE_PROPERTY, bundle.toString());
    try {
      assertThat(run(out, err, "--self-test")).isZero();
      assertThat(out.toString()).contains("raut self-test ok: 5 models loaded from " + bundle, "sample1.jpg: 3 faces");

      Files.delete(bundle.resolve("models/emotion/emotion.onnx"));
      StringWriter failure = new StringWriter();
      assertThat(run(new StringWriter(), failure, "--self-test")).isEqualTo(1);
      assertThat(failure.toString()).contains("raut self-test FAILED", "'emotion' is not in the cache");
    } finally {
      if (previous == null) {
        System.clearProperty(ModelStore.CACHE_PROPERTY);
      } else {
        System.setProperty(ModelStore.CACHE_PROPERTY, previous);
      }
    }
  }
}
