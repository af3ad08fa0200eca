package dev.raut.app.evaluate;

import dev.raut.app.DetectorNames;
import dev.raut.core.analysis.DetectorChoice;
import dev.raut.core.evaluate.ClassMetrics;
import dev.raut.core.evaluate.ClassificationReport;
import dev.raut.core.evaluate.EvaluationResult;
import dev.raut.core.evaluate.EvaluationTask;
import dev.raut.core.evaluate.ImagePrediction;
import dev.raut.core.text.Messages;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Collectors;
import javafx.beans.binding.Bindings;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.value.ChangeListener;
import javafx.beans.value.WeakChangeListener;
import javafx.collections.ListChangeListener;
import javafx.collections.WeakListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.image.Image;
import javafx.scene.image.ImageView;
import javafx.scene.input.DragEvent;
import javafx.scene.input.TransferMode;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.stage.DirectoryChooser;
import javafx.stage.FileChooser;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.material2.Material2AL;
import org.kordamp.ikonli.material2.Material2MZ;

/**
 * The Evaluate page: choose a labelled dataset (or drop it on the page), the task and detector,
 * run with progress and Cancel, then read the report — summary, per-class table, the confusion
 * matrix as a clickable heatmap with the photos of the clicked cell, the no-prediction and error
 * lists — and export it as HTML. Everything it shows comes from the presenter, so a new view
 * (after a language change) shows the same run and report in the new language.
 */
public final class EvaluateView extends StackPane {
  /** Photos of a cell shown as thumbnails on the page; the gallery takes any number. */
  private static final int MAX_THUMBNAILS = 60;
  private static final double THUMBNAIL = 110;
  private static final int MAX_HEATMAP_CLASSES = 40;

  private final EvaluatePresenter presenter;
  private final VBox report = new VBox(12);
  private final FlowPane cellStrip = new FlowPane(6, 6);
  // held here and added weakly: a view replaced after a language change is not kept alive by the presenter
  private final ChangeListener<EvaluationResult> onResult = (obs, old, now) -> showReport(now);
  private final ListChangeListener<ImagePrediction> onCellPhotos = c -> showCellPhotos();

  public EvaluateView(EvaluatePresenter presenter) {
    this.presenter = presenter;
    getStyleClass().add("evaluate-view");
    report.setId("eval-report");
    VBox page = new VBox(12, heading(), datasetRow(), settingsRow(), runRow(), problemLabel(), report);
    page.setPadding(new Insets(16));
    ScrollPane scroll = new ScrollPane(page);
    scroll.setFitToWidth(true);
    getChildren().add(scroll);
    setOnDragOver(this::onDragOver);
    setOnDragDropped(this::onDragDropped);
    presenter.resultProperty().addListener(new WeakChangeListener<>(onResult));
    presenter.cellPhotos().addListener(new WeakListChangeListener<>(onCellPhotos));
    showReport(presenter.resultProperty().get());
    showCellPhotos();
  }

  private static Node heading() {
    Label title = new Label(Messages.text("evaluate.title"));
    title.getStyleClass().add("title-2");
    Label hint = new Label(Messages.text("evaluate.intro"));
    hint.getStyleClass().add("text-muted");
    hint.setWrapText(true);
    return new VBox(4, title, hint);
  }

  private Node datasetRow() {
    Label path = new Label();
    path.setId("eval-dataset");
    path.textProperty().bind(Bindings.createStringBinding(() -> presenter.datasetProperty().get() == null
        ? Messages.text("evaluate.noDataset") : presenter.datasetProperty().get().toString(), presenter.datasetProperty()));
    path.setMinWidth(0);
    HBox.setHgrow(path, Priority.ALWAYS);
    path.setMaxWidth(Double.MAX_VALUE);
    Button folder = new Button(Messages.text("evaluate.folder"), new FontIcon(Material2AL.FOLDER_OPEN));
    folder.setTooltip(new Tooltip(Messages.text("evaluate.folder.tip")));
    folder.setOnAction(e -> chooseFolder());
    Button csv = new Button(Messages.text("evaluate.csv"), new FontIcon(Material2AL.DESCRIPTION));
    csv.setTooltip(new Tooltip(Messages.text("evaluate.csv.tip")));
    csv.setOnAction(e -> chooseCsv());
    Label label = new Label(Messages.text("evaluate.dataset"));
    label.getStyleClass().add("text-bold");
    HBox row = new HBox(10, keepWidth(label), path, keepWidth(folder), keepWidth(csv));
    row.setAlignment(Pos.CENTER_LEFT);
    row.disableProperty().bind(presenter.runningProperty());
    return row;
  }

