package dev.raut.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code raut --help} as a new user reads it: each command's summary is a whole sentence. */
class TopLevelHelpTest extends RautCliTest {
  @Test
  void everyCommandSummaryIsAWholeSentence() {
    assertThat(raut("--help")).isZero();
    Map<String, String> summaries = commandSummaries(out());
    assertThat(summaries).containsKeys("analyze", "evaluate", "serve", "models");
    assertThat(summaries.get("serve")).contains("web page").contains("Ctrl+C");
    summaries.forEach((command, summary) ->
        assertThat(summary).as("summary of '%s'", command).endsWith("."));
  }

  /** The "Commands:" section, each command's summary joined from its wrapped lines. */
  private static Map<String, String> commandSummaries(String help) {
    List<String> lines = new ArrayList<>(help.lines().toList());
    Map<String, String> summaries = new LinkedHashMap<>();
    String current = null;
    for (String line : lines.subList(lines.indexOf("Commands:") + 1, lines.size())) {
      String trimmed = line.trim();
      if (line.startsWith("  ") && !line.startsWith("    ") && !trimmed.isEmpty()) {
        String[] nameAndText = trimmed.split("\\s+", 2);
        current = nameAndText[0];
        summaries.put(current, nameAndText.length > 1 ? nameAndText[1] : "");
      } else if (current != null && !trimmed.isEmpty()) {
        summaries.merge(current, " " + trimmed, String::concat);
      }
    }
    return summaries;
  }
}
