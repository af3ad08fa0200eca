package dev.raut.app.models;

import dev.raut.app.AppServices;
import dev.raut.core.classify.ClassPrediction;
import dev.raut.core.classify.ClassifierScope;
import dev.raut.core.classify.ClassifierSpec;
import dev.raut.core.classify.PreparedImport;
import dev.raut.core.text.Messages;
import java.io.File;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import dev.raut.app.ChoiceNames;
import javafx.application.Platform;
import javafx.beans.binding.Bindings;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.MenuItem;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.RadioButton;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.Tooltip;
import javafx.scene.input.Clipboard;
import javafx.scene.input.DataFormat;
import javafx.scene.input.DragEvent;
import javafx.scene.input.TransferMode;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.DirectoryChooser;
import javafx.stage.FileChooser;
import javafx.stage.Window;

/**
 * "Import a classifier": any model a user brings (Keras, TF.js, Teachable Machine, ONNX) is read
 * and converted off the FX thread, then the dialog shows what Raut found — format, input, the
 * guessed pixel scaling and why (asked as a question when only a default), labels and where they
 * came from — lets the user correct it, try it on a photo, choose whole photo or each face, and
 * import. A refused model keeps the dialog open with the reason in plain words; nothing is imported.
 */
final class ImportDialog extends Dialog<ButtonType> {
  /** The card's record of labels the user typed (cards are written in English, whatever the app's language). */
  private static final String TYPED_IN = "typed in"; // not user text
  private static final List<String> PHOTO_EXTENSIONS = List.of(".jpg", ".jpeg", ".png", ".bmp", ".webp", ".gif",
      ".tif", ".tiff");

  private final ModelsPresenter presenter;
  private final ObjectProperty<PreparedImport> prepared = new SimpleObjectProperty<>();
  private final BooleanProperty busy = new SimpleBooleanProperty();
  private final BooleanProperty labelsFit = new SimpleBooleanProperty();
  private final ProgressIndicator progress = new ProgressIndicator();
  private final Label source = new Label(Messages.text("models.noModel"));
  private final Label status = new Label();
  private final Label format = new Label();
  private final Label input = new Label();
  private final ComboBox<ClassifierSpec.Normalization> scaling = new ComboBox<>();
  private final Label scalingReason = new Label();
  private final ComboBox<ClassifierSpec.ColorOrder> colour = new ComboBox<>();
  private final CheckBox softmax = new CheckBox(Messages.text("models.softmax"));
  private final TextArea labels = new TextArea();
  private final Label labelsFrom = new Label();
  private final Label labelsCount = new Label();
  private final ToggleGroup scope = new ToggleGroup();
  private final RadioButton wholePhoto = new RadioButton(Messages.text("models.wholePhoto"));
  private final RadioButton eachFace = new RadioButton(Messages.text("models.eachFace"));
  private final TextField name = new TextField();
  private final Label notes = new Label();
  private final Label trialTitle = new Label();
  private final VBox trialRows = new VBox(4);
  private final GridPane found = new GridPane();
  private final Button importButton;
  /** Where the labels in the text area came from, as the card records it; {@link #TYPED_IN} once the user edits them. */
  private String labelsOrigin;
  private boolean settingLabels;
  /** Set once the user edits the Name field: from then on a newly chosen model keeps the user's name. */
  private boolean nameTyped;
  private boolean settingName;
  private Path lastTrialPhoto;
  /** Bumped by each new model or trial, so a slow answer for an older one is dropped. */
  private int generation;
  private int trialGeneration;

