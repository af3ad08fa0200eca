package dev.raut.app.models;

import dev.raut.core.classify.ClassifierLibrary;
import dev.raut.core.classify.ClassifierScope;
import dev.raut.core.classify.ClassifierSpec;
import dev.raut.core.model.ModelState;
import dev.raut.core.text.Messages;
import java.io.File;
import java.nio.file.Path;
import java.util.function.Function;
import javafx.beans.binding.Bindings;
import javafx.beans.property.SimpleStringProperty;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;
import javafx.scene.input.DragEvent;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.TransferMode;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.material2.Material2AL;
import org.kordamp.ikonli.material2.Material2MZ;

/**
 * The Models page: default models and their cache state, imported classifiers (with what they
 * look at and what they were imported from), import (button, Ctrl+I, or a model dropped anywhere
 * on the page) and remove. Its lists live in the presenter: a new view (after a language change)
 * shows them in the new language.
 */
public final class ModelsView extends VBox {
  public static final KeyCombination IMPORT = new KeyCodeCombination(KeyCode.I, KeyCombination.SHORTCUT_DOWN);

  private final ModelsPresenter presenter;
  private ImportDialog openDialog;

  public ModelsView(ModelsPresenter presenter) {
    super(12);
    this.presenter = presenter;
    getStyleClass().add("models-view");
    setPadding(new Insets(16));

    Label defaultsTitle = new Label(Messages.text("models.defaults"));
    defaultsTitle.getStyleClass().add("title-3");
    TableView<ModelsPresenter.DefaultModel> defaults = new TableView<>(presenter.defaults());
    defaults.getColumns().add(column(Messages.text("models.col.model"), ModelsPresenter.DefaultModel::name, 230));
    defaults.getColumns().add(column(Messages.text("models.col.task"), m -> task(m.task()), 120));
    defaults.getColumns().add(column(Messages.text("models.col.source"), ModelsPresenter.DefaultModel::source, 300));
    defaults.getColumns().add(column(Messages.text("models.col.licence"), ModelsPresenter.DefaultModel::license, 160));
    defaults.getColumns().add(column(Messages.text("models.col.cache"), m -> state(m.state()), 110));
    defaults.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
    // room for the five default models without a scroll bar
    defaults.setFixedCellSize(36);
    defaults.setPrefHeight(36 * 5 + 42);
    defaults.setMinHeight(Region.USE_PREF_SIZE);
    defaults.setPlaceholder(new Label(Messages.text("models.readingCache")));
    defaults.setAccessibleText(Messages.text("models.defaults"));

    Label importedTitle = new Label(Messages.text("models.yours"));
    importedTitle.setId("classifiers-title");
    importedTitle.getStyleClass().add("title-3");
    Button importButton = new Button(Messages.text("models.import"), new FontIcon(Material2MZ.MODEL_TRAINING));
    importButton.setTooltip(new Tooltip(Messages.text("models.import.tip")));
    importButton.setOnAction(e -> openImport(null));
    importButton.setId("import-classifier");
    Region spacer = new Region();
    HBox.setHgrow(spacer, Priority.ALWAYS);
    Label folder = new Label(Messages.text("models.keptIn", presenter.libraryFolder()));
    folder.getStyleClass().add("text-muted");
    // at 1000 px (and in longer Indonesian words) the folder's path gives way, the title and button never
    importedTitle.setMinWidth(Region.USE_PREF_SIZE);
    importButton.setMinWidth(Region.USE_PREF_SIZE);
    folder.setMinWidth(0);
    folder.setTooltip(new Tooltip(folder.getText()));
    HBox importedHeader = new HBox(10, importedTitle, spacer, folder, importButton);
    importedHeader.setAlignment(Pos.CENTER_LEFT);

    TableView<ClassifierLibrary.Entry> imported = new TableView<>(presenter.imported());
    imported.getColumns().add(column(Messages.text("models.col.name"), ClassifierLibrary.Entry::name, 200));
    imported.getColumns().add(column(Messages.text("models.col.scope"), e -> e.usable() ? scope(e.scope()) : "", 100));
    imported.getColumns().add(column(Messages.text("models.col.format"), presenter::formatOf, 220));
    imported.getColumns().add(column(Messages.text("models.col.classes"), e -> e.spec() == null ? ""
        : Messages.number(e.spec().labels().size(), 0), 70));
    imported.getColumns().add(column(Messages.text("models.col.input"), e -> e.spec() == null ? ""
        : Messages.text("models.input.withScaling", inputLine(e.spec().width(), e.spec().height(), e.spec().color()),
            scaling(e.spec().normalization())), 260));
    imported.getColumns().add(column(Messages.text("models.col.state"), e -> e.usable() ? state(ModelState.READY)
        : e.problem(), 200));
    imported.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
    imported.setPlaceholder(new Label(Messages.text("models.none")));
    imported.setAccessibleText(Messages.text("models.yours"));
    imported.setId("imported-classifiers");
    VBox.setVgrow(imported, Priority.ALWAYS);
    Button remove = new Button(Messages.text("models.remove"), new FontIcon(Material2AL.DELETE));
    remove.setTooltip(new Tooltip(Messages.text("models.remove.tip")));
    remove.disableProperty().bind(Bindings.isNull(imported.getSelectionModel().selectedItemProperty()));
    remove.setOnAction(e -> presenter.remove(imported.getSelectionModel().getSelectedItem()));
    HBox actions = new HBox(10, remove);

    getChildren().addAll(defaultsTitle, defaults, importedHeader, imported, actions);

    // a model dropped anywhere on the page (the tables included: they let drag events bubble up)
    setOnDragOver(this::onDragOver);
    setOnDragDropped(this::onDragDropped);
  }

