package dev.raut.core.text;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * A sentence for people kept as a text key and its arguments, not as words, so each door (the
 * app, the CLI, the server per request) says it in its user's language. Arguments that are
 * themselves problems (a decode error inside a document error) are said in the same language;
 * numbers are formatted for the language's locale.
 */
public record Problem(String key, List<Object> args) {
  /** The key whose text is its one argument: for words that come from elsewhere (a library's message). */
  public static final String VERBATIM = "errors.verbatim";

  public Problem {
    Objects.requireNonNull(key, "key");
    List<Object> copy = new ArrayList<>();
    for (Object arg : args) {
      copy.add(arg == null ? "" : arg);
    }
    args = Collections.unmodifiableList(copy);
  }

  public static Problem of(String key, Object... args) {
    return new Problem(key, Arrays.asList(args));
  }

  /** Words that are not Raut's own (an operating system's or a library's reason), shown as they are. */
  public static Problem verbatim(String text) {
    return of(VERBATIM, text == null ? "" : text);
  }

  /** The sentence in {@code language}. */
  public String in(Language language) {
    Object[] rendered = new Object[args.size()];
    for (int i = 0; i < rendered.length; i++) {
      Object arg = args.get(i);
      rendered[i] = arg instanceof Problem p ? p.in(language)
          : arg instanceof Explained e ? e.message(language) : arg;
    }
    return Messages.text(language, key, rendered);
  }

  /** The sentence in English: exceptions' {@code getMessage()}, for logs. */
  public String english() {
    return in(Language.ENGLISH);
  }

  /** The sentence in the process's current language. */
  public String text() {
    return in(Messages.language());
  }

  /** A failure's message as a problem: its own when it has one, else its (English) message as it is. */
  public static Problem of(Throwable failure) {
    return failure instanceof Explained explained ? explained.problem()
        : verbatim(failure.getMessage() != null ? failure.getMessage() : failure.getClass().getSimpleName());
  }

  /** Any failure's message in {@code language}: its problem when it has one, else its own (English) message. */
  public static String message(Throwable failure, Language language) {
    if (failure instanceof Explained explained) {
      return explained.message(language);
    }
    return failure.getMessage() != null ? failure.getMessage() : failure.getClass().getSimpleName();
  }
}
