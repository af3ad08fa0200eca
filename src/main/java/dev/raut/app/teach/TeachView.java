package dev.raut.app.teach;

import static dev.raut.app.teach.TeachStrings.*;

import dev.raut.app.evaluate.ConfusionHeatmapView;
import dev.raut.app.gallery.PhotoLoader;
import dev.raut.core.classify.ClassPrediction;
import dev.raut.core.classify.ClassifierScope;
import dev.raut.core.evaluate.EvaluationResult;
import dev.raut.core.evaluate.ImagePrediction;
import dev.raut.core.teach.Head;
import dev.raut.core.teach.HeadTraining;
import dev.raut.core.teach.Teacher;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import javafx.beans.binding.Bindings;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.RadioButton;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Spinner;
import javafx.scene.control.SpinnerValueFactory;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.Tooltip;
import javafx.scene.image.ImageView;
import javafx.scene.input.DragEvent;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.TransferMode;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.stage.DirectoryChooser;
import javafx.stage.FileChooser;
import javafx.util.StringConverter;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.material2.Material2AL;
import org.kordamp.ikonli.material2.Material2MZ;

/**
 * The Teach page: choose or drop the labelled photos, review what was found (counts per class
 * with a few photos, warnings, the test split), pick the settings in plain words, start and watch
 * the progress and the learning curves, then read the result on the held-back photos (accuracy,
 * the classifier chosen and why, the confusion matrix with the photos of a cell, what was left
 * out), save it to the library and try it on a photo. Esc cancels a run.
 */
public final class TeachView extends StackPane {
  /** The navigation entry's title and tooltip. */
  public static final String PAGE = TeachStrings.PAGE;
  public static final String PAGE_TIP = TeachStrings.PAGE_TIP;
  /** Opens the Teach page (Ctrl+T; Cmd+T on macOS): not taken by any other page. */
  public static final KeyCombination SHOW = new KeyCodeCombination(KeyCode.T, KeyCombination.SHORTCUT_DOWN);
  private static final double EXAMPLE = 56;
  private static final double CELL_THUMBNAIL = 96;
  private static final int MAX_CELL_THUMBNAILS = 60;
  private static final int MAX_HEATMAP_CLASSES = 40;

  private final TeachPresenter presenter;
  private final PhotoLoader photos;
  private final VBox dataSection = new VBox(10);
  private final GridPane classGrid = new GridPane();
  private final VBox resultSection = new VBox(12);
  private final FlowPane cellStrip = new FlowPane(6, 6);
  private final VBox tryResults = new VBox(4);
  private final XYChart.Series<Number, Number> trainLoss = new XYChart.Series<>();
  private final XYChart.Series<Number, Number> validationLoss = new XYChart.Series<>();
  private final XYChart.Series<Number, Number> trainAccuracy = new XYChart.Series<>();
  private final XYChart.Series<Number, Number> validationAccuracy = new XYChart.Series<>();

  public TeachView(TeachPresenter presenter, PhotoLoader photos) {
    this.presenter = presenter;
    this.photos = photos;
    getStyleClass().add("teach-view");
    resultSection.setId("teach-result");
    VBox page = new VBox(14, heading(), dataRow(), readingRow(), problemLabel(), dataSection(), settings(), runRow(),
        curves(), resultSection);
    page.setPadding(new Insets(16));
    ScrollPane scroll = new ScrollPane(page);
    scroll.setFitToWidth(true);
    getChildren().add(scroll);
    setOnDragOver(this::onDragOver);
    setOnDragDropped(this::onDragDropped);
    addEventHandler(KeyEvent.KEY_PRESSED, e -> {
      if (e.getCode() == KeyCode.ESCAPE && presenter.runningProperty().get()) {
        presenter.cancel();
        e.consume();
      }
    });
    presenter.classRows().addListener((ListChangeListener<TeachPresenter.ClassRow>) c -> showClasses());
    presenter.curve().addListener(this::curveChanged);
    presenter.resultProperty().addListener((obs, old, now) -> showResult(now));
    presenter.cellPhotos().addListener((ListChangeListener<ImagePrediction>) c -> showCellPhotos());
    presenter.tryResults().addListener((ListChangeListener<ClassPrediction>) c -> showTryResults());
  }

