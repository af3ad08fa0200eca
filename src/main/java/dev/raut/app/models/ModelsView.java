package dev.raut.app.models;

import static dev.raut.app.models.ModelsStrings.*;

import dev.raut.core.classify.ClassifierLibrary;
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
 * on the page) and remove.
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

    Label defaultsTitle = new Label(DEFAULT_MODELS);
    defaultsTitle.getStyleClass().add("title-3");
    TableView<ModelsPresenter.DefaultModel> defaults = new TableView<>(presenter.defaults());
    defaults.getColumns().add(column("Model", ModelsPresenter.DefaultModel::name, 230));
    defaults.getColumns().add(column("Task", ModelsPresenter.DefaultModel::task, 120));
    defaults.getColumns().add(column("Source", ModelsPresenter.DefaultModel::source, 300));
    defaults.getColumns().add(column("Licence", ModelsPresenter.DefaultModel::license, 160));
    defaults.getColumns().add(column("Cache", ModelsPresenter.DefaultModel::state, 110));
    defaults.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
    // room for the five default models without a scroll bar
    defaults.setFixedCellSize(36);
    defaults.setPrefHeight(36 * 5 + 42);
    defaults.setMinHeight(Region.USE_PREF_SIZE);
    defaults.setPlaceholder(new Label(READING_CACHE));
    defaults.setAccessibleText(DEFAULT_MODELS);

    Label importedTitle = new Label(YOUR_CLASSIFIERS);
    importedTitle.getStyleClass().add("title-3");
    Button importButton = new Button(IMPORT_BUTTON, new FontIcon(Material2MZ.MODEL_TRAINING));
    importButton.setTooltip(new Tooltip(IMPORT_TIP));
    importButton.setOnAction(e -> openImport(null));
    importButton.setId("import-classifier");
    Region spacer = new Region();
    HBox.setHgrow(spacer, Priority.ALWAYS);
    Label folder = new Label(KEPT_IN + presenter.libraryFolder());
    folder.getStyleClass().add("text-muted");
    HBox importedHeader = new HBox(10, importedTitle, spacer, folder, importButton);
    importedHeader.setAlignment(Pos.CENTER_LEFT);

    TableView<ClassifierLibrary.Entry> imported = new TableView<>(presenter.imported());
    imported.getColumns().add(column(COL_NAME, ClassifierLibrary.Entry::name, 200));
    imported.getColumns().add(column(COL_SCOPE, e -> e.usable() ? scope(e.scope()) : "", 100));
    imported.getColumns().add(column(COL_FORMAT, presenter::formatOf, 220));
    imported.getColumns().add(column(COL_CLASSES, e -> e.spec() == null ? "" : String.valueOf(e.spec().labels().size()), 70));
    imported.getColumns().add(column(COL_INPUT, e -> e.spec() == null ? "" : inputLine(e.spec().width(), e.spec().height(),
        e.spec().color()) + ", " + scaling(e.spec().normalization()), 260));
    imported.getColumns().add(column(COL_STATE, e -> e.usable() ? READY : e.problem(), 200));
    imported.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
    imported.setPlaceholder(new Label(NO_CLASSIFIERS));
    imported.setAccessibleText(YOUR_CLASSIFIERS);
    imported.setId("imported-classifiers");
    VBox.setVgrow(imported, Priority.ALWAYS);
    Button remove = new Button(REMOVE, new FontIcon(Material2AL.DELETE));
    remove.setTooltip(new Tooltip(REMOVE_TIP));
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

  private static <T> TableColumn<T, String> column(String title, Function<T, String> value, double width) {
    TableColumn<T, String> column = new TableColumn<>(title);
    column.setCellValueFactory(cell -> new SimpleStringProperty(value.apply(cell.getValue())));
    column.setPrefWidth(width);
    return column;
  }
}
