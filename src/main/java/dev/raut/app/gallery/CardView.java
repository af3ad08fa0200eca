package dev.raut.app.gallery;

import dev.raut.core.analysis.ImageAnalysis;
import dev.raut.core.text.Messages;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Future;
import javafx.beans.InvalidationListener;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.image.Image;
import javafx.scene.image.ImageView;
import javafx.scene.input.MouseButton;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Pane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.material2.Material2AL;

/**
 * One photo card: thumbnail with boxes and labels over it, state, file name, the top labels with
 * confidence bars, and a remove button. Reused by the grid as it scrolls ({@link #show}), so it
 * listens only to the item it currently shows.
 */
final class CardView extends VBox {
  static final double WIDTH = 232;
  static final double THUMB_WIDTH = 216;
  static final double THUMB_HEIGHT = 150;
  static final double HEIGHT = 282;
  private static final javafx.scene.text.Font LABEL_FONT = javafx.scene.text.Font.font(10);

  private final GalleryPresenter presenter;
  private final PhotoLoader loader;
  private final ImageView thumbnail = new ImageView();
  private final Pane overlay = new Pane();
  private final Label state = new Label();
  private final Button remove = new Button(null, new FontIcon(Material2AL.CLOSE));
  /** Over the empty picture of a photo that failed: the error's plain words are the headline under it. */
  private final FontIcon errorIcon = new FontIcon(Material2AL.ERROR_OUTLINE);
  private final Label name = new Label();
  private final Label headline = new Label();
  private final VBox lines = new VBox(2);
  private final List<BarRow> bars = new ArrayList<>();
  /** "+2 more faces" under the face rows when they list fewer faces than were found. */
  private final Label moreFaces = new Label();
  private final Tooltip headlineTip = new Tooltip();
  private final InvalidationListener refresh = obs -> refresh();
  /** The item holds only this weak wrapper: a card of a view replaced after a change of language can go. */
  private final InvalidationListener weakRefresh = new javafx.beans.WeakInvalidationListener(refresh);
  private GalleryItem item;
  private Future<?> pendingThumbnail;

  CardView(GalleryPresenter presenter, PhotoLoader loader) {
    this.presenter = presenter;
    this.loader = loader;
    getStyleClass().add("photo-card");
    setPrefSize(WIDTH, HEIGHT);
    setMinSize(WIDTH, HEIGHT);
    setMaxSize(WIDTH, HEIGHT);
    setSpacing(4);

    // thumbnails are decoded to fit the box, so they are shown 1:1 (no scaling while scrolling)
    overlay.setPrefSize(THUMB_WIDTH, THUMB_HEIGHT);
    overlay.setMouseTransparent(true);
    state.getStyleClass().add("card-state");
    remove.getStyleClass().addAll("card-remove", "button-icon", "flat");
    remove.setTooltip(new Tooltip(Messages.text("gallery.card.remove.tip")));
    remove.setAccessibleText(Messages.text("gallery.card.remove"));
    remove.setOnAction(e -> presenter.remove(List.of(item)));
    StackPane.setAlignment(state, Pos.TOP_LEFT);
    StackPane.setAlignment(remove, Pos.TOP_RIGHT);
    StackPane.setAlignment(thumbnail, Pos.CENTER);
    errorIcon.getStyleClass().add("card-error-icon");
    errorIcon.setVisible(false);
    StackPane picture = new StackPane(thumbnail, errorIcon, overlay, state, remove);
    picture.getStyleClass().add("card-picture");
    picture.setPrefSize(THUMB_WIDTH, THUMB_HEIGHT);
    picture.setMinSize(THUMB_WIDTH, THUMB_HEIGHT);
    picture.setMaxSize(THUMB_WIDTH, THUMB_HEIGHT);
    // labels of boxes at the photo's edge must not spill over the card
    picture.setClip(new javafx.scene.shape.Rectangle(THUMB_WIDTH, THUMB_HEIGHT));

    name.getStyleClass().add("card-name");
    headline.getStyleClass().add("card-headline");
    headline.setWrapText(true);
    headline.setMaxHeight(48);
    for (int i = 0; i < ResultSummary.MAX_LINES; i++) {
      BarRow bar = new BarRow();
      bars.add(bar);
      lines.getChildren().add(bar.row);
    }
    moreFaces.getStyleClass().addAll("card-more-faces", "text-muted");
    moreFaces.setManaged(false);
    moreFaces.setVisible(false);
    lines.getChildren().add(moreFaces);
    headline.setTooltip(headlineTip);
    getChildren().addAll(picture, name, headline, lines);
    setVisible(false); // until it shows an item

    setOnMouseClicked(e -> {
      if (item == null || e.getButton() != MouseButton.PRIMARY) {
        return;
      }
      if (e.getClickCount() == 2) {
        presenter.openDetail(item);
      } else {
        presenter.select(item, e.isShortcutDown(), e.isShiftDown());
      }
      requestFocusOnGrid();
    });
  }

  private void requestFocusOnGrid() {
    javafx.scene.Node n = getParent();
    while (n != null && !(n instanceof javafx.scene.control.ListView)) {
      n = n.getParent();
    }
    if (n != null) {
      n.requestFocus();
    }
  }

  GalleryItem item() {
    return item;
  }