  private Node settingsRow() {
    ComboBox<TaskChoice> task = new ComboBox<>(presenter.tasks());
    task.setId("eval-task");
    task.valueProperty().bindBidirectional(presenter.taskProperty());
    task.setTooltip(new Tooltip(Messages.text("evaluate.task.tip")));
    task.setAccessibleText(Messages.text("evaluate.task"));
    ComboBox<DetectorChoice> detector = new ComboBox<>();
    detector.getItems().setAll(DetectorChoice.AUTO, DetectorChoice.FRONT, DetectorChoice.BACK, DetectorChoice.HAAR,
        DetectorChoice.NONE);
    detector.setId("eval-detector");
    detector.valueProperty().bindBidirectional(presenter.detectorProperty());
    detector.setConverter(DetectorNames.converter());
    detector.setTooltip(new Tooltip(Messages.text("evaluate.detector.tip")));
    detector.setAccessibleText(Messages.text("evaluate.detector.accessible"));
    detector.disableProperty().bind(presenter.detectorAppliesProperty().not());
    TextField labelMap = new TextField();
    labelMap.setId("eval-labels-map");
    labelMap.setPromptText(Messages.text("evaluate.labelMap.prompt"));
    labelMap.textProperty().bindBidirectional(presenter.labelMapProperty());
    labelMap.setTooltip(new Tooltip(Messages.text("evaluate.labelMap.tip")));
    labelMap.setAccessibleText(Messages.text("evaluate.labelMap"));
    labelMap.setPrefColumnCount(18);
    // in a narrow window the pairs wrap onto a second line instead of cutting their names to "Det…"
    FlowPane row = new FlowPane(16, 8, named(Messages.text("evaluate.task"), task),
        named(Messages.text("evaluate.detector"), detector), named(Messages.text("evaluate.labelMap"), labelMap));
    row.setAlignment(Pos.CENTER_LEFT);
    row.disableProperty().bind(presenter.runningProperty());
    return row;
  }

  /** A control with its name in front, kept together when the row wraps. */
  private static Node named(String name, Node control) {
    HBox pair = new HBox(6, keepWidth(new Label(name)), control);
    pair.setAlignment(Pos.CENTER_LEFT);
    return pair;
  }

  /** A button or label that a crowded row may not shrink below its text. */
  private static <T extends Region> T keepWidth(T control) {
    control.setMinWidth(Region.USE_PREF_SIZE);
    return control;
  }

  private Node runRow() {
    Button run = new Button(Messages.text("evaluate.run"), new FontIcon(Material2MZ.PLAY_ARROW));
    run.setId("eval-run");
    run.getStyleClass().add("accent");
    run.setTooltip(new Tooltip(Messages.text("evaluate.run.tip")));
    run.disableProperty().bind(presenter.canRunProperty().not());
    run.setOnAction(e -> presenter.run());
    Button cancel = new Button(Messages.text("common.cancel"), new FontIcon(Material2AL.CLOSE));
    cancel.setId("eval-cancel");
    cancel.setTooltip(new Tooltip(Messages.text("evaluate.cancel.tip")));
    cancel.disableProperty().bind(presenter.runningProperty().not());
    cancel.setOnAction(e -> presenter.cancel());
    ProgressBar bar = new ProgressBar();
    bar.setId("eval-progress");
    bar.progressProperty().bind(presenter.progressProperty());
    bar.visibleProperty().bind(presenter.runningProperty());
    bar.managedProperty().bind(bar.visibleProperty());
    bar.setPrefWidth(260);
    Label text = new Label();
    text.setId("eval-progress-text");
    text.textProperty().bind(presenter.progressTextProperty());
    HBox row = new HBox(10, keepWidth(run), keepWidth(cancel), bar, text);
    row.setAlignment(Pos.CENTER_LEFT);
    return row;
  }

  private Node problemLabel() {
    Label problem = new Label();
    problem.setId("eval-problem");
    problem.getStyleClass().add("danger");
    problem.setWrapText(true);
    problem.textProperty().bind(presenter.problemProperty());
    problem.visibleProperty().bind(presenter.problemProperty().isNotEmpty());
    problem.managedProperty().bind(problem.visibleProperty());
    return problem;
  }

  // ---- choosing and dropping a dataset

  private void chooseFolder() {
    DirectoryChooser chooser = new DirectoryChooser();
    chooser.setTitle(Messages.text("evaluate.folder.title"));
    initialFolder().ifPresent(chooser::setInitialDirectory);
    File folder = chooser.showDialog(getScene().getWindow());
    if (folder != null) {
      presenter.setDataset(folder.toPath());
    }
  }

