package dev.raut.app;

import dev.raut.core.text.Messages;
import java.util.function.Supplier;
import javafx.scene.Node;
import org.kordamp.ikonli.Ikon;

/**
 * One entry of the main window's navigation: its id, the key of its name, its icon, and how to
 * build its content. The content is built the first time the page is shown, so a page nobody opens
 * costs nothing. The id ("Gallery", "People", ...) stays the same in every language: the saved
 * {@code window.page} and {@link MainWindow#show(String)} use it; the name shown is translated.
 */
public record Page(String id, String titleKey, Ikon icon, Supplier<Node> content) {
  /** The name in the navigation, in the current language ("Gallery" / "Galeri"). */
  public String title() {
    return Messages.text(titleKey);
  }

  /** The navigation entry's tooltip: the key {@code titleKey + ".tip"}. */
  public String tooltip() {
    return Messages.text(titleKey + ".tip");
  }
}