  ImportDialog(ModelsPresenter presenter, Window owner) {
    this.presenter = presenter;
    initOwner(owner);
    setTitle(Messages.text("models.dialog.title"));
    setHeaderText(Messages.text("models.dialog.header"));
    setResizable(true);
    getDialogPane().setId("import-dialog");

    progress.setPrefSize(22, 22);
    progress.visibleProperty().bind(busy);
    progress.managedProperty().bind(busy);
    status.setWrapText(true);
    status.setId("import-status");
    status.setMaxWidth(820);
    // a refusal can run to several lines: the label takes the height its text needs and can be copied
    status.setMinHeight(Region.USE_PREF_SIZE);
    MenuItem copyStatus = new MenuItem(Messages.text("models.copy"));
    copyStatus.setOnAction(e -> Clipboard.getSystemClipboard().setContent(Map.of(DataFormat.PLAIN_TEXT, status.getText())));
    status.setContextMenu(new ContextMenu(copyStatus));

    Button chooseFile = new Button(Messages.text("models.chooseFile"));
    chooseFile.setTooltip(new Tooltip(Messages.text("models.chooseFile.tip")));
    chooseFile.setOnAction(e -> chooseModelFile());
    Button chooseFolder = new Button(Messages.text("models.chooseFolder"));
    chooseFolder.setTooltip(new Tooltip(Messages.text("models.chooseFolder.tip")));
    chooseFolder.setOnAction(e -> chooseModelFolder());
    chooseFile.disableProperty().bind(busy);
    chooseFolder.disableProperty().bind(busy);
    source.setId("import-source");
    format.setId("import-format");
    input.setId("import-input");
    notes.setId("import-notes");
    HBox modelRow = new HBox(8, new Label(Messages.text("models.model")), chooseFile, chooseFolder, source, progress);
    modelRow.setAlignment(Pos.CENTER_LEFT);

    scaling.getItems().setAll(ClassifierSpec.Normalization.values());
    scaling.setConverter(ChoiceNames.of(ModelsView::scaling));
    scaling.setTooltip(new Tooltip(Messages.text("models.scaling.tip")));
    scaling.setId("import-scaling");
    scaling.valueProperty().addListener((obs, old, now) -> {
      // Keras' "caffe" preprocessing also swaps the channels to BGR
      if (now == ClassifierSpec.Normalization.CAFFE && colour.getValue() == ClassifierSpec.ColorOrder.RGB) {
        colour.setValue(ClassifierSpec.ColorOrder.BGR);
      }
      retry();
    });
    scalingReason.setWrapText(true);
    scalingReason.setMaxWidth(420);
    scalingReason.setId("import-scaling-reason");
    colour.getItems().setAll(ClassifierSpec.ColorOrder.RGB, ClassifierSpec.ColorOrder.BGR);
    colour.setTooltip(new Tooltip(Messages.text("models.colourOrder.tip")));
    colour.valueProperty().addListener(o -> retry());
    softmax.selectedProperty().addListener(o -> retry());

    labels.setPrefRowCount(8);
    labels.setPrefColumnCount(22);
    labels.setTooltip(new Tooltip(Messages.text("models.labels.tip")));
    labels.setId("import-labels");
    labels.textProperty().addListener(o -> {
      if (!settingLabels) {
        labelsOrigin = TYPED_IN;
        labelsFrom.setText(Messages.text("models.labels.typed"));
      }
      checkLabels();
    });
    labelsFrom.setWrapText(true);
    labelsFrom.setId("import-labels-from");
    labelsCount.setWrapText(true);
    labelsCount.setId("import-labels-count");
    Button chooseLabels = new Button(Messages.text("models.labelsFile"));
    chooseLabels.setTooltip(new Tooltip(Messages.text("models.labelsFile.tip")));
    chooseLabels.setOnAction(e -> chooseLabelsFile());

    wholePhoto.setToggleGroup(scope);
    eachFace.setToggleGroup(scope);
    wholePhoto.setSelected(true);
    eachFace.setTooltip(new Tooltip(Messages.text("models.eachFace.tip")));
    wholePhoto.setId("import-scope-image");
    eachFace.setId("import-scope-face");
    name.setId("import-name");
    // a name cleared to nothing follows the next chosen model again
    name.textProperty().addListener(o -> nameTyped = !settingName && !name.getText().isBlank());
    notes.setWrapText(true);
    notes.setMaxWidth(420);

    Button tryPhoto = new Button(Messages.text("models.try"));
    tryPhoto.setTooltip(new Tooltip(Messages.text("models.try.tip")));
    tryPhoto.setOnAction(e -> chooseTrialPhoto());
    tryPhoto.disableProperty().bind(busy.or(labelsFit.not()));
    trialTitle.setWrapText(true);
    trialTitle.setMaxWidth(380);
    trialRows.setId("import-trial");

    found.setHgap(10);
    found.setVgap(8);
    ColumnConstraints keys = new ColumnConstraints();
    keys.setMinWidth(95);
    found.getColumnConstraints().add(keys);
    int row = 0;
    found.addRow(row++, new Label(Messages.text("models.format")), format);
    found.addRow(row++, new Label(Messages.text("models.input")), input);
    found.addRow(row++, new Label(Messages.text("models.scaling")), scaling);
    found.add(scalingReason, 1, row++);
    found.addRow(row++, new Label(Messages.text("models.colourOrder")), colour);
    found.add(softmax, 1, row++);
    found.addRow(row++, new Label(Messages.text("models.looksAt")), new HBox(12, wholePhoto, eachFace));
    found.addRow(row++, new Label(Messages.text("models.name")), name);
    found.addRow(row, new Label(Messages.text("models.notes")), notes);

    VBox labelsBox = new VBox(6, new HBox(8, new Label(Messages.text("models.labels")), chooseLabels), labelsFrom, labels, labelsCount,
        tryPhoto, trialTitle, trialRows);
    labelsBox.setPrefWidth(380);
    HBox columns = new HBox(20, found, labelsBox);
    HBox.setHgrow(found, Priority.ALWAYS);
    columns.visibleProperty().bind(prepared.isNotNull());
    columns.managedProperty().bind(columns.visibleProperty());

    VBox content = new VBox(12, modelRow, status, columns);
    content.setPadding(new Insets(10));
    getDialogPane().setContent(content);
    getDialogPane().setPrefWidth(900);

    ButtonType importType = new ButtonType(Messages.text("models.importButton"), ButtonBar.ButtonData.OK_DONE);
    getDialogPane().getButtonTypes().addAll(importType, ButtonType.CANCEL);
    importButton = (Button) getDialogPane().lookupButton(importType);
    importButton.setId("import-confirm");
    importButton.disableProperty().bind(busy.or(prepared.isNull()).or(labelsFit.not())
        .or(Bindings.createBooleanBinding(() -> name.getText().isBlank(), name.textProperty())));
    importButton.addEventFilter(javafx.event.ActionEvent.ACTION, e -> {
      e.consume(); // the dialog closes only once the import succeeded
      importNow();
    });

    getDialogPane().setOnDragOver(this::onDragOver);
    getDialogPane().setOnDragDropped(this::onDragDropped);
    addEventHandler(javafx.scene.control.DialogEvent.DIALOG_HIDDEN, e -> {
      generation++;
      presenter.discard(prepared.get());
      prepared.set(null);
    });
  }