  private static Node heading() {
    Label title = new Label(TITLE);
    title.getStyleClass().add("title-2");
    Label hint = new Label(INTRO);
    hint.getStyleClass().add("text-muted");
    hint.setWrapText(true);
    return new VBox(4, title, hint);
  }

  // ---- the data

  private Node dataRow() {
    Label label = new Label(DATA_TITLE);
    label.getStyleClass().add("text-bold");
    Label path = new Label();
    path.setId("teach-source");
    path.textProperty().bind(presenter.sourceTextProperty());
    path.setMinWidth(0);
    path.setMaxWidth(Double.MAX_VALUE);
    HBox.setHgrow(path, Priority.ALWAYS);
    Button folder = new Button(CHOOSE_FOLDER, new FontIcon(Material2AL.FOLDER_OPEN));
    folder.setId("teach-choose-folder");
    folder.setTooltip(new Tooltip(CHOOSE_FOLDER_TIP));
    folder.setOnAction(e -> chooseFolder());
    Button csv = new Button(CHOOSE_CSV, new FontIcon(Material2AL.DESCRIPTION));
    csv.setId("teach-choose-csv");
    csv.setTooltip(new Tooltip(CHOOSE_CSV_TIP));
    csv.setOnAction(e -> chooseCsv());
    HBox row = new HBox(10, label, path, folder, csv);
    row.setAlignment(Pos.CENTER_LEFT);
    row.disableProperty().bind(presenter.runningProperty());
    return row;
  }

  private Node readingRow() {
    ProgressIndicator spinner = new ProgressIndicator();
    spinner.setPrefSize(18, 18);
    HBox row = new HBox(8, spinner, new Label(READING));
    row.setId("teach-reading");
    row.setAlignment(Pos.CENTER_LEFT);
    row.visibleProperty().bind(presenter.readingProperty());
    row.managedProperty().bind(row.visibleProperty());
    return row;
  }

  private Node problemLabel() {
    Label problem = new Label();
    problem.setId("teach-problem");
    problem.getStyleClass().add("danger");
    problem.setWrapText(true);
    problem.textProperty().bind(presenter.problemProperty());
    problem.visibleProperty().bind(presenter.problemProperty().isNotEmpty());
    problem.managedProperty().bind(problem.visibleProperty());
    return problem;
  }

  private Node dataSection() {
    Label summary = new Label();
    summary.setId("teach-summary");
    summary.getStyleClass().add("title-4");
    summary.textProperty().bind(Bindings.createStringBinding(() -> presenter.dataProperty().get() == null ? ""
        : TeachStrings.summary(presenter.dataProperty().get().classes().size(),
            presenter.dataProperty().get().train().size(), presenter.dataProperty().get().test().size()),
        presenter.dataProperty()));
    classGrid.setId("teach-classes");
    classGrid.setHgap(14);
    classGrid.setVgap(6);
    ListView<String> warnings = new ListView<>(presenter.warnings());
    warnings.setId("teach-warnings");
    // as tall as the warnings, up to five lines
    warnings.prefHeightProperty().bind(Bindings.createDoubleBinding(
        () -> Math.min(Math.max(1, presenter.warnings().size()), 5) * 26.0 + 4, presenter.warnings()));
    warnings.setMinHeight(Region.USE_PREF_SIZE);
    warnings.setAccessibleText(WARNINGS);
    Label warningsTitle = new Label(WARNINGS);
    warningsTitle.getStyleClass().addAll("text-bold", "warning");
    VBox warningBox = new VBox(4, warningsTitle, warnings);
    warningBox.visibleProperty().bind(Bindings.isNotEmpty(presenter.warnings()));
    warningBox.managedProperty().bind(warningBox.visibleProperty());
    dataSection.getChildren().setAll(summary, splitRow(), classGrid, warningBox);
    dataSection.setId("teach-data");
    dataSection.visibleProperty().bind(presenter.dataProperty().isNotNull().or(presenter.readingProperty()
        .and(Bindings.isNotEmpty(presenter.classRows()))));
    dataSection.managedProperty().bind(dataSection.visibleProperty());
    return dataSection;
  }

