package dev.raut.app;

import java.util.function.Supplier;
import javafx.scene.Node;
import org.kordamp.ikonli.Ikon;

/**
 * One entry of the main window's navigation: its name, icon, and how to build its content. The
 * content is built the first time the page is shown, so a page nobody opens costs nothing.
 */
public record Page(String title, Ikon icon, String tooltip, Supplier<Node> content) {}