  // ---- choosing and reading the model

  private void chooseModelFile() {
    FileChooser chooser = new FileChooser();
    chooser.getExtensionFilters().addAll(
        new FileChooser.ExtensionFilter(Messages.text("models.files.allModels"), "*.h5", "*.hdf5", "*.keras", "*.json", "*.zip", "*.onnx"),
        new FileChooser.ExtensionFilter(Messages.text("models.files.keras"), "*.h5", "*.hdf5", "*.keras"),
        new FileChooser.ExtensionFilter(Messages.text("models.files.tfjs"), "*.json"),
        new FileChooser.ExtensionFilter(Messages.text("models.files.tm"), "*.zip"),
        new FileChooser.ExtensionFilter(Messages.text("models.files.onnx"), "*.onnx"),
        new FileChooser.ExtensionFilter(Messages.text("models.files.all"), "*"));
    File file = chooser.showOpenDialog(getDialogPane().getScene().getWindow());
    if (file != null) {
      load(file.toPath());
    }
  }

  private void chooseModelFolder() {
    File folder = new DirectoryChooser().showDialog(getDialogPane().getScene().getWindow());
    if (folder != null) {
      load(folder.toPath());
    }
  }

  /**
   * Reads and converts {@code model} in the background; the returned future completes on the FX
   * thread once the dialog shows what was found, or the reason it was refused.
   */
  CompletableFuture<Void> load(Path model) {
    int mine = ++generation;
    presenter.discard(prepared.get());
    prepared.set(null);
    lastTrialPhoto = null;
    trialRows.getChildren().clear();
    trialTitle.setText("");
    source.setText(model.getFileName().toString());
    say(Messages.text("models.reading", model.getFileName().toString()), false);
    if (!nameTyped) {
      settingName = true;
      name.setText(nameOf(model));
      settingName = false;
    }
    busy.set(true);
    CompletableFuture<Void> shown = new CompletableFuture<>();
    presenter.prepare(model).whenComplete((result, error) -> Platform.runLater(() -> {
      try {
        if (mine != generation) {
          presenter.discard(result); // another model was chosen meanwhile, or the dialog closed
          return;
        }
        busy.set(false);
        if (error != null) {
          showProblem(AppServices.rootMessage(error));
          return;
        }
        show(result, model);
      } finally {
        shown.complete(null);
      }
    }));
    return shown;
  }