  /** The data's own test folder, or the held-back part and its seed, editable. */
  private Node splitRow() {
    Label own = new Label(SPLIT_OWN);
    own.setId("teach-split-own");
    Spinner<Integer> percent = new Spinner<>(new SpinnerValueFactory.IntegerSpinnerValueFactory(0, 50,
        (int) Math.round(presenter.testFractionProperty().get() * 100), 5));
    percent.setId("teach-split-percent");
    percent.setPrefWidth(80);
    percent.setTooltip(new Tooltip(SPLIT_PERCENT_TIP));
    percent.setAccessibleText(SPLIT_HELD);
    percent.valueProperty().addListener((obs, old, now) -> presenter.testFractionProperty().set(now / 100.0));
    TextField seed = new TextField(String.valueOf(presenter.seedProperty().get()));
    seed.setId("teach-split-seed");
    seed.setPrefColumnCount(6);
    seed.setTooltip(new Tooltip(SPLIT_SEED_TIP));
    seed.setAccessibleText(SPLIT_SEED);
    Runnable commitSeed = () -> {
      try {
        presenter.seedProperty().set(Long.parseLong(seed.getText().strip()));
      } catch (NumberFormatException e) {
        seed.setText(String.valueOf(presenter.seedProperty().get()));
      }
    };
    seed.setOnAction(e -> commitSeed.run());
    seed.focusedProperty().addListener((obs, was, now) -> {
      if (!now) {
        commitSeed.run();
      }
    });
    HBox held = new HBox(8, new Label(SPLIT_HELD), percent, new Label("% of each class, " + SPLIT_SEED), seed);
    held.setAlignment(Pos.CENTER_LEFT);
    held.setId("teach-split-held");
    held.disableProperty().bind(presenter.runningProperty());
    var ownSplit = Bindings.createBooleanBinding(() -> presenter.dataProperty().get() != null
        && presenter.dataProperty().get().ownTestSplit(), presenter.dataProperty());
    own.visibleProperty().bind(ownSplit);
    own.managedProperty().bind(own.visibleProperty());
    held.visibleProperty().bind(ownSplit.not());
    held.managedProperty().bind(held.visibleProperty());
    return new VBox(own, held);
  }

  private void showClasses() {
    classGrid.getChildren().clear();
    List<TeachPresenter.ClassRow> rows = presenter.classRows();
    if (rows.isEmpty()) {
      return;
    }
    String[] heads = {COL_CLASS, COL_TRAIN, COL_TEST, COL_EXAMPLES};
    for (int c = 0; c < heads.length; c++) {
      Label head = new Label(heads[c]);
      head.getStyleClass().add("text-bold");
      classGrid.add(head, c, 0);
    }
    for (int r = 0; r < rows.size(); r++) {
      TeachPresenter.ClassRow row = rows.get(r);
      Label name = new Label(row.name());
      name.getStyleClass().add("teach-class-name");
      Label train = new Label(String.valueOf(row.train()));
      train.getStyleClass().add("teach-class-train");
      Label test = new Label(String.valueOf(row.test()));
      test.getStyleClass().add("teach-class-test");
      HBox examples = new HBox(4);
      examples.getStyleClass().add("teach-class-examples");
      for (Path file : row.examples()) {
        examples.getChildren().add(thumbnail(file, EXAMPLE));
      }
      classGrid.addRow(r + 1, name, train, test, examples);
      classGrid.getChildren().get(classGrid.getChildren().size() - 4).setUserData(row);
    }
  }

  /** A small picture decoded off the FX thread by the gallery's loader (cached). */
  private ImageView thumbnail(Path file, double size) {
    ImageView view = new ImageView();
    view.setFitWidth(size);
    view.setFitHeight(size);
    view.setPreserveRatio(true);
    view.setUserData(file);
    view.getStyleClass().add("teach-thumbnail");
    var cached = photos.cachedThumbnail(file);
    if (cached != null) {
      view.setImage(cached);
    } else {
      photos.loadThumbnail(file, view::setImage);
    }
    return view;
  }

  // ---- the settings

