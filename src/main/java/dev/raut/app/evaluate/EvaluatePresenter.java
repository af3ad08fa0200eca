package dev.raut.app.evaluate;

import dev.raut.app.AppServices;
import dev.raut.app.AppSettings;
import dev.raut.app.BackgroundTasks;
import dev.raut.core.analysis.AnalysisRequest;
import dev.raut.core.analysis.DetectorChoice;
import dev.raut.core.classify.ClassifierLibrary;
import dev.raut.core.evaluate.Dataset;
import dev.raut.core.evaluate.DatasetReader;
import dev.raut.core.evaluate.EvaluationResult;
import dev.raut.core.evaluate.EvaluationRunner;
import dev.raut.core.evaluate.EvaluationSettings;
import dev.raut.core.evaluate.EvaluationTask;
import dev.raut.core.evaluate.ImagePrediction;
import dev.raut.core.evaluate.LabelMap;
import dev.raut.core.image.ImageDecoder;
import dev.raut.core.text.Explained;
import dev.raut.core.text.Messages;
import dev.raut.core.text.Problem;
import dev.raut.evaluate.report.EvaluationReportFiles;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The Evaluate page's logic: the dataset, task and detector the user picked, one evaluation at a
 * time through the core {@link EvaluationRunner} in the background (through {@link BackgroundTasks},
 * so every property changes on the FX thread, and tests run it on their own thread), the photos
 * behind a confusion-matrix cell, and the HTML report export. Public methods are called on the FX
 * thread.
 */
public final class EvaluatePresenter implements AutoCloseable {
  private static final String KEY_FOLDER = "evaluate.folder";
  private static final String KEY_TASK = "evaluate.task";
  private static final String KEY_DETECTOR = "evaluate.detector";

  /** Progress reaches the page at most this often (~20 a second), however fast the images go. */
  private static final long PROGRESS_EVERY_NANOS = 50_000_000L;

  private final AppServices services;
  // one evaluation at a time (run() refuses a second); its photos run on the app's analysis threads
  private final BackgroundTasks background;
  private final Consumer<List<Path>> showInGallery;
  private final ObjectProperty<Path> dataset = new SimpleObjectProperty<>();
  private final ObservableList<TaskChoice> tasks = FXCollections.observableArrayList(TaskChoice.EMOTION, TaskChoice.OBJECTS);
  private final ObjectProperty<TaskChoice> task = new SimpleObjectProperty<>(TaskChoice.EMOTION);
  private final ObjectProperty<DetectorChoice> detector = new SimpleObjectProperty<>(DetectorChoice.AUTO);
  private final StringProperty labelMap = new SimpleStringProperty("");
  private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper();
  private final ReadOnlyBooleanWrapper canRun = new ReadOnlyBooleanWrapper();
  private final ReadOnlyBooleanWrapper detectorApplies = new ReadOnlyBooleanWrapper();
  private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper();
  private final ReadOnlyStringWrapper progressText = new ReadOnlyStringWrapper("");
  private final ReadOnlyStringWrapper problem = new ReadOnlyStringWrapper("");
  private final ReadOnlyObjectWrapper<EvaluationResult> result = new ReadOnlyObjectWrapper<>();
  private final ReadOnlyStringWrapper cellTitle = new ReadOnlyStringWrapper("");
  private final ObservableList<ImagePrediction> cellPhotos = FXCollections.observableArrayList();
  private volatile AtomicBoolean cancelled = new AtomicBoolean();
  /** The task saved last time, until the imported classifiers arrive (it may be one of them). */
  private String savedTask;

  /**
   * {@code background} runs the evaluations and exports (the presenter closes it); {@code showInGallery}
   * puts photos into the gallery and shows it.
   */
  public EvaluatePresenter(AppServices services, BackgroundTasks background, Consumer<List<Path>> showInGallery) {
    this.services = services;
    this.background = background;
    this.showInGallery = showInGallery;
    canRun.bind(dataset.isNotNull().and(running.not()));
    detectorApplies.bind(Bindings.createBooleanBinding(
        () -> task.get() != null && task.get().task() == EvaluationTask.EMOTION, task));
    AppSettings settings = services.settings();
    savedTask = settings.get(KEY_TASK, TaskChoice.EMOTION.key());
    tasks.stream().filter(t -> t.key().equals(savedTask)).findFirst().ifPresent(task::set);
    try {
      detector.set(DetectorChoice.valueOf(settings.get(KEY_DETECTOR, DetectorChoice.AUTO.name())));
    } catch (IllegalArgumentException e) {
      detector.set(DetectorChoice.AUTO);
    }
    task.addListener((obs, old, now) -> {
      if (now != null) {
        settings.put(KEY_TASK, now.key());
        savedTask = null; // chosen before the classifiers arrived: this choice, not last time's, is kept
      }
    });
    detector.addListener((obs, old, now) -> settings.put(KEY_DETECTOR, now.name()));
  }