  private void show(PreparedImport p, Path model) {
    ClassifierSpec spec = p.spec();
    say("", false);
    format.setText(formatLine(p.format().displayName(), p.frameworkVersion(), p.conversionMillis()));
    input.setText(ModelsView.inputLine(spec.width(), spec.height(), spec.color()));
    boolean grey = spec.color() == ClassifierSpec.ColorOrder.GREY;
    colour.setDisable(grey);
    colour.setValue(grey ? ClassifierSpec.ColorOrder.RGB : spec.color());
    softmax.setSelected(spec.softmax());
    scaling.setValue(spec.normalization());
    scalingReason.setText(p.preprocessingCertain() ? p.preprocessingReason()
        : Messages.text("models.question", p.preprocessingReason()));
    scalingReason.getStyleClass().removeAll("warning", "text-muted");
    scalingReason.getStyleClass().add(p.preprocessingCertain() ? "text-muted" : "warning");
    settingLabels = true;
    labels.setText(String.join("\n", spec.labels()));
    settingLabels = false;
    labelsOrigin = p.labelsSource();
    labelsFrom.setText(labelsFrom(p.labelsSource()));
    notes.setText(p.notes().isEmpty() ? "" : String.join("\n", p.notes()));
    prepared.set(p);
    checkLabels();
    fitWindow();
  }

  /** Grows the window to what it now shows (it opened with the model row only), kept on its screen. */
  private void fitWindow() {
    Window window = getDialogPane().getScene().getWindow();
    if (window == null) {
      return;
    }
    window.sizeToScene();
    javafx.geometry.Rectangle2D screen = javafx.stage.Screen.getScreensForRectangle(window.getX(), window.getY(),
        Math.max(1, window.getWidth()), Math.max(1, window.getHeight())).stream().findFirst()
        .orElse(javafx.stage.Screen.getPrimary()).getVisualBounds();
    if (window.getY() + window.getHeight() > screen.getMaxY()) {
      window.setY(Math.max(screen.getMinY(), screen.getMaxY() - window.getHeight()));
    }
    if (window.getX() + window.getWidth() > screen.getMaxX()) {
      window.setX(Math.max(screen.getMinX(), screen.getMaxX() - window.getWidth()));
    }
  }

  /** A model's name as first offered: the file's name without its extension, or the folder's name. */
  private static String nameOf(Path model) {
    String file = model.getFileName().toString();
    return java.nio.file.Files.isDirectory(model) ? file : file.replaceFirst("\\.[^.]+$", "");
  }

  private void showProblem(String message) {
    say(message, true);
  }

  /** The status line: red only for an error; the window grows so that all of it can be read. */
  private void say(String message, boolean error) {
    status.getStyleClass().remove("danger");
    if (error) {
      status.getStyleClass().add("danger");
    }
    status.setText(message);
    fitWindow();
  }

