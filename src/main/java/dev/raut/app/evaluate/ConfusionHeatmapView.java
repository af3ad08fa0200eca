package dev.raut.app.evaluate;

import dev.raut.core.evaluate.ConfusionMatrix;
import dev.raut.core.text.Messages;
import java.util.function.BiConsumer;
import java.util.function.UnaryOperator;
import javafx.geometry.HPos;
import javafx.geometry.Pos;
import javafx.scene.Cursor;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.Background;
import javafx.scene.layout.BackgroundFill;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.StackPane;
import javafx.scene.paint.Color;
import javafx.util.Duration;

/**
 * The confusion matrix as a grid of coloured cells: rows are true labels, columns predicted ones,
 * each cell shows its count and is coloured by its share of the row (so small classes read as
 * clearly as large ones, as in confusion.png). Clicking a cell hands its labels (the model's own)
 * to {@code onCell}; headers and tooltips show them through {@code display} (built-in labels in the
 * user's language).
 * Public: the Teach page shows its held-out photos with it too.
 */
public final class ConfusionHeatmapView extends GridPane {
  private static final Color HOT = Color.rgb(9, 105, 218);
  private static final double CELL = 54;

  /** One cell; the test and the tooltip read its labels and count. */
  public static final class Cell extends StackPane {
    private final String truth;
    private final String predicted;
    private final int count;

    Cell(String truth, String predicted, int count, double rowShare, UnaryOperator<String> display) {
      this.truth = truth;
      this.predicted = predicted;
      this.count = count;
      getStyleClass().add("heatmap-cell");
      setPrefSize(CELL, CELL);
      setMinSize(CELL, CELL);
      setBackground(new Background(new BackgroundFill(HOT.deriveColor(0, 1, 1, 0.06 + 0.94 * rowShare), null, null)));
      Label text = new Label(String.valueOf(count));
      text.getStyleClass().add("heatmap-count");
      if (rowShare > 0.5) {
        text.setTextFill(Color.WHITE);
      }
      getChildren().add(text);
      String share = Messages.text("evaluate.percent", 100 * rowShare);
      String words = Messages.text("evaluate.heatmap.cell", display.apply(truth), display.apply(predicted), count, share);
      Tooltip tip = new Tooltip(count > 0 ? words + "\n" + Messages.text("evaluate.heatmap.click") : words);
      tip.setShowDelay(Duration.millis(200));
      Tooltip.install(this, tip);
      setAccessibleText(words);
      if (count > 0) {
        setCursor(Cursor.HAND);
      }
    }

    public String truth() {
      return truth;
    }

    public String predicted() {
      return predicted;
    }

    public int count() {
      return count;
    }
  }

  /** The labels shown as they are (a user's own classes). */
  public ConfusionHeatmapView(ConfusionMatrix matrix, BiConsumer<String, String> onCell) {
    this(matrix, onCell, UnaryOperator.identity());
  }

  public ConfusionHeatmapView(ConfusionMatrix matrix, BiConsumer<String, String> onCell, UnaryOperator<String> display) {
    getStyleClass().add("heatmap");
    setHgap(2);
    setVgap(2);
    Label corner = new Label(Messages.text("evaluate.heatmap.corner"));
    corner.getStyleClass().add("text-muted");
    add(corner, 0, 0);
    int n = matrix.size();
    for (int c = 0; c < n; c++) {
      Label head = new Label(display.apply(matrix.labels().get(c)));
      head.getStyleClass().add("heatmap-header");
      head.setMinWidth(CELL);
      GridPane.setHalignment(head, HPos.CENTER);
      add(head, c + 1, 0);
    }
    for (int r = 0; r < n; r++) {
      Label head = new Label(display.apply(matrix.labels().get(r)));
      head.getStyleClass().add("heatmap-header");
      head.setAlignment(Pos.CENTER_RIGHT);
      head.setMaxWidth(Double.MAX_VALUE);
      add(head, 0, r + 1);
      for (int c = 0; c < n; c++) {
        Cell cell = new Cell(matrix.labels().get(r), matrix.labels().get(c), matrix.count(r, c), matrix.rowFraction(r, c),
            display);
        if (cell.count() > 0) {
          cell.setOnMouseClicked(e -> onCell.accept(cell.truth(), cell.predicted()));
        }
        add(cell, c + 1, r + 1);
      }
    }
  }
}