  public ObjectProperty<Path> datasetProperty() {
    return dataset;
  }

  public ObservableList<TaskChoice> tasks() {
    return tasks;
  }

  public ObjectProperty<TaskChoice> taskProperty() {
    return task;
  }

  public ObjectProperty<DetectorChoice> detectorProperty() {
    return detector;
  }

  /** Dataset label → model label renames, {@code a=b,c=d} or a file of such lines; empty for none. */
  public StringProperty labelMapProperty() {
    return labelMap;
  }

  public ReadOnlyBooleanProperty runningProperty() {
    return running.getReadOnlyProperty();
  }

  /** Whether Run would start: a dataset is chosen and no run is going. */
  public ReadOnlyBooleanProperty canRunProperty() {
    return canRun.getReadOnlyProperty();
  }

  /** Whether the face detector choice matters: only the emotion task looks for faces. */
  public ReadOnlyBooleanProperty detectorAppliesProperty() {
    return detectorApplies.getReadOnlyProperty();
  }

  /** 0..1, or -1 (indeterminate) while the dataset is read and the model loads. */
  public ReadOnlyDoubleProperty progressProperty() {
    return progress.getReadOnlyProperty();
  }

  public ReadOnlyStringProperty progressTextProperty() {
    return progressText.getReadOnlyProperty();
  }

  /** Why the last run or export failed, in plain words; empty when it did not. */
  public ReadOnlyStringProperty problemProperty() {
    return problem.getReadOnlyProperty();
  }

  /** The last finished (or cancelled) evaluation; null before the first. */
  public ReadOnlyObjectProperty<EvaluationResult> resultProperty() {
    return result.getReadOnlyProperty();
  }

  /** The photos of the confusion-matrix cell last clicked, most confident first. */
  public ObservableList<ImagePrediction> cellPhotos() {
    return cellPhotos;
  }

  public ReadOnlyStringProperty cellTitleProperty() {
    return cellTitle.getReadOnlyProperty();
  }

  public Path lastFolder() {
    String saved = services.settings().get(KEY_FOLDER, null);
    return saved == null ? null : Path.of(saved);
  }

  /** A dataset is a folder (of class folders) or a CSV file. */
  public static boolean isDataset(File file) {
    return file.isDirectory() || (file.isFile() && file.getName().toLowerCase(Locale.ROOT).endsWith(".csv"));
  }

  public void setDataset(Path path) {
    dataset.set(path);
    problem.set("");
    Path folder = path.getParent();
    if (folder != null) {
      services.settings().put(KEY_FOLDER, folder.toString());
    }
  }

  /** The imported classifiers become tasks; keeps the choice while it exists, else falls back to emotion. */
  public void setClassifiers(List<ClassifierLibrary.Entry> entries) {
    List<TaskChoice> list = new ArrayList<>(List.of(TaskChoice.EMOTION, TaskChoice.OBJECTS));
    entries.stream().filter(ClassifierLibrary.Entry::usable).map(TaskChoice::classifier).forEach(list::add);
    String wanted = savedTask != null ? savedTask : task.get().key();
    savedTask = null;
    tasks.setAll(list);
    task.set(list.stream().filter(c -> c.key().equals(wanted)).findFirst().orElse(TaskChoice.EMOTION));
  }

  /** Starts evaluating the chosen dataset; does nothing while a run is going or without a dataset. */
  public void run() {
    Path data = dataset.get();
    if (!canRun.get()) {
      return;
    }
    EvaluationSettings settings;
    try {
      TaskChoice t = task.get();
      String map = labelMap.get() == null ? "" : labelMap.get().trim();
      settings = new EvaluationSettings(t.task(), detector.get(), t.classifierCard(),
          map.isEmpty() ? LabelMap.empty() : LabelMap.parse(map), AnalysisRequest.DEFAULT_OBJECT_THRESHOLD);
    } catch (RuntimeException e) {
      problem.set(inWords(e));
      return;
    }
    AtomicBoolean stop = new AtomicBoolean();
    cancelled = stop;
    running.set(true);
    problem.set("");
    progress.set(-1);
    progressText.set(Messages.text("evaluate.reading"));
    services.status().setMessage(Messages.text("evaluate.evaluating", String.valueOf(data.getFileName())));
    // the state above is set first: a same-thread BackgroundTasks may finish the run inside this call
    background.run(() -> evaluate(data, settings, stop), this::finished, this::failed);
  }

  /** Stops the run within a few images; the report of what was analysed is still shown, marked cancelled. */
  public void cancel() {
    cancelled.set(true);
    if (running.get()) {
      progressText.set(Messages.text("evaluate.cancelling"));
    }
  }

