package dev.raut.app.teach;

import dev.raut.app.evaluate.ConfusionHeatmapView;
import dev.raut.app.gallery.PhotoLoader;
import dev.raut.core.classify.ClassPrediction;
import dev.raut.core.classify.ClassifierScope;
import dev.raut.core.evaluate.EvaluationResult;
import dev.raut.core.evaluate.ImagePrediction;
import dev.raut.core.teach.Head;
import dev.raut.core.teach.HeadTraining;
import dev.raut.core.teach.Teacher;
import dev.raut.core.text.Messages;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import dev.raut.app.ChoiceNames;
import javafx.beans.binding.Bindings;
import javafx.beans.value.ChangeListener;
import javafx.beans.value.WeakChangeListener;
import javafx.collections.ListChangeListener;
import javafx.collections.WeakListChangeListener;
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
  /** The page's name for {@code MainWindow.show}: an id, never shown (the shown title is {@link #pageTitle()}). */
  public static final String PAGE = "Teach"; // not user text
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
  // held here and added weakly: a view replaced after a language change is not kept alive by the presenter
  private final ListChangeListener<TeachPresenter.ClassRow> onClassRows = c -> showClasses();
  private final ListChangeListener<Head.Epoch> onCurve = this::curveChanged;
  private final ChangeListener<Teacher.Result> onResult = (obs, old, now) -> showResult(now, true);
  private final ListChangeListener<ImagePrediction> onCellPhotos = c -> showCellPhotos();
  private final ListChangeListener<ClassPrediction> onTryResults = c -> showTryResults();

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
    presenter.classRows().addListener(new WeakListChangeListener<>(onClassRows));
    presenter.curve().addListener(new WeakListChangeListener<>(onCurve));
    presenter.resultProperty().addListener(new WeakChangeListener<>(onResult));
    presenter.cellPhotos().addListener(new WeakListChangeListener<>(onCellPhotos));
    presenter.tryResults().addListener(new WeakListChangeListener<>(onTryResults));
    // a view built on a presenter that has data, a run or a result (after a language change) shows them at once
    showClasses();
    presenter.curve().forEach(this::plot);
    showResult(presenter.resultProperty().get(), false);
    showCellPhotos();
  }

  /** The navigation entry's title, in the current language. */
  public static String pageTitle() {
    return Messages.text("teach.page");
  }

  /** The navigation entry's tooltip, in the current language. */
  public static String pageTip() {
    return Messages.text("teach.page.tip");
  }

  private static Node heading() {
    Label title = new Label(Messages.text("teach.title"));
    title.getStyleClass().add("title-2");
    Label hint = new Label(Messages.text("teach.intro"));
    hint.getStyleClass().add("text-muted");
    hint.setWrapText(true);
    return new VBox(4, title, hint);
  }

  // ---- the data

  private Node dataRow() {
    Label label = new Label(Messages.text("teach.data"));
    label.getStyleClass().add("text-bold");
    Label path = new Label();
    path.setId("teach-source");
    path.textProperty().bind(Bindings.createStringBinding(() -> presenter.sourceTextProperty().get().isEmpty()
        ? Messages.text("teach.noData") : presenter.sourceTextProperty().get(), presenter.sourceTextProperty()));
    path.setMinWidth(0);
    path.setMaxWidth(Double.MAX_VALUE);
    HBox.setHgrow(path, Priority.ALWAYS);
    Button folder = new Button(Messages.text("teach.folder"), new FontIcon(Material2AL.FOLDER_OPEN));
    folder.setId("teach-choose-folder");
    folder.setTooltip(new Tooltip(Messages.text("teach.folder.tip")));
    folder.setOnAction(e -> chooseFolder());
    Button csv = new Button(Messages.text("teach.csv"), new FontIcon(Material2AL.DESCRIPTION));
    csv.setId("teach-choose-csv");
    csv.setTooltip(new Tooltip(Messages.text("teach.csv.tip")));
    csv.setOnAction(e -> chooseCsv());
    HBox row = new HBox(10, label, path, folder, csv);
    row.setAlignment(Pos.CENTER_LEFT);
    row.disableProperty().bind(presenter.runningProperty());
    return row;
  }

  private Node readingRow() {
    ProgressIndicator spinner = new ProgressIndicator();
    spinner.setPrefSize(18, 18);
    HBox row = new HBox(8, spinner, new Label(Messages.text("teach.reading")));
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
        : Messages.text("teach.summary", presenter.dataProperty().get().classes().size(),
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
    warnings.setAccessibleText(Messages.text("teach.warnings"));
    Label warningsTitle = new Label(Messages.text("teach.warnings"));
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
    Label own = new Label(Messages.text("teach.split.own"));
    own.setId("teach-split-own");
    Spinner<Integer> percent = new Spinner<>(new SpinnerValueFactory.IntegerSpinnerValueFactory(0, 50,
        (int) Math.round(presenter.testFractionProperty().get() * 100), 5));
    percent.setId("teach-split-percent");
    percent.setPrefWidth(80);
    percent.setTooltip(new Tooltip(Messages.text("teach.split.percent.tip")));
    percent.setAccessibleText(Messages.text("teach.split.held"));
    percent.valueProperty().addListener((obs, old, now) -> presenter.testFractionProperty().set(now / 100.0));
    TextField seed = new TextField(String.valueOf(presenter.seedProperty().get()));
    seed.setId("teach-split-seed");
    seed.setPrefColumnCount(6);
    seed.setTooltip(new Tooltip(Messages.text("teach.split.seed.tip")));
    seed.setAccessibleText(Messages.text("teach.split.seed"));
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
    HBox held = new HBox(8, new Label(Messages.text("teach.split.held")), percent,
        new Label(Messages.text("teach.split.rest")), seed);
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
    String[] heads = {Messages.text("teach.col.class"), Messages.text("teach.col.train"), Messages.text("teach.col.test"),
        Messages.text("teach.col.examples")};
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
    Label title = new Label(Messages.text("teach.settings"));
    title.getStyleClass().add("title-4");
    ComboBox<TeachPresenter.BackboneChoice> backbone = new ComboBox<>();
    backbone.getItems().setAll(TeachPresenter.BackboneChoice.values());
    backbone.setId("teach-backbone");
    backbone.valueProperty().bindBidirectional(presenter.backboneProperty());
    backbone.setConverter(ChoiceNames.of(TeachPresenter.BackboneChoice::label));
    backbone.setTooltip(new Tooltip(Messages.text("teach.backbone.tip")));
    backbone.setAccessibleText(Messages.text("teach.backbone"));
    ComboBox<HeadTraining.Choice> head = new ComboBox<>();
    head.getItems().setAll(HeadTraining.Choice.values());
    head.setId("teach-head");
    head.valueProperty().bindBidirectional(presenter.headProperty());
    head.setConverter(ChoiceNames.of(TeachPresenter::head));
    head.setTooltip(new Tooltip(Messages.text("teach.head.tip")));
    head.setAccessibleText(Messages.text("teach.head"));
    CheckBox augment = new CheckBox(Messages.text("teach.augment"));
    augment.setId("teach-augment");
    augment.selectedProperty().bindBidirectional(presenter.augmentProperty());
    augment.setTooltip(new Tooltip(Messages.text("teach.augment.tip")));
    ToggleGroup scopes = new ToggleGroup();
    RadioButton whole = new RadioButton(Messages.text("teach.wholePhoto"));
    whole.setId("teach-scope-image");
    whole.setToggleGroup(scopes);
    whole.setUserData(ClassifierScope.IMAGE);
    RadioButton face = new RadioButton(Messages.text("teach.eachFace"));
    face.setId("teach-scope-face");
    face.setToggleGroup(scopes);
    face.setUserData(ClassifierScope.FACE);
    face.setTooltip(new Tooltip(Messages.text("teach.eachFace.tip")));
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
    name.setTooltip(new Tooltip(Messages.text("teach.name.tip")));
    name.setAccessibleText(Messages.text("teach.name"));
    name.setPrefColumnCount(22);
    GridPane grid = new GridPane();
    grid.setHgap(10);
    grid.setVgap(8);
    grid.addRow(0, boldLabel(Messages.text("teach.backbone")), backbone);
    grid.addRow(1, boldLabel(Messages.text("teach.head")), head);
    grid.add(augment, 1, 2);
    grid.addRow(3, boldLabel(Messages.text("teach.scope")), new HBox(12, whole, face));
    grid.addRow(4, boldLabel(Messages.text("teach.name")), name);
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


  // ---- running

  private Node runRow() {
    Button start = new Button(Messages.text("teach.start"), new FontIcon(Material2MZ.PLAY_ARROW));
    start.setId("teach-start");
    start.getStyleClass().add("accent");
    start.setTooltip(new Tooltip(Messages.text("teach.start.tip")));
    start.disableProperty().bind(presenter.canStart().not());
    start.setOnAction(e -> presenter.start());
    Button cancel = new Button(Messages.text("common.cancel"), new FontIcon(Material2AL.CLOSE));
    cancel.setId("teach-cancel");
    cancel.setTooltip(new Tooltip(Messages.text("teach.cancel.tip")));
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
    Label note = new Label(Messages.text("teach.curves.note"));
    note.getStyleClass().add("text-muted");
    note.setWrapText(true);
    trainLoss.setName(Messages.text("teach.series.train"));
    validationLoss.setName(Messages.text("teach.series.check"));
    trainAccuracy.setName(Messages.text("teach.series.train"));
    validationAccuracy.setName(Messages.text("teach.series.check"));
    LineChart<Number, Number> loss = chart(Messages.text("teach.loss"), "teach-loss-chart", false);
    loss.getData().addAll(List.of(trainLoss, validationLoss));
    LineChart<Number, Number> accuracy = chart(Messages.text("teach.accuracyChart"), "teach-accuracy-chart", true);
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

  /** {@code arrived}: the run just finished (scrolled into view), not a view built again on an old result. */
  private void showResult(Teacher.Result result, boolean arrived) {
    resultSection.getChildren().clear();
    cellStrip.getChildren().clear();
    if (result == null) {
      return;
    }
    Label title = new Label(Messages.text("teach.result"));
    title.getStyleClass().add("title-3");
    Label accuracy = new Label(result.report() == null ? Messages.text("teach.noTest")
        : Messages.text("teach.accuracy", result.report().total(), TeachPresenter.percent(result.report().accuracy()),
            TeachPresenter.percent(result.report().balancedAccuracy())));
    accuracy.setId("teach-accuracy");
    accuracy.getStyleClass().add("title-4");
    Label head = new Label(Messages.text("teach.chosenHead", TeachPresenter.headKind(result.training().head().kind()),
        result.training().why().text()));
    head.setId("teach-head-reason");
    head.setWrapText(true);
    Label took = new Label(Messages.text("teach.took", result.photosEmbedded(), result.photosFromCache(),
        result.embedMillis() / 1000.0, result.trainMillis() / 1000.0));
    took.getStyleClass().add("text-muted");
    resultSection.getChildren().addAll(title, accuracy, head, took, saveRow(), tryRow());
    // the result is what the user waited for: bring it into view
    if (arrived) {
      javafx.application.Platform.runLater(() -> reveal(title));
    }
    EvaluationResult evaluation = presenter.evaluationProperty().get();
    if (evaluation != null) {
      resultSection.getChildren().addAll(boldLabel(Messages.text("teach.confusion")), heatmap(evaluation), cellSection());
    }
    if (!result.skipped().isEmpty()) {
      ListView<String> skipped = new ListView<>();
      skipped.setId("teach-skipped");
      skipped.getItems().setAll(result.skipped().stream()
          .map(s -> Messages.text("teach.skippedPhoto", s.photo().name(), s.error().message())).toList());
      skipped.setPrefHeight(Math.min(result.skipped().size(), 8) * 26 + 4);
      skipped.setMinHeight(Region.USE_PREF_SIZE);
      resultSection.getChildren().addAll(boldLabel(Messages.text("teach.skipped", result.skipped().size())), skipped);
    }
  }

  private Node heatmap(EvaluationResult evaluation) {
    if (evaluation.report().matrix().size() > MAX_HEATMAP_CLASSES) {
      Label tooMany = new Label(Messages.text("teach.tooMany", evaluation.report().matrix().size()));
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
      Label caption = new Label(TeachPresenter.percent(p.confidence()));
      caption.getStyleClass().add("text-small");
      VBox box = new VBox(2, view, caption);
      box.setUserData(p.file());
      box.setPrefWidth(CELL_THUMBNAIL);
      Tooltip.install(box, new Tooltip(p.file() + "\n" + Messages.text("teach.cell", p.truth(), p.predicted(), 1)));
      return (Node) box;
    }).toList());
    if (shown.size() > MAX_CELL_THUMBNAILS) {
      cellStrip.getChildren().add(new Label(Messages.text("teach.more", shown.size() - MAX_CELL_THUMBNAILS)));
    }
  }

  private Node saveRow() {
    Button save = new Button(Messages.text("teach.save"), new FontIcon(Material2MZ.SAVE));
    save.setId("teach-save");
    save.getStyleClass().add("accent");
    save.setTooltip(new Tooltip(Messages.text("teach.save.tip")));
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
    Button tryIt = new Button(Messages.text("teach.try"), new FontIcon(Material2MZ.PHOTO));
    tryIt.setId("teach-try");
    tryIt.setTooltip(new Tooltip(Messages.text("teach.try.tip")));
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
      Label percent = new Label(Messages.percent(p.score()));
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
    chooser.setTitle(Messages.text("teach.folder.title"));
    initialFolder().ifPresent(chooser::setInitialDirectory);
    File folder = chooser.showDialog(getScene().getWindow());
    if (folder != null) {
      presenter.setDataset(folder.toPath());
    }
  }

  private void chooseCsv() {
    FileChooser chooser = new FileChooser();
    chooser.setTitle(Messages.text("teach.csv.title"));
    chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter(Messages.text("teach.csv.files"), "*.csv"));
    initialFolder().ifPresent(chooser::setInitialDirectory);
    File file = chooser.showOpenDialog(getScene().getWindow());
    if (file != null) {
      presenter.setDataset(file.toPath());
    }
  }

  private void choosePhoto() {
    FileChooser chooser = new FileChooser();
    chooser.setTitle(Messages.text("teach.try.title"));
    chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter(Messages.text("teach.photos"), "*.jpg", "*.jpeg", "*.png", "*.bmp",
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
