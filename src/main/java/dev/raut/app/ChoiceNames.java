package dev.raut.app;

import java.util.function.Function;
import javafx.util.StringConverter;

/** How a choice box or combo box names its items: read-only, since the items are chosen, never typed. */
public final class ChoiceNames {
  private ChoiceNames() {}

  /** Names each item with {@code name} (looked up when drawn, so it follows the language); null shows nothing. */
  public static <T> StringConverter<T> of(Function<T, String> name) {
    return new StringConverter<>() {
      @Override
      public String toString(T value) {
        return value == null ? "" : name.apply(value);
      }

      @Override
      public T fromString(String text) {
        throw new UnsupportedOperationException("not editable");
      }
    };
  }
}
