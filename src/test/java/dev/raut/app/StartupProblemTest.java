package dev.raut.app;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The one sentence printed when the window cannot open. GTK cannot be uninstalled in a test, so the
 * failure is built as JavaFX 21 throws it from Application.launch without libgtk-3 (seen by starting
 * the app with LD_LIBRARY_PATH pointing at a libgtk-3.so.0 whose own dependency is missing).
 */
class StartupProblemTest {
  @Test
  void aMissingGtkNamesThePackageToInstall() {
    // thrown as is from Application.launch; a wrapped one (a launcher that adds its own layer) reads the same
    RuntimeException launch = new UnsupportedOperationException("Unable to load glass GTK library.");
    assertThat(StartupProblem.explain(new RuntimeException("Application launch error", launch)))
        .isEqualTo(StartupProblem.explain(launch));

    assertThat(StartupProblem.explain(launch)).hasValueSatisfying(sentence -> assertThat(sentence)
        .contains("GTK 3", "libgtk-3-0")
        .doesNotContain("Exception", "glass")
        .doesNotContain("\n"));
  }

  @Test
  void anyOtherFailureIsLeftToItsStackTrace() {
    assertThat(StartupProblem.explain(new IllegalStateException("Toolkit already initialized"))).isEmpty();
    assertThat(StartupProblem.explain(new RuntimeException((String) null))).isEmpty();
  }
}