  /**
   * Opens the import dialog (not waiting for it: it may be opened from a drop), reading
   * {@code model} at once when given. While a dialog is open, a new model goes into it.
   */
  public void openImport(Path model) {
    if (openDialog == null) {
      ImportDialog dialog = new ImportDialog(presenter, getScene().getWindow());
      dialog.addEventHandler(javafx.scene.control.DialogEvent.DIALOG_HIDDEN, e -> openDialog = null);
      openDialog = dialog;
      dialog.show();
    }
    if (model != null) {
      openDialog.load(model);
    }
  }

  /** The import dialog while it is open, else null. */
  ImportDialog openDialog() {
    return openDialog;
  }

  private void onDragOver(DragEvent e) {
    if (e.getDragboard().hasFiles()) {
      e.acceptTransferModes(TransferMode.COPY);
    }
    e.consume();
  }

  private void onDragDropped(DragEvent e) {
    boolean done = false;
    if (e.getDragboard().hasFiles() && !e.getDragboard().getFiles().isEmpty()) {
      File first = e.getDragboard().getFiles().get(0);
      openImport(first.toPath());
      done = true;
    }
    e.setDropCompleted(done);
    e.consume();
  }

  // ---- the words of a model's settings, shared with the import dialog

  /** "64 × 64 pixels, grey". */
  static String inputLine(int width, int height, ClassifierSpec.ColorOrder color) {
    return Messages.text("models.input.line", width, height,
        Messages.text(color == ClassifierSpec.ColorOrder.GREY ? "models.input.grey" : "models.input.colour"));
  }

  /** The pixel scaling in plain words, never the enum's name. */
  static String scaling(ClassifierSpec.Normalization n) {
    return Messages.text(switch (n) {
      case ZERO_ONE -> "models.scaling.zeroOne";
      case MINUS_ONE_ONE -> "models.scaling.minusOneOne";
      case MEAN_STD -> "models.scaling.meanStd";
      case CAFFE -> "models.scaling.caffe";
      case RAW -> "models.scaling.raw";
    });
  }

  static String scope(ClassifierScope scope) {
    return Messages.text(scope == ClassifierScope.FACE ? "models.eachFace" : "models.wholePhoto");
  }

  /** A default model's task ("face-detection") in words; a task without words as it is. */
  static String task(String task) {
    String key = "models.task." + task;
    return Messages.has(key) ? Messages.text(key) : task;
  }

  static String state(ModelState state) {
    return Messages.text(switch (state) {
      case READY -> "models.state.ready";
      case MISSING -> "models.state.missing";
      case CORRUPT -> "models.state.corrupt";
    });
  }

  private static <T> TableColumn<T, String> column(String title, Function<T, String> value, double width) {
    TableColumn<T, String> column = new TableColumn<>(title);
    column.setCellValueFactory(cell -> new SimpleStringProperty(value.apply(cell.getValue())));
    column.setPrefWidth(width);
    return column;
  }
}
