package dev.raut.core.text;

import java.util.List;

/**
 * A failure that can say itself in either language: core's exceptions keep a {@link Problem}
 * (a text key and arguments) beside their English {@code getMessage()}, which stays for logs.
 */
public interface Explained {
  /** What went wrong, as a key and arguments. */
  Problem problem();

  /** The message in {@code language}. */
  default String message(Language language) {
    return problem().in(language);
  }

  /** The message in the process's current language (the app and the CLI speak one at a time). */
  default String localMessage() {
    return message(Messages.language());
  }

  default String messageKey() {
    return problem().key();
  }

  default List<Object> messageArgs() {
    return problem().args();
  }
}
