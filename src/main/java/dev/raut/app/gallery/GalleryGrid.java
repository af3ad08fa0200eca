package dev.raut.app.gallery;

import dev.raut.core.text.Messages;
import java.util.ArrayList;
import java.util.List;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.skin.VirtualFlow;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.ScrollEvent;
import javafx.scene.layout.HBox;

/**
 * The virtualised card grid: a ListView whose rows each hold as many cards as fit the width. Only
 * the visible rows have cards (ListView reuses its cells), so 5,000 photos cost 5,000 small items,
 * not 5,000 card nodes. It shows the presenter's {@link GalleryPresenter#shown() shown} photos.
 * Keyboard: arrows move, Home/End go to the first/last card, Page Up/Down a screen, Shift with
 * any of them extends the selection; Enter opens, Delete removes, Ctrl+A selects all. A wheel
 * notch scrolls one row of cards.
 */
final class GalleryGrid extends ListView<GalleryGrid.Row> {
  static final double GAP = 10;
  static final double ROW_HEIGHT = CardView.HEIGHT + GAP;
  /** What the toolkit reports for one wheel notch (ScrollEvent's deltaY); one notch scrolls one row. */
  static final double PIXELS_PER_NOTCH = 40;

  /** Row {@code index}; {@code version} differs after every re-layout so cells always refresh. */
  record Row(int index, long version) {}

  private final GalleryPresenter presenter;
  private final PhotoLoader loader;
  private int columns = 1;
  private long version;
  /** The card the keyboard is on (last clicked or moved to). */
  private GalleryItem cursor;
  /** Held here, added weakly: a grid replaced after a change of language is not kept alive by the presenter. */
  private final ListChangeListener<GalleryItem> shownChanged = c -> {
    if (changesLayout(c)) {
      relayout();
    }
  };
  private final javafx.beans.value.ChangeListener<GalleryItem> revealed = (obs, old, now) -> reveal(now);

  GalleryGrid(GalleryPresenter presenter, PhotoLoader loader) {
    this.presenter = presenter;
    this.loader = loader;
    getStyleClass().add("gallery-grid");
    setFixedCellSize(ROW_HEIGHT);
    setCellFactory(list -> new RowCell());
    setFocusTraversable(true);
    setAccessibleText(Messages.text("gallery.grid.accessible"));
    presenter.shown().addListener(new javafx.collections.WeakListChangeListener<>(shownChanged));
    presenter.revealedProperty().addListener(new javafx.beans.value.WeakChangeListener<>(revealed));
    relayout();
    widthProperty().addListener((obs, old, now) -> {
      int fit = Math.max(1, (int) ((now.doubleValue() - 24) / (CardView.WIDTH + GAP)));
      if (fit != columns) {
        columns = fit;
        relayout();
      }
    });
    addEventFilter(KeyEvent.KEY_PRESSED, this::onKey);
    addEventFilter(ScrollEvent.SCROLL, this::onScroll);
  }

  /**
   * Whether the cards must be laid out again: photos came or went, or the order changed. A new
   * state or result alone does not (each card follows its own item), nor a sort that kept the order.
   */
  private static boolean changesLayout(ListChangeListener.Change<? extends GalleryItem> c) {
    while (c.next()) {
      if (c.wasPermutated()) {
        for (int i = c.getFrom(); i < c.getTo(); i++) {
          if (c.getPermutation(i) != i) {
            return true;
          }
        }
      } else if (!c.wasUpdated()) {
        return true;
      }
    }
    return false;
  }

  private void relayout() {
    int count = presenter.shown().size();
    int rows = (count + columns - 1) / columns;
    version++;
    List<Row> list = new ArrayList<>(rows);
    for (int i = 0; i < rows; i++) {
      list.add(new Row(i, version));
    }
    getItems().setAll(list);
  }

