package dev.raut.cli;

import static org.assertj.core.api.Assertions.assertThat;

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
}
