package dev.raut.core.text;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.text.MessageFormat;
import java.text.NumberFormat;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every word a person reads, in their language. Keys are {@code area.name}: the area names the
 * bundle, {@code dev/raut/text/AREA.properties} (English) beside {@code AREA_id.properties}
 * (Bahasa Indonesia), so each feature keeps its words in its own pair of files. Values are
 * {@link MessageFormat} patterns formatted for the language's locale (numbers get the locale's
 * separators): write {@code ''} for an apostrophe (BundlesCompleteTest holds it).
 *
 * <p>The current language is process-wide (the app and the CLI speak one language at a time);
 * the server passes the language of each request explicitly.
 */
public final class Messages {
  private static final Logger LOG = LoggerFactory.getLogger(Messages.class);
  /** Where the bundles live on the class path. */
  public static final String BUNDLE_FOLDER = "dev/raut/text/";

  private static volatile Language current = Language.system();
  private static final Map<String, Properties> BUNDLES = new ConcurrentHashMap<>();
  private static final Set<String> REPORTED_MISSING = ConcurrentHashMap.newKeySet();
  private static final CopyOnWriteArrayList<Consumer<Language>> LISTENERS = new CopyOnWriteArrayList<>();

  private Messages() {}

  /** The language words are shown in now. */
  public static Language language() {
    return current;
  }

  /** Switches the process's language; listeners (the app's pages) are told on the caller's thread. */
  public static void setLanguage(Language language) {
    Objects.requireNonNull(language, "language");
    if (language == current) {
      return;
    }
    current = language;
    LISTENERS.forEach(listener -> listener.accept(language));
  }

  /** Called with the new language after each change; returns a handle that removes the listener. */
  public static Runnable onLanguageChange(Consumer<Language> listener) {
    LISTENERS.add(listener);
    return () -> LISTENERS.remove(listener);
  }

  /** The text for {@code key} in the current language, formatted with {@code args}. */
  public static String text(String key, Object... args) {
    return text(current, key, args);
  }

  /**
   * The text for {@code key} in {@code language}. A key missing in Indonesian falls back to the
   * English text; a key missing everywhere is logged once and shown as the key itself, so a
   * forgotten word is visible rather than a crash.
   */
  public static String text(Language language, String key, Object... args) {
    String pattern = pattern(language, key);
    if (pattern == null) {
      if (REPORTED_MISSING.add(key)) {
        LOG.warn("No text for key {} in any language", key);
      }
      return key;
    }
    if (args.length == 0 && pattern.indexOf('\'') < 0 && pattern.indexOf('{') < 0) {
      return pattern; // most words (labels, buttons) have nothing to format: no parser on every overlay label
    }
    return new MessageFormat(pattern, language.locale()).format(args);
  }

  /** Whether {@code key} has a text (in English at least): for words that only some names have, like labels. */
  public static boolean has(String key) {
    return pattern(Language.ENGLISH, key) != null;
  }

  /** A number with the language's separators and at most {@code decimals} decimals: "1,234.5" / "1.234,5". */
  public static String number(double value, int decimals) {
    NumberFormat format = NumberFormat.getNumberInstance(current.locale());
    format.setMaximumFractionDigits(decimals);
    format.setMinimumFractionDigits(0);
    return format.format(value);
  }

  /** A share as a whole percentage in the language's style: "93%". */
  public static String percent(double share) {
    NumberFormat format = NumberFormat.getPercentInstance(current.locale());
    format.setMaximumFractionDigits(0);
    return format.format(share);
  }

  /** A file size in bytes, kB, MB or GB (1000-based, as file managers show them), locale separators. */
  public static String fileSize(long bytes) {
    if (bytes < 1000) {
      return text("common.size.bytes", bytes);
    }
    String[] units = {"common.size.kb", "common.size.mb", "common.size.gb"};
    double value = bytes / 1000.0;
    int unit = 0;
    while (value >= 1000 && unit < units.length - 1) {
      value /= 1000;
      unit++;
    }
    return text(units[unit], number(value, value < 10 ? 1 : 0));
  }

  private static String pattern(Language language, String key) {
    int dot = key.indexOf('.');
    if (dot <= 0) {
      throw new IllegalArgumentException("A text key is area.name, not " + key);
    }
    String area = key.substring(0, dot);
    if (language != Language.ENGLISH) {
      String translated = bundle(area, language).getProperty(key);
      if (translated != null) {
        return translated;
      }
    }
    return bundle(area, Language.ENGLISH).getProperty(key);
  }

  private static Properties bundle(String area, Language language) {
    String name = BUNDLE_FOLDER + area + (language == Language.ENGLISH ? "" : "_" + language.tag()) + ".properties";
    return BUNDLES.computeIfAbsent(name, Messages::load);
  }

  /** Reads one bundle as UTF-8; a bundle that does not exist is empty. */
  static Properties load(String resource) {
    Properties properties = new Properties();
    try (InputStream in = Messages.class.getClassLoader().getResourceAsStream(resource)) {
      if (in != null) {
        properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read the text bundle " + resource, e);
    }
    return properties;
  }
}