  private Node settings() {
    Label title = new Label(SETTINGS_TITLE);
    title.getStyleClass().add("title-4");
    ComboBox<TeachPresenter.BackboneChoice> backbone = new ComboBox<>();
    backbone.getItems().setAll(TeachPresenter.BackboneChoice.values());
    backbone.setId("teach-backbone");
    backbone.valueProperty().bindBidirectional(presenter.backboneProperty());
    backbone.setConverter(converter(TeachPresenter.BackboneChoice::label));
    backbone.setTooltip(new Tooltip(BACKBONE_TIP));
    backbone.setAccessibleText(BACKBONE);
    ComboBox<HeadTraining.Choice> head = new ComboBox<>();
    head.getItems().setAll(HeadTraining.Choice.values());
    head.setId("teach-head");
    head.valueProperty().bindBidirectional(presenter.headProperty());
    head.setConverter(converter(TeachStrings::head));
    head.setTooltip(new Tooltip(HEAD_TIP));
    head.setAccessibleText(HEAD);
    CheckBox augment = new CheckBox(AUGMENT);
    augment.setId("teach-augment");
    augment.selectedProperty().bindBidirectional(presenter.augmentProperty());
    augment.setTooltip(new Tooltip(AUGMENT_TIP));
    ToggleGroup scopes = new ToggleGroup();
    RadioButton whole = new RadioButton(WHOLE_PHOTO);
    whole.setId("teach-scope-image");
    whole.setToggleGroup(scopes);
    whole.setUserData(ClassifierScope.IMAGE);
    RadioButton face = new RadioButton(EACH_FACE);
    face.setId("teach-scope-face");
    face.setToggleGroup(scopes);
    face.setUserData(ClassifierScope.FACE);
    face.setTooltip(new Tooltip(EACH_FACE_TIP));
    (presenter.scopeProperty().get() == ClassifierScope.FACE ? face : whole).setSelected(true);
    scopes.selectedToggleProperty().addListener((obs, old, now) -> {
      if (now == null) {
        old.setSelected(true);
      } else {
        presenter.scopeProperty().set((ClassifierScope) now.getUserData());
      }
    });
    TextField name = new TextField();
    name.setId("teach-name");
    name.textProperty().bindBidirectional(presenter.nameProperty());
    name.setTooltip(new Tooltip(NAME_TIP));
    name.setAccessibleText(NAME);
    name.setPrefColumnCount(22);
    GridPane grid = new GridPane();
    grid.setHgap(10);
    grid.setVgap(8);
    grid.addRow(0, boldLabel(BACKBONE), backbone);
    grid.addRow(1, boldLabel(HEAD), head);
    grid.add(augment, 1, 2);
    grid.addRow(3, boldLabel(SCOPE), new HBox(12, whole, face));
    grid.addRow(4, boldLabel(NAME), name);
    VBox box = new VBox(8, title, grid);
    box.setId("teach-settings");
    box.disableProperty().bind(presenter.runningProperty());
    return box;
  }

  private static Label boldLabel(String text) {
    Label label = new Label(text);
    label.getStyleClass().add("text-bold");
    return label;
  }

  private static <T> StringConverter<T> converter(Function<T, String> words) {
    return new StringConverter<>() {
      @Override
      public String toString(T value) {
        return value == null ? "" : words.apply(value);
      }

      @Override
      public T fromString(String s) {
        throw new UnsupportedOperationException("not editable");
      }
    };
  }

  // ---- running

  private Node runRow() {
    Button start = new Button(START, new FontIcon(Material2MZ.PLAY_ARROW));
    start.setId("teach-start");
    start.getStyleClass().add("accent");
    start.setTooltip(new Tooltip(START_TIP));
    start.disableProperty().bind(presenter.canStart().not());
    start.setOnAction(e -> presenter.start());
    Button cancel = new Button(CANCEL, new FontIcon(Material2AL.CLOSE));
    cancel.setId("teach-cancel");
    cancel.setTooltip(new Tooltip(CANCEL_TIP));
    cancel.disableProperty().bind(presenter.runningProperty().not());
    cancel.setOnAction(e -> presenter.cancel());
    ProgressBar bar = new ProgressBar();
    bar.setId("teach-progress");
    bar.progressProperty().bind(presenter.progressProperty());
    bar.visibleProperty().bind(presenter.runningProperty());
    bar.managedProperty().bind(bar.visibleProperty());
    bar.setPrefWidth(260);
    Label stage = new Label();
    stage.setId("teach-stage");
    stage.textProperty().bind(presenter.stageTextProperty());
    Label eta = new Label();
    eta.setId("teach-eta");
    eta.getStyleClass().add("text-muted");
    eta.textProperty().bind(presenter.etaTextProperty());
    HBox row = new HBox(10, start, cancel, bar, stage, eta);
    row.setAlignment(Pos.CENTER_LEFT);
    return row;
  }