  /** The background part: touches no property, sends its progress through {@link BackgroundTasks#onUi}. */
  private EvaluationResult evaluate(Path data, EvaluationSettings settings, AtomicBoolean stop) {
    Dataset read = DatasetReader.read(data);
    int images = read.images().size();
    background.onUi(() -> {
      if (!stop.get()) {
        progressText.set(Messages.text("evaluate.loading", images));
      }
    });
    // the first image is shown at once, the rest at most every PROGRESS_EVERY_NANOS, the last always
    AtomicLong lastShown = new AtomicLong(System.nanoTime() - PROGRESS_EVERY_NANOS);
    // on the app's analysis threads, beside the gallery's photos: one budget for the machine
    return new EvaluationRunner(services.analysis()).run(read, settings, (n, total) -> {
      long now = System.nanoTime();
      if (n == total || now - lastShown.get() >= PROGRESS_EVERY_NANOS) {
        lastShown.set(now);
        background.onUi(() -> showProgress(n, total));
      }
    }, stop);
  }

  private void showProgress(int done, int total) {
    if (!cancelled.get()) {
      // the text first: a Cancel reacting to the bar then keeps its "Cancelling…"
      progressText.set(Messages.text("evaluate.progress", done, total));
      progress.set(total == 0 ? 1 : (double) done / total);
    }
  }

  private void finished(EvaluationResult done) {
    running.set(false);
    progress.set(1);
    cellPhotos.clear();
    cellTitle.set("");
    result.set(done);
    progressText.set(done.complete() ? Messages.text("evaluate.done", seconds(done))
        : Messages.text("evaluate.cancelledAfter", done.predictions().size(), done.dataset().images().size()));
    services.status().setMessage(Messages.text(done.complete() ? "evaluate.finished" : "evaluate.cancelled",
        done.predictions().size(), seconds(done)));
  }

  private void failed(Throwable error) {
    String reason = inWords(error);
    running.set(false);
    progress.set(0);
    progressText.set("");
    problem.set(reason);
    services.status().setMessage(Messages.text("evaluate.failed", reason));
  }

  /**
   * Why something failed, in the user's language: core's problems (a dataset that does not exist,
   * a bad label map) have their words in both; anything else gives its own (English) message.
   */
  static String inWords(Throwable error) {
    Throwable t = error;
    while (!(t instanceof Explained) && t.getCause() != null
        && (t.getMessage() == null || t instanceof CompletionException)) {
      t = t.getCause();
    }
    return Problem.message(t, Messages.language());
  }

  static String seconds(EvaluationResult r) {
    return Messages.text("evaluate.seconds", r.elapsed().toMillis() / 1000.0);
  }

  /** Shows the photos of true class {@code truth} predicted as {@code predicted}. */
  public void showCell(String truth, String predicted) {
    EvaluationResult r = result.get();
    if (r == null) {
      return;
    }
    List<ImagePrediction> files = r.filesIn(truth, predicted);
    cellPhotos.setAll(files);
    EvaluationTask kind = r.settings().task();
    cellTitle.set(Messages.text("evaluate.cell", TaskChoice.display(kind, truth), TaskChoice.display(kind, predicted),
        files.size()));
  }

  /** Puts the photos of the shown cell into the gallery and switches to it. */
  public void openCellInGallery() {
    if (!cellPhotos.isEmpty()) {
      showInGallery.accept(cellPhotos.stream().map(ImagePrediction::file).toList());
    }
  }

  /**
   * Writes report.json, predictions.csv, confusion.png and report.html (as {@code raut evaluate --out})
   * in the background; the future completes once the page shows the outcome (on the FX thread), and
   * not at all if the page closes first.
   */
  public CompletableFuture<List<Path>> export(Path folder) {
    EvaluationResult r = result.get();
    if (r == null) {
      return CompletableFuture.failedFuture(new IllegalStateException("Run an evaluation first"));
    }
    services.settings().put(KEY_FOLDER, folder.toString());
    return background.future(() -> {
      try {
        return EvaluationReportFiles.write(r, folder, new ImageDecoder());
      } catch (IOException e) {
        throw new UncheckedIOException(Messages.text("evaluate.export.failed", folder, e.getMessage()), e);
      }
    }).whenComplete((files, error) -> {
      if (error == null) {
        services.status().setMessage(Messages.text("evaluate.export.done", folder.resolve(EvaluationReportFiles.HTML)));
      } else {
        problem.set(inWords(error));
      }
    });
  }

  /** Cancels a run in progress and waits for it (its models must not close under it). */
  @Override
  public void close() {
    cancelled.set(true);
    background.close();
  }
}
