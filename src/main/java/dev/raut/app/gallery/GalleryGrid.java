package dev.raut.app.gallery;

import dev.raut.core.text.Messages;
import java.util.ArrayList;
import java.util.List;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.HBox;

/**
 * The virtualised card grid: a ListView whose rows each hold as many cards as fit the width. Only
 * the visible rows have cards (ListView reuses its cells), so 5,000 photos cost 5,000 small items,
 * not 5,000 card nodes. Keyboard: arrows move, Shift+arrows extend, Enter opens, Delete removes,
 * Ctrl+A selects all.
 */
final class GalleryGrid extends ListView<GalleryGrid.Row> {
  static final double GAP = 10;

  /** Row {@code index}; {@code version} differs after every re-layout so cells always refresh. */
  record Row(int index, long version) {}

  private final GalleryPresenter presenter;
  private final PhotoLoader loader;
  private int columns = 1;
  private long version;
  private int cursor = -1;
  /** Held here, added weakly: a grid replaced after a change of language is not kept alive by the presenter. */
  private final ListChangeListener<GalleryItem> itemsChanged = c -> relayout();

  GalleryGrid(GalleryPresenter presenter, PhotoLoader loader) {
    this.presenter = presenter;
    this.loader = loader;
    getStyleClass().add("gallery-grid");
    setFixedCellSize(CardView.HEIGHT + GAP);
    setCellFactory(list -> new RowCell());
    setFocusTraversable(true);
    setAccessibleText(Messages.text("gallery.grid.accessible"));
    presenter.items().addListener(new javafx.collections.WeakListChangeListener<>(itemsChanged));
    relayout();
    widthProperty().addListener((obs, old, now) -> {
      int fit = Math.max(1, (int) ((now.doubleValue() - 24) / (CardView.WIDTH + GAP)));
      if (fit != columns) {
        columns = fit;
        relayout();
      }
    });
    addEventFilter(KeyEvent.KEY_PRESSED, this::onKey);
  }

  private void relayout() {
    int count = presenter.items().size();
    int rows = (count + columns - 1) / columns;
    version++;
    List<Row> list = new ArrayList<>(rows);
    for (int i = 0; i < rows; i++) {
      list.add(new Row(i, version));
    }
    getItems().setAll(list);
    if (cursor >= count) {
      cursor = count - 1;
    }
  }

  private void onKey(KeyEvent e) {
    List<GalleryItem> items = presenter.items();
    if (items.isEmpty()) {
      return;
    }
    KeyCode code = e.getCode();
    int step = switch (code) {
      case LEFT -> -1;
      case RIGHT -> 1;
      case UP -> -columns;
      case DOWN -> columns;
      default -> 0;
    };
    if (step != 0) {
      int from = cursor < 0 ? 0 : cursor;
      int to = cursor < 0 ? 0 : Math.max(0, Math.min(items.size() - 1, from + step));
      cursor = to;
      presenter.select(items.get(to), false, e.isShiftDown());
      scrollTo(to / columns);
      e.consume();
    } else if (code == KeyCode.ENTER && cursor >= 0 && cursor < items.size()) {
      presenter.openDetail(items.get(cursor));
      e.consume();
    } else if (code == KeyCode.DELETE || code == KeyCode.BACK_SPACE) {
      presenter.remove(presenter.selectedItems());
      e.consume();
    } else if (code == KeyCode.A && e.isShortcutDown()) {
      presenter.selectAll();
      e.consume();
    }
  }

  /** Keeps the keyboard cursor on the card last clicked. */
  void cursorTo(GalleryItem item) {
    cursor = presenter.items().indexOf(item);
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
      List<GalleryItem> items = presenter.items();
      for (int c = 0; c < cards.size(); c++) {
        int index = row == null || empty ? -1 : row.index() * columns + c;
        cards.get(c).show(index >= 0 && index < items.size() && c < columns ? items.get(index) : null);
      }
    }
  }
}
