package dev.raut.core.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.MessageFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every word exists in both languages: each bundle has its Indonesian twin with the same keys and
 * the same placeholders, every pattern is a valid MessageFormat without a lone apostrophe (which
 * MessageFormat would swallow), and every key the code names literally exists.
 */
class BundlesCompleteTest {
  private static final Path BUNDLES = Path.of("src/main/resources", Messages.BUNDLE_FOLDER);
  private static final Path SOURCES = Path.of("src/main/java");
  private static final Pattern PLACEHOLDER = Pattern.compile("\\{(\\d+)[,}]");
  /** "labels.txt" is a file the code names, not a key of the labels bundle. */
  private static final Pattern FILE_NAME = Pattern.compile(".*\\.(txt|json|onnx|png|csv|html|jpg|zip|h5|keras)");
  private static final Pattern LONE_QUOTE = Pattern.compile("(?<!')'(?!')");

  @Test
  void everyBundleHasBothLanguagesWithTheSameKeysAndPlaceholders() throws IOException {
    List<String> problems = new ArrayList<>();
    for (String area : areas()) {
      Properties english = Messages.load(Messages.BUNDLE_FOLDER + area + ".properties");
      Properties indonesian = Messages.load(Messages.BUNDLE_FOLDER + area + "_id.properties");
      if (indonesian.isEmpty()) {
        problems.add(area + "_id.properties is missing or empty");
        continue;
      }
      for (String key : union(english.stringPropertyNames(), indonesian.stringPropertyNames())) {
        if (!key.startsWith(area + ".")) {
          problems.add(key + " is in " + area + ".properties but does not start with " + area + ".");
        }
        String en = english.getProperty(key);
        String id = indonesian.getProperty(key);
        if (en == null) {
          problems.add(key + " is only in Indonesian");
        } else if (id == null) {
          problems.add(key + " has no Indonesian text");
        } else {
          if (!placeholders(en).equals(placeholders(id))) {
            problems.add(key + ": placeholders differ, en " + placeholders(en) + " id " + placeholders(id));
          }
          check(key + " (en)", en, problems);
          check(key + " (id)", id, problems);
        }
      }
    }
    assertTrue(problems.isEmpty(), String.join("\n", problems));
  }

  @Test
  void everyKeyTheCodeNamesExists() throws IOException {
    Set<String> areas = new TreeSet<>(areas());
    Pattern literal = Pattern.compile("\"((" + String.join("|", areas) + ")\\.[A-Za-z0-9_.-]*[A-Za-z0-9_-])\"");
    List<String> missing = new ArrayList<>();
    try (Stream<Path> files = Files.walk(SOURCES)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
        String text = Files.readString(file);
        Matcher m = literal.matcher(text);
        while (m.find()) {
          // picocli's descriptionKey names a key of the cli bundle, which CliTexts prefixes with "cli."
          boolean picocliKey = text.substring(Math.max(0, m.start() - 30), m.start()).matches("(?s).*descriptionKey\\s*=\\s*$");
          if (!picocliKey && !FILE_NAME.matcher(m.group(1)).matches() && !Messages.has(m.group(1))) {
            missing.add(SOURCES.relativize(file) + ": " + m.group(1));
          }
        }
      }
    }
    assertTrue(missing.isEmpty(), "Keys named in the code but in no bundle:\n" + String.join("\n", missing));
  }

  @Test
  void indonesianIsReallyUsedAndNumbersFollowTheLocale() {
    assertEquals("senang", Messages.text(Language.INDONESIAN, "labels.emotion.happy"));
    assertEquals("happy", Messages.text(Language.ENGLISH, "labels.emotion.happy"));
    assertEquals("1.234.567 bita", Messages.text(Language.INDONESIAN, "common.size.bytes", 1234567));
    assertEquals("1,234,567 bytes", Messages.text(Language.ENGLISH, "common.size.bytes", 1234567));
    assertEquals("Raut's words", new MessageFormat("Raut''s words").format(new Object[0]));
    assertFalse(Messages.has("labels.emotion.batik_parang"));
  }

  private static void check(String where, String pattern, List<String> problems) {
    try {
      new MessageFormat(pattern);
    } catch (IllegalArgumentException e) {
      problems.add(where + ": not a valid MessageFormat pattern: " + e.getMessage());
      return;
    }
    if (LONE_QUOTE.matcher(pattern).find()) {
      problems.add(where + ": a lone ' disappears in MessageFormat; write '' (or use \u2019)");
    }
  }

  private static Set<Integer> placeholders(String pattern) {
    Set<Integer> found = new TreeSet<>();
    Matcher m = PLACEHOLDER.matcher(pattern);
    while (m.find()) {
      found.add(Integer.parseInt(m.group(1)));
    }
    return found;
  }

  private static Set<String> union(Set<String> a, Set<String> b) {
    Set<String> all = new TreeSet<>(a);
    all.addAll(b);
    return all;
  }

  /** The English bundles' names: {@code gallery} for gallery.properties. */
  static List<String> areas() throws IOException {
    try (Stream<Path> files = Files.list(BUNDLES)) {
      return files.map(f -> f.getFileName().toString())
          .filter(n -> n.endsWith(".properties") && !n.contains("_"))
          .map(n -> n.substring(0, n.length() - ".properties".length()))
          .sorted().collect(Collectors.toList());
    }
  }
}
