package dev.raut.app.models;

import dev.raut.core.classify.ClassifierLibrary;
import javafx.beans.binding.Bindings;
import javafx.beans.property.SimpleStringProperty;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import java.util.function.Function;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.material2.Material2AL;
import org.kordamp.ikonli.material2.Material2MZ;

/** The Models page: default models and their cache state, imported classifiers, import and remove. */
public final class ModelsView extends VBox {
  public ModelsView(ModelsPresenter presenter) {
    super(12);
    getStyleClass().add("models-view");
    setPadding(new Insets(16));

    Label defaultsTitle = new Label("Default models");
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
    defaults.setPlaceholder(new Label("Reading the model cache…"));
    defaults.setAccessibleText("Default models");

    Label importedTitle = new Label("Your classifiers");
    importedTitle.getStyleClass().add("title-3");
    Button importButton = new Button("Import ONNX classifier…", new FontIcon(Material2MZ.MODEL_TRAINING));
    importButton.setTooltip(new Tooltip("Add your own image classifier (.onnx) with its labels"));
    importButton.setOnAction(e -> new ImportDialog(presenter, getScene().getWindow()).showAndWait());
    importButton.setId("import-classifier");
    Region spacer = new Region();
    HBox.setHgrow(spacer, Priority.ALWAYS);
    Label folder = new Label("Kept in " + presenter.libraryFolder());
    folder.getStyleClass().add("text-muted");
    HBox importedHeader = new HBox(10, importedTitle, spacer, folder, importButton);
    importedHeader.setAlignment(Pos.CENTER_LEFT);

    TableView<ClassifierLibrary.Entry> imported = new TableView<>(presenter.imported());
    imported.getColumns().add(column("Name", ClassifierLibrary.Entry::name, 220));
    imported.getColumns().add(column("Classes", e -> e.spec() == null ? "" : String.valueOf(e.spec().labels().size()), 80));
    imported.getColumns().add(column("Input", e -> e.spec() == null ? "" : e.spec().width() + " × " + e.spec().height()
        + " " + e.spec().layout() + " " + e.spec().color() + " " + e.spec().normalization(), 300));
    imported.getColumns().add(column("State", e -> e.usable() ? "ready" : e.problem(), 260));
    imported.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
    imported.setPlaceholder(new Label("No classifiers imported yet. Import an .onnx image classifier with its labels."));
    imported.setAccessibleText("Imported classifiers");
    VBox.setVgrow(imported, Priority.ALWAYS);
    Button remove = new Button("Remove", new FontIcon(Material2AL.DELETE));
    remove.setTooltip(new Tooltip("Delete the selected classifier from your Raut data folder"));
    remove.disableProperty().bind(Bindings.isNull(imported.getSelectionModel().selectedItemProperty()));
    remove.setOnAction(e -> presenter.remove(imported.getSelectionModel().getSelectedItem()));
    HBox actions = new HBox(10, remove);

    getChildren().addAll(defaultsTitle, defaults, importedHeader, imported, actions);
  }

  private static <T> TableColumn<T, String> column(String title, Function<T, String> value, double width) {
    TableColumn<T, String> column = new TableColumn<>(title);
    column.setCellValueFactory(cell -> new SimpleStringProperty(value.apply(cell.getValue())));
    column.setPrefWidth(width);
    return column;
  }
}
