package dev.raut.core.text;

import java.util.Locale;
import java.util.Optional;

/** The languages Raut speaks. English is the base every bundle falls back to. */
public enum Language {
  ENGLISH("en", "English", "English"),
  INDONESIAN("id", "Bahasa Indonesia", "Indonesia");

  private final String tag;
  private final String nativeName;
  private final String shortName;

  Language(String tag, String nativeName, String shortName) {
    this.tag = tag;
    this.nativeName = nativeName;
    this.shortName = shortName;
  }

  /** The name in itself, short enough for a narrow button: "English", "Indonesia". */
  public String shortName() {
    return shortName;
  }

  /** The BCP 47 tag: {@code en}, {@code id}. */
  public String tag() {
    return tag;
  }

  /** The language's name in itself, for a language menu that anyone can read. */
  public String nativeName() {
    return nativeName;
  }

  public Locale locale() {
    return Locale.forLanguageTag(tag);
  }

  /** Indonesian for an Indonesian locale (also the old ISO code {@code in}), English for any other. */
  public static Language of(Locale locale) {
    String language = locale.getLanguage();
    return language.equals("id") || language.equals("in") ? INDONESIAN : ENGLISH;
  }

  /**
   * The language to start in when the user has chosen none: {@code RAUT_LANG} if set (for
   * scripts, and tests that must not depend on the machine), else the default locale's.
   */
  public static Language system() {
    return parse(System.getenv("RAUT_LANG")).orElseGet(() -> of(Locale.getDefault()));
  }

  /** {@code en}, {@code id}, {@code in}, {@code id-ID}, {@code en_GB}, "English", "Indonesia"...; empty if unknown. */
  public static Optional<Language> parse(String text) {
    if (text == null || text.isBlank()) {
      return Optional.empty();
    }
    String t = text.trim().toLowerCase(Locale.ROOT).replace('_', '-');
    String primary = t.contains("-") ? t.substring(0, t.indexOf('-')) : t;
    return switch (primary) {
      case "en", "english", "inggris" -> Optional.of(ENGLISH);
      case "id", "in", "ind", "indonesian", "indonesia", "bahasa" -> Optional.of(INDONESIAN);
      default -> t.startsWith("bahasa") ? Optional.of(INDONESIAN) : Optional.empty();
    };
  }

  /**
   * The best language for an HTTP {@code Accept-Language} header ("id-ID,id;q=0.9,en;q=0.8"): the
   * first supported language by quality, else English.
   */
  public static Language fromAcceptLanguage(String header) {
    if (header == null || header.isBlank()) {
      return ENGLISH;
    }
    try {
      for (Locale.LanguageRange range : Locale.LanguageRange.parse(header)) {
        if (range.getWeight() > 0) {
          Optional<Language> language = parse(range.getRange());
          if (language.isPresent()) {
            return language.get();
          }
        }
      }
    } catch (IllegalArgumentException malformed) {
      return ENGLISH;
    }
    return ENGLISH;
  }
}
