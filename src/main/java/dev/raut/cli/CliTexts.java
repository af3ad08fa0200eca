package dev.raut.cli;

import dev.raut.core.text.Messages;
import dev.raut.core.text.Problem;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Enumeration;
import java.util.Properties;
import java.util.ResourceBundle;
import java.util.Set;
import java.util.TreeSet;
import picocli.CommandLine;

/**
 * The help texts of every command, from bundle {@code cli} in the current language, handed to
 * picocli as its resource bundle. picocli's keys are ours without the area: {@code
 * cli.raut.analyze.usage.description} is the description of {@code raut analyze}, {@code
 * cli.analyze.format} the option whose {@code descriptionKey} is {@code analyze.format}. A text is
 * looked up when help is shown, so {@code --lang} (parsed first) decides the language.
 * In the bundle {@code {0}} stands for picocli's {@code ${DEFAULT-VALUE}} and {@code {1}} for
 * {@code ${COMPLETION-CANDIDATES}}, as the bundles are MessageFormat patterns; {@code {2}} and
 * {@code {3}} are a brace and a closing brace.
 */
public final class CliTexts extends ResourceBundle {
  private static final String AREA = "cli.";
  private final Set<String> keys;

  private CliTexts() {
    Properties english = new Properties();
    String resource = Messages.BUNDLE_FOLDER + AREA + "properties";
    try (InputStream in = CliTexts.class.getClassLoader().getResourceAsStream(resource)) {
      if (in != null) {
        english.load(new InputStreamReader(in, StandardCharsets.UTF_8));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + resource, e); // not user text: a broken jar
    }
    Set<String> found = new TreeSet<>();
    english.stringPropertyNames().forEach(k -> found.add(k.substring(AREA.length())));
    keys = Collections.unmodifiableSet(found);
  }

  /** Gives {@code commandLine} and its subcommands their help texts from the bundle. */
  public static CommandLine apply(CommandLine commandLine) {
    return commandLine.setResourceBundle(new CliTexts());
  }

  /** A failure's message in the current language: core's errors say themselves, others keep their own words. */
  static String message(Throwable failure) {
    return Problem.message(failure, Messages.language());
  }

  @Override
  protected Object handleGetObject(String key) {
    return keys.contains(key) ? Messages.text(AREA + key, "${DEFAULT-VALUE}", "${COMPLETION-CANDIDATES}", "{", "}") : null;
  }

  @Override
  public Enumeration<String> getKeys() {
    return Collections.enumeration(keys);
  }

  @Override
  protected Set<String> handleKeySet() {
    return keys;
  }
}
