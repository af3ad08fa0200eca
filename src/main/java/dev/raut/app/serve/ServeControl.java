package dev.raut.app.serve;

import dev.raut.core.text.Messages;
import java.util.function.Consumer;
import javafx.beans.binding.Bindings;
import javafx.geometry.Pos;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.material2.Material2AL;

/**
 * The status bar's "Serve on localhost" switch, the server's address as a link to open in the
 * browser, and what went wrong when it could not start. It follows a language change by itself
 * while it is in a window (the status bar need not be rebuilt): the server keeps running.
 */
public final class ServeControl extends HBox {
  private final ToggleButton toggle = new ToggleButton("", new FontIcon(Material2AL.LANGUAGE));
  private final Tooltip toggleTip = new Tooltip();
  private final Tooltip linkTip = new Tooltip();
  private Runnable stopListening;

  /** {@code openLink} opens an address in the user's browser. */
  public ServeControl(LocalServerPresenter presenter, Consumer<String> openLink) {
    super(6);
    setAlignment(Pos.CENTER_LEFT);
    toggle.setId("serve-toggle");
    toggle.getStyleClass().add("small");
    toggle.setTooltip(toggleTip);
    toggle.setMinWidth(USE_PREF_SIZE);
    toggle.setOnAction(e -> presenter.setServing(toggle.isSelected()));
    presenter.stateProperty().addListener((obs, old, now) -> toggle.setSelected(
        now == LocalServerPresenter.State.STARTING || now == LocalServerPresenter.State.RUNNING));
    toggle.disableProperty().bind(presenter.stateProperty().isEqualTo(LocalServerPresenter.State.STARTING)
        .or(presenter.stateProperty().isEqualTo(LocalServerPresenter.State.STOPPING)));

    Hyperlink link = new Hyperlink();
    link.setId("serve-url");
    link.textProperty().bind(presenter.urlProperty());
    link.visibleProperty().bind(presenter.urlProperty().isNotEmpty());
    link.managedProperty().bind(link.visibleProperty());
    link.setMinWidth(USE_PREF_SIZE);
    link.setOnAction(e -> openLink.accept(link.getText()));
    link.setTooltip(linkTip);

    Label info = new Label();
    info.setId("serve-info");
    info.setMinWidth(0);
    info.textProperty().bind(Bindings.when(presenter.problemProperty().isNotEmpty())
        .then(presenter.problemProperty()).otherwise(presenter.noteProperty()));
    info.visibleProperty().bind(info.textProperty().isNotEmpty());
    info.managedProperty().bind(info.visibleProperty());
    info.setMaxWidth(420);
    Tooltip.install(info, tooltipOf(info));
    presenter.problemProperty().addListener((obs, old, now) -> info.pseudoClassStateChanged(
        javafx.css.PseudoClass.getPseudoClass("error"), !now.isEmpty()));
    info.getStyleClass().add("serve-info");

    getChildren().addAll(toggle, link, info);
    relabel();
    // listens only while shown, so a status bar that is replaced leaves no listener behind
    sceneProperty().addListener((obs, old, now) -> {
      if (stopListening != null) {
        stopListening.run();
        stopListening = null;
      }
      if (now != null) {
        // a language may be chosen off the FX thread (the command line's, a test's): relabel on it
        stopListening = Messages.onLanguageChange(language -> {
          if (javafx.application.Platform.isFxApplicationThread()) {
            relabel();
          } else {
            javafx.application.Platform.runLater(this::relabel);
          }
        });
        relabel();
      }
    });
  }

  /**
   * Only the switch's globe (its words in the tooltip) when the status bar has no room for them
   * beside the address and the message; the address itself is what a user needs while serving.
   */
  public void setCompact(boolean compact) {
    toggle.setContentDisplay(compact ? javafx.scene.control.ContentDisplay.GRAPHIC_ONLY
        : javafx.scene.control.ContentDisplay.LEFT);
  }

  public boolean isCompact() {
    return toggle.getContentDisplay() == javafx.scene.control.ContentDisplay.GRAPHIC_ONLY;
  }

  /** The width the switch's words take (what {@link #setCompact} saves). */
  public double wordsWidth() {
    javafx.scene.text.Text words = new javafx.scene.text.Text(toggle.getText());
    words.setFont(toggle.getFont());
    return Math.ceil(words.getLayoutBounds().getWidth()) + toggle.getGraphicTextGap();
  }

  /** Shows the words in the current language (FX thread). */
  public void relabel() {
    toggle.setText(Messages.text("serve.toggle"));
    toggle.setAccessibleText(Messages.text("serve.toggle"));
    toggleTip.setText(Messages.text("serve.toggle.tip"));
    linkTip.setText(Messages.text("serve.link.tip"));
  }

  private static Tooltip tooltipOf(Label label) {
    Tooltip tip = new Tooltip();
    tip.textProperty().bind(label.textProperty());
    return tip;
  }
}
