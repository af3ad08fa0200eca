package dev.raut.core.text;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * No words a person reads are written in the code of the doors: they come from the bundles, so
 * they exist in both languages. One case per feature folder, so a failure names its owner.
 *
 * <p>A string literal counts as words when it holds two words, or is the text of a control
 * ({@code new Label("Start")}). Log lines, style classes, ids, programmer errors and lines marked
 * {@code // not user text} are not words for people.
 */
class HardCodedTextTest {
  private static final Path SOURCES = Path.of("src/main/java/dev/raut");
  private static final Pattern TWO_WORDS = Pattern.compile("[A-Za-z]{2,}[ \u00a0]+[A-Za-z]{2,}");
  private static final Pattern CONTROL_TEXT = Pattern.compile(
      "(setText|new Label|new Button|new Tooltip|setPromptText|setTitle|setHeaderText|setContentText|new MenuItem"
          + "|new CheckBox|new ToggleButton|new RadioButton|new Tab|new CheckMenuItem|new Menu|setAccessibleText"
          + "|new Text|new TitledPane|setPlaceholder|new Hyperlink|setMessage)\\(\\s*\"[^\"]*[A-Za-z]");
  private static final Pattern NOT_FOR_PEOPLE = Pattern.compile(
      "\\b(LOG|log|logger|LOGGER)\\.|LoggerFactory|getStyleClass|setStyle\\(|setId\\(|lookup(All)?\\(|-fx-"
          + "|IllegalArgumentException|IllegalStateException|AssertionError|UnsupportedOperationException"
          + "|requireNonNull|// not user text|@SuppressWarnings|\\.css\"|\\bassert\\b");

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"app", "app/gallery", "app/live", "app/models", "app/teach", "app/evaluate", "app/people",
      "app/serve", "cli", "server", "evaluate"})
  void theDoorsTakeTheirWordsFromTheBundles(String folder) throws IOException {
    Path root = SOURCES.resolve(folder);
    boolean recursive = !folder.equals("app");
    List<String> found = new ArrayList<>();
    try (Stream<Path> files = recursive ? Files.walk(root) : Files.list(root)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".java")).sorted().toList()) {
        String[] lines = withoutComments(Files.readString(file)).split("\n", -1);
        String[] original = Files.readString(file).split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
          String line = lines[i];
          if (NOT_FOR_PEOPLE.matcher(original[i]).find()) {
            continue;
          }
          boolean words = CONTROL_TEXT.matcher(line).find();
          for (String literal : literals(line)) {
            words |= TWO_WORDS.matcher(literal).find();
          }
          if (words) {
            found.add(SOURCES.relativize(file) + ":" + (i + 1) + ": " + original[i].trim());
          }
        }
      }
    }
    assertTrue(found.isEmpty(), found.size() + " lines with words for people outside the bundles:\n"
        + String.join("\n", found));
  }

  /** The string literals on one line (text blocks are rare in the doors and span lines: see below). */
  static List<String> literals(String line) {
    List<String> out = new ArrayList<>();
    int i = 0;
    while (i < line.length()) {
      char c = line.charAt(i);
      if (c == '\'') {
        i = line.indexOf('\'', i + (line.startsWith("'\\", i) ? 3 : 2)) + 1;
        if (i == 0) {
          break;
        }
      } else if (c == '"') {
        StringBuilder literal = new StringBuilder();
        i++;
        while (i < line.length() && line.charAt(i) != '"') {
          if (line.charAt(i) == '\\' && i + 1 < line.length()) {
            i++;
          }
          literal.append(line.charAt(i));
          i++;
        }
        out.add(literal.toString());
        i++;
      } else {
        i++;
      }
    }
    return out;
  }

  /**
   * The source with comments blanked and text blocks kept as one literal per line, line numbers
   * unchanged: Javadoc speaks to developers.
   */
  static String withoutComments(String source) {
    StringBuilder out = new StringBuilder(source.length());
    int i = 0;
    boolean inString = false;
    boolean inTextBlock = false;
    while (i < source.length()) {
      char c = source.charAt(i);
      if (inTextBlock) {
        if (source.startsWith("\"\"\"", i)) {
          inTextBlock = false;
          out.append('"');
          i += 3;
        } else if (c == '\n') {
          out.append("\"\n\"");
          i++;
        } else {
          out.append(c == '"' ? '\'' : c);
          i++;
        }
      } else if (inString) {
        out.append(c);
        if (c == '\\' && i + 1 < source.length()) {
          out.append(source.charAt(i + 1));
          i += 2;
          continue;
        }
        if (c == '"' || c == '\n') {
          inString = false;
        }
        i++;
      } else if (source.startsWith("\"\"\"", i)) {
        inTextBlock = true;
        out.append('"');
        i += 3;
      } else if (c == '"') {
        inString = true;
        out.append(c);
        i++;
      } else if (c == '\'' && i + 2 < source.length()) {
        int end = source.indexOf('\'', i + (source.charAt(i + 1) == '\\' ? 3 : 2));
        out.append(source, i, end + 1);
        i = end + 1;
      } else if (source.startsWith("//", i)) {
        while (i < source.length() && source.charAt(i) != '\n') {
          i++;
        }
      } else if (source.startsWith("/*", i)) {
        int end = source.indexOf("*/", i + 2);
        end = end < 0 ? source.length() : end + 2;
        for (int k = i; k < end; k++) {
          if (source.charAt(k) == '\n') {
            out.append('\n');
          }
        }
        i = end;
      } else {
        out.append(c);
        i++;
      }
    }
    return out.toString();
  }
}