  private Node curves() {
    Label title = new Label();
    title.setId("teach-curves-title");
    title.getStyleClass().add("text-bold");
    title.textProperty().bind(presenter.curvesTitleProperty());
    Label note = new Label(CURVES_NOTE);
    note.getStyleClass().add("text-muted");
    note.setWrapText(true);
    trainLoss.setName(TRAIN_SERIES);
    validationLoss.setName(VALIDATION_SERIES);
    trainAccuracy.setName(TRAIN_SERIES);
    validationAccuracy.setName(VALIDATION_SERIES);
    LineChart<Number, Number> loss = chart(LOSS, "teach-loss-chart", false);
    loss.getData().addAll(List.of(trainLoss, validationLoss));
    LineChart<Number, Number> accuracy = chart(ACCURACY, "teach-accuracy-chart", true);
    accuracy.getData().addAll(List.of(trainAccuracy, validationAccuracy));
    HBox charts = new HBox(12, loss, accuracy);
    HBox.setHgrow(loss, Priority.ALWAYS);
    HBox.setHgrow(accuracy, Priority.ALWAYS);
    VBox box = new VBox(6, title, charts, note);
    box.setId("teach-curves");
    box.visibleProperty().bind(presenter.runningProperty().or(presenter.resultProperty().isNotNull()));
    box.managedProperty().bind(box.visibleProperty());
    return box;
  }

  private static LineChart<Number, Number> chart(String title, String id, boolean fraction) {
    NumberAxis x = new NumberAxis();
    x.setForceZeroInRange(false);
    NumberAxis y = fraction ? new NumberAxis(0, 1, 0.25) : new NumberAxis();
    if (!fraction) {
      y.setForceZeroInRange(true);
    }
    LineChart<Number, Number> chart = new LineChart<>(x, y);
    chart.setId(id);
    chart.setTitle(title);
    chart.setAnimated(false);
    chart.setCreateSymbols(false);
    chart.setPrefHeight(240);
    chart.setMinWidth(200);
    chart.setAccessibleText(title);
    return chart;
  }

  private void curveChanged(ListChangeListener.Change<? extends Head.Epoch> change) {
    boolean rebuild = false;
    while (change.next()) {
      if (change.wasRemoved() || change.getFrom() != trainLoss.getData().size()) {
        rebuild = true;
      }
    }
    if (rebuild) {
      trainLoss.getData().clear();
      validationLoss.getData().clear();
      trainAccuracy.getData().clear();
      validationAccuracy.getData().clear();
      presenter.curve().forEach(this::plot);
    } else {
      change.reset();
      while (change.next()) {
        change.getAddedSubList().forEach(this::plot);
      }
    }
  }

  private void plot(Head.Epoch e) {
    int i = e.index();
    add(trainLoss, i, e.trainLoss());
    add(validationLoss, i, e.validationLoss());
    add(trainAccuracy, i, e.trainAccuracy());
    add(validationAccuracy, i, e.validationAccuracy());
  }

  private static void add(XYChart.Series<Number, Number> series, int x, double y) {
    if (Double.isFinite(y)) {
      series.getData().add(new XYChart.Data<>(x, y));
    }
  }

  // ---- the result