  private void chooseCsv() {
    FileChooser chooser = new FileChooser();
    chooser.setTitle(Messages.text("evaluate.csv.title"));
    chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter(Messages.text("evaluate.csv.files"), "*.csv"));
    initialFolder().ifPresent(chooser::setInitialDirectory);
    File file = chooser.showOpenDialog(getScene().getWindow());
    if (file != null) {
      presenter.setDataset(file.toPath());
    }
  }

  private java.util.Optional<File> initialFolder() {
    Path last = presenter.lastFolder();
    return last != null && Files.isDirectory(last) ? java.util.Optional.of(last.toFile()) : java.util.Optional.empty();
  }

  private void onDragOver(DragEvent e) {
    if (!presenter.runningProperty().get() && droppedDataset(e) != null) {
      e.acceptTransferModes(TransferMode.COPY_OR_MOVE);
    }
    e.consume();
  }

  /** What a drop does; public so tests can drive it with a real event. */
  public void onDragDropped(DragEvent e) {
    File dataset = droppedDataset(e);
    if (dataset != null && !presenter.runningProperty().get()) {
      presenter.setDataset(dataset.toPath());
    }
    e.setDropCompleted(dataset != null);
    e.consume();
  }

  private static File droppedDataset(DragEvent e) {
    List<File> files = e.getDragboard().hasFiles() ? e.getDragboard().getFiles() : List.of();
    return files.size() == 1 && EvaluatePresenter.isDataset(files.get(0)) ? files.get(0) : null;
  }

  // ---- the report

  private void showReport(EvaluationResult result) {
    report.getChildren().clear();
    if (result == null) {
      return;
    }
    ClassificationReport r = result.report();
    EvaluationTask task = result.settings().task();
    Label summary = new Label(Messages.text("evaluate.summary", percent(r.accuracy()), percent(r.balancedAccuracy()),
        percent(r.macroAverage().f1())));
    summary.setId("eval-summary");
    summary.getStyleClass().add("title-3");
    Label counts = new Label(countsText(result));
    counts.setId("eval-counts");
    counts.setWrapText(true);
    report.getChildren().addAll(summary, counts);
    if (!result.unknownLabels().isEmpty()) {
      Label unknown = new Label(Messages.text("evaluate.unknownLabels", result.unknownLabels().entrySet().stream()
          .map(e -> e.getKey() + " (" + Messages.number(e.getValue(), 0) + ")").collect(Collectors.joining(", "))));
      unknown.getStyleClass().add("warning");
      unknown.setWrapText(true);
      report.getChildren().add(unknown);
    }
    Button export = new Button(Messages.text("evaluate.export"), new FontIcon(Material2AL.DESCRIPTION));
    export.setId("eval-export");
    export.setTooltip(new Tooltip(Messages.text("evaluate.export.tip")));
    export.setOnAction(e -> chooseExportFolder());
    keepWidth(export);
    report.getChildren().addAll(export, sectionTitle(Messages.text("evaluate.perClass")), classTable(r, task),
        sectionTitle(Messages.text("evaluate.confusion")), heatmap(r, task), cellSection());
    addList(task, result.withoutPrediction(), true);
    addList(task, result.errors(), false);
  }

  private Node heatmap(ClassificationReport r, EvaluationTask task) {
    if (r.matrix().size() > MAX_HEATMAP_CLASSES) {
      // n² cells: beyond this the grid is unreadable and heavy; the exported confusion.png has it all
      Label tooMany = new Label(Messages.text("evaluate.tooMany", r.matrix().size()));
      tooMany.getStyleClass().add("text-muted");
      return tooMany;
    }
    return new ConfusionHeatmapView(r.matrix(), presenter::showCell, label -> TaskChoice.display(task, label));
  }

  private static String countsText(EvaluationResult result) {
    String text = Messages.text("evaluate.counts", result.model(), String.valueOf(result.dataset().source().getFileName()),
        result.predictions().size(), result.dataset().images().size(), TaskChoice.noPrediction(result.settings().task()),
        result.withoutPrediction().size(), result.errors().size(), percent(result.endToEndAccuracy()),
        EvaluatePresenter.seconds(result));
    return result.complete() ? text : Messages.text("evaluate.counts.cancelled", text);
  }

  static String percent(double ratio) {
    return Messages.text("evaluate.percent", 100 * ratio);
  }

  private static Label sectionTitle(String text) {
    Label label = new Label(text);
    label.getStyleClass().add("text-bold");
    return label;
  }

  private static TableView<ClassMetrics> classTable(ClassificationReport r, EvaluationTask task) {
    TableView<ClassMetrics> table = new TableView<>();
    table.setId("eval-classes");
    table.getItems().setAll(r.classes());
    table.getColumns().add(column(Messages.text("evaluate.col.class"), c -> TaskChoice.display(task, c.label())));
    table.getColumns().add(column(Messages.text("evaluate.col.precision"), c -> decimal(c.precision())));
    table.getColumns().add(column(Messages.text("evaluate.col.recall"), c -> decimal(c.recall())));
    table.getColumns().add(column(Messages.text("evaluate.col.f1"), c -> decimal(c.f1())));
    table.getColumns().add(column(Messages.text("evaluate.col.support"), c -> Messages.number(c.support(), 0)));
    table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
    table.setFixedCellSize(30);
    table.setPrefHeight(30 * Math.min(r.classes().size(), 12) + 46);
    table.setMinHeight(Region.USE_PREF_SIZE);
    table.setMaxWidth(640);
    table.setAccessibleText(Messages.text("evaluate.table.accessible"));
    return table;
  }

  private static String decimal(double value) {
    return Messages.text("evaluate.decimal", value);
  }

  private static <T> TableColumn<T, String> column(String title, Function<T, String> value) {
    TableColumn<T, String> column = new TableColumn<>(title);
    column.setCellValueFactory(cell -> new SimpleStringProperty(value.apply(cell.getValue())));
    column.setSortable(false);
    return column;
  }

  private Node cellSection() {
    Label title = new Label();
    title.setId("eval-cell-title");
    title.textProperty().bind(presenter.cellTitleProperty());
    Button toGallery = new Button(Messages.text("evaluate.toGallery"), new FontIcon(Material2MZ.PHOTO_LIBRARY));
    toGallery.setId("eval-cell-gallery");
    toGallery.setTooltip(new Tooltip(Messages.text("evaluate.toGallery.tip")));
    toGallery.setOnAction(e -> presenter.openCellInGallery());
    HBox header = new HBox(10, title, keepWidth(toGallery));
    header.setAlignment(Pos.CENTER_LEFT);
    cellStrip.setId("eval-cell-photos");
    VBox section = new VBox(8, header, cellStrip);
    section.visibleProperty().bind(presenter.cellTitleProperty().isNotEmpty());
    section.managedProperty().bind(section.visibleProperty());
    return section;
  }

  private void showCellPhotos() {
    List<ImagePrediction> photos = presenter.cellPhotos();
    EvaluationResult result = presenter.resultProperty().get();
    EvaluationTask task = result == null ? EvaluationTask.CLASSIFY : result.settings().task();
    cellStrip.getChildren().setAll(photos.stream().limit(MAX_THUMBNAILS).map(p -> thumbnail(p, task)).toList());
    if (photos.size() > MAX_THUMBNAILS) {
      cellStrip.getChildren().add(new Label(Messages.text("evaluate.more", photos.size() - MAX_THUMBNAILS)));
    }
  }

  private static Node thumbnail(ImagePrediction photo, EvaluationTask task) {
    // loaded in the background by JavaFX, at thumbnail size
    ImageView view = new ImageView(new Image(photo.file().toUri().toString(), THUMBNAIL, THUMBNAIL, true, true, true));
    Label caption = new Label(Messages.text("evaluate.thumbnail.caption", TaskChoice.display(task, photo.predicted()),
        percent(photo.confidence())));
    caption.getStyleClass().add("text-small");
    VBox box = new VBox(2, view, caption);
    box.getStyleClass().add("eval-thumbnail");
    box.setUserData(photo.file());
    box.setPrefWidth(THUMBNAIL);
    Tooltip.install(box, new Tooltip(Messages.text("evaluate.thumbnail.tip", photo.file(),
        TaskChoice.display(task, photo.truth()), TaskChoice.display(task, photo.predicted()))));
    return box;
  }

  private void addList(EvaluationTask task, List<ImagePrediction> photos, boolean noPrediction) {
    if (photos.isEmpty()) {
      return;
    }
    String what = noPrediction ? capitalised(TaskChoice.noPrediction(task)) : Messages.text("evaluate.errors");
    ListView<ImagePrediction> list = new ListView<>();
    list.setId(noPrediction ? "eval-no-prediction" : "eval-errors");
    list.getItems().setAll(photos);
    list.setCellFactory(v -> new ListCell<>() {
      @Override
      protected void updateItem(ImagePrediction p, boolean empty) {
        super.updateItem(p, empty);
        setText(empty || p == null ? null : p.name() + " (" + TaskChoice.display(task, p.truth()) + ")"
            + (p.error() == null ? "" : ": " + p.error().message()));
      }
    });
    list.setPrefHeight(Math.min(photos.size(), 8) * 26 + 4);
    list.setMinHeight(Region.USE_PREF_SIZE);
    report.getChildren().addAll(sectionTitle(Messages.text("evaluate.list", what, photos.size())), list);
  }

  private static String capitalised(String text) {
    return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
  }

  private void chooseExportFolder() {
    DirectoryChooser chooser = new DirectoryChooser();
    chooser.setTitle(Messages.text("evaluate.export.title"));
    initialFolder().ifPresent(chooser::setInitialDirectory);
    File folder = chooser.showDialog(getScene().getWindow());
    if (folder != null) {
      presenter.export(folder.toPath());
    }
  }
}
