package dev.raut.server;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.raut.core.text.Language;
import dev.raut.core.text.Messages;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * {@code GET /texts}: the web page's words in one language (bundle {@code web}, keys without the
 * area) and the display names of the built-in models' labels, so the page shows "senang" for
 * "happy". Placeholders stay as {@code {0}} for the page to fill; apostrophes are unescaped.
 */
final class WebTexts {
  private WebTexts() {}

  @JsonPropertyOrder({"language", "languages", "texts", "labels"})
  record Answer(String language, List<Choice> languages, Map<String, String> texts, Map<String, String> labels) {}

  record Choice(String tag, String name) {}

  static Answer of(Language language) {
    Map<String, String> texts = new TreeMap<>();
    for (String key : keys("web")) {
      texts.put(key.substring("web.".length()), Messages.text(language, key));
    }
    Map<String, String> labels = new TreeMap<>();
    for (String key : keys("labels")) {
      String label = key.substring(key.lastIndexOf('.') + 1);
      labels.putIfAbsent(label, Messages.text(language, key));
      labels.putIfAbsent(label.replace('_', ' '), Messages.text(language, key));
    }
    List<Choice> languages = Arrays.stream(Language.values()).map(l -> new Choice(l.tag(), l.nativeName())).toList();
    return new Answer(language.tag(), languages, texts, labels);
  }

  /** The keys of an area's English bundle (every key has its Indonesian twin: BundlesCompleteTest). */
  private static List<String> keys(String area) {
    Properties english = new Properties();
    String resource = Messages.BUNDLE_FOLDER + area + ".properties";
    try (InputStream in = WebTexts.class.getClassLoader().getResourceAsStream(resource)) {
      if (in != null) {
        english.load(new InputStreamReader(in, StandardCharsets.UTF_8));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + resource, e); // not user text: a broken jar
    }
    return english.stringPropertyNames().stream().sorted().toList();
  }
}