  // ---- labels

  private List<String> typedLabels() {
    return labels.getText().lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
  }

  private void checkLabels() {
    PreparedImport p = prepared.get();
    if (p == null) {
      labelsFit.set(false);
      return;
    }
    int count = typedLabels().size();
    labelsFit.set(count == p.outputCount());
    labelsCount.setText(Messages.text(count == p.outputCount() ? "models.labels.fit" : "models.labels.misfit", count,
        p.outputCount()));
    labelsCount.getStyleClass().removeAll("danger", "text-muted");
    labelsCount.getStyleClass().add(labelsFit.get() ? "text-muted" : "danger");
  }

  private void chooseLabelsFile() {
    FileChooser chooser = new FileChooser();
    chooser.getExtensionFilters().addAll(new FileChooser.ExtensionFilter(Messages.text("models.files.text"), "*.txt", "*.csv", "*.labels"),
        new FileChooser.ExtensionFilter(Messages.text("models.files.all"), "*"));
    File file = chooser.showOpenDialog(getDialogPane().getScene().getWindow());
    if (file != null) {
      loadLabels(file.toPath());
    }
  }

  /** Fills the labels from a file (leading indices dropped); completes on the FX thread. */
  CompletableFuture<Void> loadLabels(Path file) {
    CompletableFuture<Void> shown = new CompletableFuture<>();
    presenter.readLabelsFile(file).whenComplete((list, error) -> Platform.runLater(() -> {
      if (error != null) {
        showProblem(AppServices.rootMessage(error));
      } else {
        settingLabels = true;
        labels.setText(String.join("\n", list));
        settingLabels = false;
        labelsOrigin = file.getFileName().toString();
        labelsFrom.setText(labelsFrom(labelsOrigin));
        say("", false);
        checkLabels();
      }
      shown.complete(null);
    }));
    return shown;
  }

  // ---- the settings as the user left them

  private ClassifierScope scope() {
    return eachFace.isSelected() ? ClassifierScope.FACE : ClassifierScope.IMAGE;
  }

  private ClassifierSpec spec() {
    ClassifierSpec guessed = prepared.get().spec();
    ClassifierSpec.ColorOrder color = guessed.color() == ClassifierSpec.ColorOrder.GREY
        ? ClassifierSpec.ColorOrder.GREY : colour.getValue();
    return new ClassifierSpec(guessed.width(), guessed.height(), guessed.layout(), color, scaling.getValue(), null, null,
        softmax.isSelected(), typedLabels());
  }

  // ---- trying on a photo

  private void chooseTrialPhoto() {
    FileChooser chooser = new FileChooser();
    chooser.setTitle(Messages.text("models.try.title"));
    chooser.getExtensionFilters().addAll(new FileChooser.ExtensionFilter(Messages.text("models.files.photos"),
        PHOTO_EXTENSIONS.stream().map(e -> "*" + e).toList()), new FileChooser.ExtensionFilter(Messages.text("models.files.all"), "*"));
    File photo = chooser.showOpenDialog(getDialogPane().getScene().getWindow());
    if (photo != null) {
      tryOn(photo.toPath());
    }
  }

  /** Re-runs the last trial after a setting changed, so the effect of the scaling shows at once. */
  private void retry() {
    if (lastTrialPhoto != null && prepared.get() != null && labelsFit.get()) {
      tryOn(lastTrialPhoto);
    }
  }

  /** Classifies {@code photo} with the current settings; completes on the FX thread with the bars shown. */
  CompletableFuture<Void> tryOn(Path photo) {
    CompletableFuture<Void> shown = new CompletableFuture<>();
    PreparedImport p = prepared.get();
    if (p == null || !labelsFit.get()) {
      shown.complete(null);
      return shown;
    }
    int mine = ++trialGeneration;
    lastTrialPhoto = photo;
    trialTitle.setText(Messages.text("models.trying", photo.getFileName().toString()));
    presenter.tryPrepared(p, name.getText(), spec(), photo).whenComplete((list, error) -> Platform.runLater(() -> {
      if (mine == trialGeneration) {
        if (error != null) {
          trialRows.getChildren().clear();
          trialTitle.setText(AppServices.rootMessage(error));
        } else {
          trialTitle.setText(Messages.text("models.trial", photo.getFileName().toString(), ModelsView.scaling(scaling.getValue()))
              + (eachFace.isSelected() ? "\n" + Messages.text("models.try.faceHint") : ""));
          showTrial(list);
        }
      }
      shown.complete(null);
    }));
    return shown;
  }

