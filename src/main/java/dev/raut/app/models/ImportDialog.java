package dev.raut.app.models;

import dev.raut.app.AppServices;
import dev.raut.core.classify.ClassifierSpec;
import java.io.File;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import javafx.application.Platform;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.Spinner;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.GridPane;
import javafx.stage.FileChooser;
import javafx.stage.Window;

/**
 * "Import ONNX classifier": the model, its labels, the preprocessing (guessed from the model's
 * input shape, editable), a preview on a photo the user picks, then import. A refused model keeps
 * the dialog open with the reason.
 */
final class ImportDialog extends Dialog<ButtonType> {
  private final ModelsPresenter presenter;
  private final TextField name = new TextField();
  private final Label onnxLabel = new Label("No model chosen");
  private final Label labelsLabel = new Label("No labels file chosen");
  private final Spinner<Integer> width = new Spinner<>(1, 4096, 224);
  private final Spinner<Integer> height = new Spinner<>(1, 4096, 224);
  private final ComboBox<ClassifierSpec.Layout> layout = new ComboBox<>();
  private final ComboBox<ClassifierSpec.ColorOrder> color = new ComboBox<>();
  private final ComboBox<ClassifierSpec.Normalization> normalization = new ComboBox<>();
  private final CheckBox softmax = new CheckBox("Apply softmax to the output");
  private final Label preview = new Label();
  private final Label problem = new Label();
  private Path onnx;
  private List<String> labels;

  ImportDialog(ModelsPresenter presenter, Window owner) {
    this.presenter = presenter;
    initOwner(owner);
    setTitle("Import ONNX classifier");
    setHeaderText("An image classifier (.onnx) and a labels file with one label per output class");
    layout.getItems().setAll(ClassifierSpec.Layout.values());
    color.getItems().setAll(ClassifierSpec.ColorOrder.values());
    normalization.getItems().setAll(ClassifierSpec.Normalization.values());
    layout.setValue(ClassifierSpec.Layout.NCHW);
    color.setValue(ClassifierSpec.ColorOrder.RGB);
    normalization.setValue(ClassifierSpec.Normalization.MEAN_STD);
    normalization.setTooltip(new Tooltip("ZERO_ONE: pixel/255 · MINUS_ONE_ONE: pixel/127.5-1 · MEAN_STD: ImageNet mean/std"
        + " · CAFFE: BGR minus mean · RAW: 0..255"));
    softmax.setSelected(true);
    width.setEditable(true);
    height.setEditable(true);
    preview.setWrapText(true);
    problem.setWrapText(true);
    problem.getStyleClass().add("danger");

    Button chooseOnnx = new Button("Choose .onnx…");
    chooseOnnx.setOnAction(e -> chooseOnnx());
    Button chooseLabels = new Button("Choose labels…");
    chooseLabels.setOnAction(e -> chooseLabels());
    Button tryPhoto = new Button("Try on a photo…");
    tryPhoto.setTooltip(new Tooltip("Classify a photo with these settings before importing"));
    tryPhoto.setOnAction(e -> tryOnPhoto());

    GridPane form = new GridPane();
    form.setHgap(10);
    form.setVgap(8);
    form.setPadding(new Insets(10));
    int row = 0;
    form.addRow(row++, new Label("Model"), chooseOnnx, onnxLabel);
    form.addRow(row++, new Label("Labels"), chooseLabels, labelsLabel);
    form.addRow(row++, new Label("Name"), name);
    form.addRow(row++, new Label("Input width"), width);
    form.addRow(row++, new Label("Input height"), height);
    form.addRow(row++, new Label("Layout"), layout);
    form.addRow(row++, new Label("Colour order"), color);
    form.addRow(row++, new Label("Normalisation"), normalization);
    form.add(softmax, 1, row++);
    form.addRow(row++, new Label("Preview"), tryPhoto);
    form.add(preview, 1, row++, 2, 1);
    form.add(problem, 0, row, 3, 1);
    getDialogPane().setContent(form);
    getDialogPane().setPrefWidth(640);

    ButtonType importType = new ButtonType("Import", ButtonBar.ButtonData.OK_DONE);
    getDialogPane().getButtonTypes().addAll(importType, ButtonType.CANCEL);
    Button importButton = (Button) getDialogPane().lookupButton(importType);
    importButton.addEventFilter(javafx.event.ActionEvent.ACTION, e -> {
      e.consume(); // the dialog closes only once the import succeeded
      importNow();
    });
  }