  private void onKey(KeyEvent e) {
    List<GalleryItem> items = presenter.shown();
    if (items.isEmpty()) {
      return;
    }
    KeyCode code = e.getCode();
    int at = cursor == null ? -1 : items.indexOf(cursor);
    int page = Math.max(1, visibleRows()) * columns;
    int last = items.size() - 1;
    int to = switch (code) {
      case LEFT -> at - 1;
      case RIGHT -> at + 1;
      case UP -> at - columns;
      case DOWN -> at + columns;
      case PAGE_UP -> at - page;
      case PAGE_DOWN -> at + page;
      case HOME -> 0;
      case END -> last;
      default -> Integer.MIN_VALUE;
    };
    if (to != Integer.MIN_VALUE && !e.isShortcutDown()) {
      // the first key press without a card under the keyboard starts at the first card (Home, End: where they say)
      to = at < 0 && code != KeyCode.HOME && code != KeyCode.END ? 0 : Math.max(0, Math.min(last, to));
      cursor = items.get(to);
      presenter.select(cursor, false, e.isShiftDown());
      reveal(to);
      e.consume();
    } else if (code == KeyCode.ENTER && at >= 0) {
      presenter.openDetail(cursor);
      e.consume();
    } else if (code == KeyCode.DELETE || code == KeyCode.BACK_SPACE) {
      presenter.remove(presenter.selectedItems());
      e.consume();
    } else if (code == KeyCode.A && e.isShortcutDown()) {
      presenter.selectAll();
      e.consume();
    }
  }

  /**
   * A mouse wheel: one notch scrolls one row of cards (the list's own step is 40 pixels of a
   * 292-pixel row). Touchpad gestures and their inertia keep the list's own, pixel-exact scrolling.
   */
  private void onScroll(ScrollEvent e) {
    VirtualFlow<?> flow = flow();
    if (flow == null || e.getDeltaY() == 0 || e.getTouchCount() > 0 || e.isInertia() || e.isDirect()) {
      return;
    }
    flow.scrollPixels(-e.getDeltaY() / PIXELS_PER_NOTCH * ROW_HEIGHT);
    e.consume();
  }

  /** Puts the keyboard on {@code item} and scrolls to it (photos brought back by Undo). */
  private void reveal(GalleryItem item) {
    if (item != null) {
      cursor = item;
      reveal(presenter.shown().indexOf(item));
    }
  }

  /** Scrolls as little as needed for the card at {@code index} of the shown photos to be in view. */
  private void reveal(int index) {
    if (index < 0) {
      return;
    }
    VirtualFlow<?> flow = flow();
    if (flow != null) {
      flow.scrollTo(index / columns);
    } else {
      scrollTo(index / columns);
    }
  }

  private int visibleRows() {
    return (int) Math.floor(getHeight() / ROW_HEIGHT);
  }

  private VirtualFlow<?> flow() {
    return lookup(".virtual-flow") instanceof VirtualFlow<?> flow ? flow : null;
  }

  /** Keeps the keyboard cursor on the card last clicked. */
  void cursorTo(GalleryItem item) {
    cursor = item;
  }

  /** How many cards a row holds at the current width. */
  int columns() {
    return columns;
  }

  /** The row index of the first row in view (tests of scrolling). */
  int firstVisibleRow() {
    VirtualFlow<?> flow = flow();
    return flow == null || flow.getFirstVisibleCell() == null ? 0 : flow.getFirstVisibleCell().getIndex();
  }

  private final class RowCell extends ListCell<Row> {
    private final HBox box = new HBox(GAP);
    private final List<CardView> cards = new ArrayList<>();

    RowCell() {
      box.setPadding(new Insets(GAP / 2, 0, GAP / 2, GAP));
      setGraphic(box);
      getStyleClass().add("gallery-row");
    }

    @Override
    protected void updateItem(Row row, boolean empty) {
      super.updateItem(row, empty);
      while (cards.size() < columns) {
        CardView card = new CardView(presenter, loader);
        card.addEventHandler(javafx.scene.input.MouseEvent.MOUSE_CLICKED, e -> cursorTo(card.item()));
        cards.add(card);
      }
      if (box.getChildren().size() != columns) {
        // only when the column count changed: re-adding nodes re-applies CSS to the whole card
        box.getChildren().setAll(cards.subList(0, columns));
      }
      List<GalleryItem> items = presenter.shown();
      for (int c = 0; c < cards.size(); c++) {
        int index = row == null || empty ? -1 : row.index() * columns + c;
        cards.get(c).show(index >= 0 && index < items.size() && c < columns ? items.get(index) : null);
      }
    }
  }
}