  private void showResult(Teacher.Result result) {
    resultSection.getChildren().clear();
    cellStrip.getChildren().clear();
    if (result == null) {
      return;
    }
    Label title = new Label(RESULT_TITLE);
    title.getStyleClass().add("title-3");
    Label accuracy = new Label(result.report() == null ? NO_TEST
        : TeachStrings.accuracy(result.report().accuracy(), result.report().balancedAccuracy(), result.report().total()));
    accuracy.setId("teach-accuracy");
    accuracy.getStyleClass().add("title-4");
    Label head = new Label(TeachStrings.chosenHead(result.training().head().kind(), result.training().reason()));
    head.setId("teach-head-reason");
    head.setWrapText(true);
    Label took = new Label(TeachStrings.took(result.photosEmbedded(), result.photosFromCache(), result.embedMillis(),
        result.trainMillis()));
    took.getStyleClass().add("text-muted");
    resultSection.getChildren().addAll(title, accuracy, head, took, saveRow(), tryRow());
    // the result is what the user waited for: bring it into view
    javafx.application.Platform.runLater(() -> reveal(title));
    EvaluationResult evaluation = presenter.evaluationProperty().get();
    if (evaluation != null) {
      resultSection.getChildren().addAll(boldLabel(CONFUSION), heatmap(evaluation), cellSection());
    }
    if (!result.skipped().isEmpty()) {
      ListView<String> skipped = new ListView<>();
      skipped.setId("teach-skipped");
      skipped.getItems().setAll(result.skipped().stream()
          .map(s -> TeachStrings.skipped(s.photo().name(), s.error().message())).toList());
      skipped.setPrefHeight(Math.min(result.skipped().size(), 8) * 26 + 4);
      skipped.setMinHeight(Region.USE_PREF_SIZE);
      resultSection.getChildren().addAll(boldLabel(SKIPPED + ": " + result.skipped().size()), skipped);
    }
  }

  private Node heatmap(EvaluationResult evaluation) {
    if (evaluation.report().matrix().size() > MAX_HEATMAP_CLASSES) {
      Label tooMany = new Label(evaluation.report().matrix().size() + " classes are too many to draw here; the saved"
          + " report's confusion.png has the whole matrix.");
      tooMany.getStyleClass().add("text-muted");
      return tooMany;
    }
    ConfusionHeatmapView view = new ConfusionHeatmapView(evaluation.report().matrix(), presenter::showCell);
    view.setId("teach-heatmap");
    return view;
  }

  private Node cellSection() {
    Label title = new Label();
    title.setId("teach-cell-title");
    title.textProperty().bind(presenter.cellTitleProperty());
    cellStrip.setId("teach-cell-photos");
    VBox section = new VBox(8, title, cellStrip);
    section.visibleProperty().bind(presenter.cellTitleProperty().isNotEmpty());
    section.managedProperty().bind(section.visibleProperty());
    return section;
  }

  private void showCellPhotos() {
    List<ImagePrediction> shown = presenter.cellPhotos();
    cellStrip.getChildren().setAll(shown.stream().limit(MAX_CELL_THUMBNAILS).map(p -> {
      ImageView view = thumbnail(p.file(), CELL_THUMBNAIL);
      // every photo of a cell has the same prediction: the caption is its confidence
      Label caption = new Label(TeachStrings.percent(p.confidence()));
      caption.getStyleClass().add("text-small");
      VBox box = new VBox(2, view, caption);
      box.setUserData(p.file());
      box.setPrefWidth(CELL_THUMBNAIL);
      Tooltip.install(box, new Tooltip(p.file() + "\n" + TeachStrings.cell(p.truth(), p.predicted(), 1)));
      return (Node) box;
    }).toList());
    if (shown.size() > MAX_CELL_THUMBNAILS) {
      cellStrip.getChildren().add(new Label("+" + (shown.size() - MAX_CELL_THUMBNAILS)));
    }
  }

  private Node saveRow() {
    Button save = new Button(SAVE, new FontIcon(Material2MZ.SAVE));
    save.setId("teach-save");
    save.getStyleClass().add("accent");
    save.setTooltip(new Tooltip(SAVE_TIP));
    save.disableProperty().bind(presenter.savingProperty().or(presenter.savedProperty().isNotNull())
        .or(presenter.nameProperty().isEmpty()));
    save.setOnAction(e -> presenter.save());
    Label name = new Label();
    name.textProperty().bind(presenter.nameProperty());
    name.getStyleClass().add("text-bold");
    Label message = new Label();
    message.setId("teach-save-message");
    message.setWrapText(true);
    message.textProperty().bind(presenter.saveMessageProperty());
    HBox row = new HBox(10, save, name, message);
    row.setAlignment(Pos.CENTER_LEFT);
    return row;
  }