  /** Shows {@code next} (null leaves the card empty and invisible). */
  void show(GalleryItem next) {
    if (next == item) {
      return;
    }
    if (item != null) {
      item.stateProperty().removeListener(weakRefresh);
      item.resultProperty().removeListener(weakRefresh);
      item.selectedProperty().removeListener(weakRefresh);
    }
    if (pendingThumbnail != null) {
      pendingThumbnail.cancel(false);
      pendingThumbnail = null;
    }
    item = next;
    setVisible(next != null);
    thumbnail.setImage(null);
    if (next == null) {
      overlay.getChildren().clear();
      return;
    }
    next.stateProperty().addListener(weakRefresh);
    next.resultProperty().addListener(weakRefresh);
    next.selectedProperty().addListener(weakRefresh);
    Image cached = loader.cachedThumbnail(next.photo());
    if (cached != null) {
      thumbnail.setImage(cached);
    } else {
      GalleryItem wanted = next;
      pendingThumbnail = loader.loadThumbnail(next.photo(), image -> {
        if (item == wanted) {
          thumbnail.setImage(image);
          pendingThumbnail = null;
        }
      });
    }
    name.setText(next.fileName());
    refresh();
  }

  private void refresh() {
    GalleryItem.State s = item.state();
    state.setText(s.text());
    state.getStyleClass().removeIf(c -> c.startsWith("state-"));
    state.getStyleClass().add("state-" + s.name().toLowerCase(java.util.Locale.ROOT));
    pseudoClassStateChanged(javafx.css.PseudoClass.getPseudoClass("selected"), item.isSelected());
    pseudoClassStateChanged(javafx.css.PseudoClass.getPseudoClass("error"), s == GalleryItem.State.ERROR);
    errorIcon.setVisible(s == GalleryItem.State.ERROR);
    ImageAnalysis r = item.result();
    boolean current = s == GalleryItem.State.DONE || s == GalleryItem.State.ERROR;
    ResultSummary summary = ResultSummary.of(current ? r : null);
    headline.setText(summary.headline());
    headlineTip.setText(summary.headline());
    for (int i = 0; i < bars.size(); i++) {
      bars.get(i).show(i < summary.lines().size() ? summary.lines().get(i) : null);
    }
    boolean more = summary.unlistedFaces() > 0;
    moreFaces.setText(more ? Messages.text("gallery.card.moreFaces", summary.unlistedFaces()) : "");
    moreFaces.setVisible(more);
    moreFaces.setManaged(more);
    if (current && r != null && r.ok()) {
      double scale = Math.min(THUMB_WIDTH / r.width(), THUMB_HEIGHT / r.height());
      double dx = (THUMB_WIDTH - r.width() * scale) / 2;
      double dy = (THUMB_HEIGHT - r.height() * scale) / 2;
      // the state and the remove button sit over the photo's top corners: no face number under them
      List<TagPlacement.Rect> covered = List.of(new TagPlacement.Rect(0, 0, state.prefWidth(-1), state.prefHeight(-1)),
          new TagPlacement.Rect(THUMB_WIDTH - remove.prefWidth(-1), 0, remove.prefWidth(-1), remove.prefHeight(-1)));
      Overlays.paint(overlay, r, scale, dx, dy, Overlays.Layers.CARD, LABEL_FONT, -1, covered);
    } else {
      overlay.getChildren().clear();
    }
    setAccessibleText(item.fileName() + ", " + s.text() + (summary.headline().isEmpty() ? "" : ", " + summary.headline()));
  }

  /** One "label ▇▇▇▇░░ 87%" line (a face's starts with its number); built once per card and reused as the card scrolls. */
  private static final class BarRow {
    /** A face's class lines up under its emotion, past the face's number badge. */
    static final Insets FACE_CLASS_INDENT = new Insets(0, 0, 0, 20);
    static final double LABEL_WIDTH = 70;
    /** Wide enough for "terkejut" after the number badge. */
    static final double NUMBERED_LABEL_WIDTH = 86;
    final Label label = new Label();
    final Label number = new Label();
    final ConfidenceBar confidence = new ConfidenceBar();
    final Label pct = new Label();
    final HBox row = new HBox(6, label, confidence, pct);

    BarRow() {
      label.getStyleClass().add("card-label");
      label.setMinWidth(LABEL_WIDTH);
      label.setPrefWidth(LABEL_WIDTH);
      number.getStyleClass().add("card-face-number");
      number.setMinWidth(Region.USE_PREF_SIZE);
      label.setGraphicTextGap(4);
      HBox.setHgrow(confidence, Priority.ALWAYS);
      pct.getStyleClass().add("card-percent");
      pct.setMinWidth(36);
      pct.setAlignment(Pos.CENTER_RIGHT);
      row.setAlignment(Pos.CENTER_LEFT);
    }

    void show(ResultSummary.Line line) {
      row.setVisible(line != null);
      if (line != null) {
        // a face's class sits under its emotion, indented
        label.setPadding(line.faceClass() ? FACE_CLASS_INDENT : Insets.EMPTY);
        label.getStyleClass().remove("card-face-class");
        if (line.faceClass()) {
          label.getStyleClass().add("card-face-class");
        }
        label.setText(line.label());
        // the number in the badge its box carries on the thumbnail
        boolean numbered = line.face() > 0;
        number.setText(numbered ? Overlays.number(line.face() - 1) : "");
        label.setGraphic(numbered ? number : null);
        double width = numbered || line.faceClass() ? NUMBERED_LABEL_WIDTH : LABEL_WIDTH;
        label.setMinWidth(width);
        label.setPrefWidth(width);
        confidence.setValue(line.score());
        pct.setText(Overlays.percent(line.score()));
      }
    }
  }
}