  private void showTrial(List<ClassPrediction> predictions) {
    trialRows.getChildren().clear();
    for (ClassPrediction c : predictions.stream().limit(5).toList()) {
      Label label = new Label(c.label());
      label.setMinWidth(110);
      label.setPrefWidth(110);
      label.getStyleClass().add("trial-label");
      ProgressBar bar = new ProgressBar(c.score());
      bar.setPrefWidth(180);
      bar.setFocusTraversable(false);
      Label pct = new Label(Messages.percent(c.score()));
      pct.setMinWidth(40);
      HBox line = new HBox(8, label, bar, pct);
      line.setAlignment(Pos.CENTER_LEFT);
      line.setAccessibleText(c.label() + " " + Messages.percent(c.score()));
      trialRows.getChildren().add(line);
    }
  }

  // ---- importing

  /** Imports with the current settings; completes on the FX thread (closed on success, the reason shown otherwise). */
  CompletableFuture<Void> importNow() {
    CompletableFuture<Void> done = new CompletableFuture<>();
    PreparedImport p = prepared.get();
    if (p == null || !labelsFit.get()) {
      done.complete(null);
      return done;
    }
    ClassifierSpec spec;
    PreparedImport withLabels;
    try {
      spec = spec();
      withLabels = p.withLabels(spec.labels(), labelsOrigin == null ? TYPED_IN : labelsOrigin);
    } catch (RuntimeException e) {
      showProblem(Messages.text("models.notImported", e.getMessage()));
      done.complete(null);
      return done;
    }
    busy.set(true);
    say("", false);
    presenter.importPrepared(name.getText(), withLabels, spec, scope()).whenComplete((entry, error) ->
        Platform.runLater(() -> {
          busy.set(false);
          if (error != null) {
            showProblem(Messages.text("models.notImported", AppServices.rootMessage(error)));
          } else {
            setResult(ButtonType.OK);
            close();
          }
          done.complete(null);
        }));
    return done;
  }

  // ---- drag and drop: a model (file, folder, zip) to read, or a photo to try

  private void onDragOver(DragEvent e) {
    if (e.getDragboard().hasFiles()) {
      e.acceptTransferModes(TransferMode.COPY);
    }
    e.consume();
  }

  private void onDragDropped(DragEvent e) {
    boolean done = false;
    if (e.getDragboard().hasFiles() && !e.getDragboard().getFiles().isEmpty()) {
      Path path = e.getDragboard().getFiles().get(0).toPath();
      if (isPhoto(path) && prepared.get() != null) {
        tryOn(path);
      } else if (!busy.get()) {
        load(path);
      }
      done = true;
    }
    e.setDropCompleted(done);
    e.consume();
  }

  /** "Keras HDF5 (.h5) · Keras 2.0.5 · read in 1.2 s". */
  private static String formatLine(String format, String version, long millis) {
    String line = version == null || version.isEmpty() ? format : Messages.text("models.formatVersion", format, version);
    return millis > 0 ? Messages.text("models.readIn", line, millis / 1000.0) : line;
  }

  private static String labelsFrom(String source) {
    if (source == null) {
      return Messages.text("models.labels.madeUp");
    }
    return TYPED_IN.equals(source) ? Messages.text("models.labels.typed") : Messages.text("models.labels.from", source);
  }

  static boolean isPhoto(Path path) {
    String n = path.getFileName().toString().toLowerCase(Locale.ROOT);
    return PHOTO_EXTENSIONS.stream().anyMatch(n::endsWith);
  }

}