  private Node tryRow() {
    Button tryIt = new Button(TRY, new FontIcon(Material2MZ.PHOTO));
    tryIt.setId("teach-try");
    tryIt.setTooltip(new Tooltip(TRY_TIP));
    tryIt.setOnAction(e -> choosePhoto());
    Label message = new Label();
    message.setId("teach-try-message");
    message.setWrapText(true);
    message.textProperty().bind(presenter.tryMessageProperty());
    StackPane picture = new StackPane();
    picture.setMinSize(CELL_THUMBNAIL, 0);
    presenter.tryPhotoProperty().addListener((obs, old, now) ->
        picture.getChildren().setAll(now == null ? List.of() : List.of(thumbnail(now, CELL_THUMBNAIL))));
    tryResults.setId("teach-try-results");
    VBox side = new VBox(6, tryIt, message, tryResults);
    HBox row = new HBox(12, side, picture);
    row.setAlignment(Pos.TOP_LEFT);
    showTryResults();
    return row;
  }

  private void showTryResults() {
    tryResults.getChildren().setAll(presenter.tryResults().stream().map(p -> {
      Label label = new Label(p.label());
      label.setMinWidth(120);
      ProgressBar bar = new ProgressBar(p.score());
      bar.setPrefWidth(140);
      Label percent = new Label(TeachStrings.percent(p.score()));
      HBox row = new HBox(8, label, bar, percent);
      row.setAlignment(Pos.CENTER_LEFT);
      row.setUserData(p);
      row.getStyleClass().add("teach-try-class");
      return (Node) row;
    }).toList());
  }

  /** Scrolls the page so {@code node} is at the top of the view (or as near as the page allows). */
  static void reveal(Node node) {
    Node parent = node.getParent();
    while (parent != null && !(parent instanceof ScrollPane)) {
      parent = parent.getParent();
    }
    if (!(parent instanceof ScrollPane scroll) || scroll.getContent() == null) {
      return;
    }
    scroll.layout();
    Node content = scroll.getContent();
    double y = content.sceneToLocal(node.localToScene(node.getBoundsInLocal())).getMinY();
    double room = content.getBoundsInLocal().getHeight() - scroll.getViewportBounds().getHeight();
    if (room > 0) {
      scroll.setVvalue(Math.max(0, Math.min(1, (y - 8) / room)));
    }
  }

  // ---- choosing and dropping

  private void chooseFolder() {
    DirectoryChooser chooser = new DirectoryChooser();
    chooser.setTitle(CHOOSE_FOLDER_TITLE);
    initialFolder().ifPresent(chooser::setInitialDirectory);
    File folder = chooser.showDialog(getScene().getWindow());
    if (folder != null) {
      presenter.setDataset(folder.toPath());
    }
  }

  private void chooseCsv() {
    FileChooser chooser = new FileChooser();
    chooser.setTitle(CHOOSE_CSV_TITLE);
    chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter(CSV_FILES, "*.csv"));
    initialFolder().ifPresent(chooser::setInitialDirectory);
    File file = chooser.showOpenDialog(getScene().getWindow());
    if (file != null) {
      presenter.setDataset(file.toPath());
    }
  }

  private void choosePhoto() {
    FileChooser chooser = new FileChooser();
    chooser.setTitle(TRY_TITLE);
    chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter(PHOTOS, "*.jpg", "*.jpeg", "*.png", "*.bmp",
        "*.gif", "*.tif", "*.tiff", "*.webp"));
    initialFolder().ifPresent(chooser::setInitialDirectory);
    File file = chooser.showOpenDialog(getScene().getWindow());
    if (file != null) {
      presenter.tryPhoto(file.toPath());
    }
  }

  private Optional<File> initialFolder() {
    Path last = presenter.lastFolder();
    return last != null && Files.isDirectory(last) ? Optional.of(last.toFile()) : Optional.empty();
  }

  private void onDragOver(DragEvent e) {
    List<File> files = e.getDragboard().hasFiles() ? e.getDragboard().getFiles() : List.of();
    if (!presenter.runningProperty().get()
        && TeachPresenter.kindOf(files, presenter.resultProperty().get() != null) != TeachPresenter.DropKind.NONE) {
      e.acceptTransferModes(TransferMode.COPY_OR_MOVE);
    }
    e.consume();
  }

  /** What a drop does; public so tests can drive it with a real event. */
  public void onDragDropped(DragEvent e) {
    List<File> files = e.getDragboard().hasFiles() ? e.getDragboard().getFiles() : List.of();
    e.setDropCompleted(presenter.drop(files));
    e.consume();
  }
}