  private void chooseOnnx() {
    FileChooser chooser = new FileChooser();
    chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("ONNX models", "*.onnx"));
    File file = chooser.showOpenDialog(getOwner());
    if (file == null) {
      return;
    }
    onnx = file.toPath();
    onnxLabel.setText(file.getName());
    if (name.getText().isBlank()) {
      name.setText(file.getName().replaceFirst("\\.onnx$", ""));
    }
    problem.setText("Reading the model…");
    presenter.guessSpec(onnx).whenComplete((spec, error) -> Platform.runLater(() -> {
      if (error != null) {
        problem.setText(AppServices.rootMessage(error));
        return;
      }
      width.getValueFactory().setValue(spec.width());
      height.getValueFactory().setValue(spec.height());
      layout.setValue(spec.layout());
      color.setValue(spec.color());
      normalization.setValue(spec.normalization());
      problem.setText("The model outputs " + spec.labels().size() + " classes; settings guessed from its input shape.");
    }));
  }

  private void chooseLabels() {
    FileChooser chooser = new FileChooser();
    chooser.getExtensionFilters().addAll(new FileChooser.ExtensionFilter("Text", "*.txt", "*.csv", "*.labels"),
        new FileChooser.ExtensionFilter("All files", "*"));
    File file = chooser.showOpenDialog(getOwner());
    if (file == null) {
      return;
    }
    presenter.readLabels(file.toPath()).whenComplete((list, error) -> Platform.runLater(() -> {
      if (error != null) {
        problem.setText(AppServices.rootMessage(error));
        return;
      }
      labels = list;
      labelsLabel.setText(file.getName() + " (" + list.size() + " labels)");
    }));
  }

  private ClassifierSpec spec() {
    if (onnx == null) {
      throw new IllegalStateException("Choose the .onnx model first.");
    }
    if (labels == null) {
      throw new IllegalStateException("Choose the labels file (one label per line, in the model's output order).");
    }
    return new ClassifierSpec(width.getValue(), height.getValue(), layout.getValue(), color.getValue(),
        normalization.getValue(), null, null, softmax.isSelected(), labels);
  }

  private void tryOnPhoto() {
    ClassifierSpec spec;
    try {
      spec = spec();
    } catch (IllegalStateException | IllegalArgumentException e) {
      problem.setText(e.getMessage());
      return;
    }
    FileChooser chooser = new FileChooser();
    chooser.setTitle("A photo to try the classifier on");
    File photo = chooser.showOpenDialog(getOwner());
    if (photo == null) {
      return;
    }
    preview.setText("Classifying " + photo.getName() + "…");
    presenter.preview(onnx, name.getText(), spec, photo.toPath()).whenComplete((list, error) -> Platform.runLater(() -> {
      if (error != null) {
        preview.setText("");
        problem.setText(AppServices.rootMessage(error));
        return;
      }
      problem.setText("");
      preview.setText(photo.getName() + ": " + list.stream().limit(5)
          .map(p -> p.label() + " " + String.format(Locale.ROOT, "%.0f%%", p.score() * 100))
          .collect(Collectors.joining(", ")));
    }));
  }

  private void importNow() {
    ClassifierSpec spec;
    try {
      spec = spec();
    } catch (IllegalStateException | IllegalArgumentException e) {
      problem.setText(e.getMessage());
      return;
    }
    problem.setText("Checking the model…");
    presenter.importClassifier(name.getText(), onnx, spec).whenComplete((entry, error) -> Platform.runLater(() -> {
      if (error != null) {
        problem.setText("Not imported: " + AppServices.rootMessage(error));
      } else {
        setResult(ButtonType.OK);
        close();
      }
    }));
  }
}
