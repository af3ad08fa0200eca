package dev.raut.app.teach;

import dev.raut.app.AppServices;
import dev.raut.app.BackgroundTasks;
import dev.raut.app.AppSettings;
import dev.raut.core.analysis.Analyzer;
import dev.raut.core.analysis.DetectorChoice;
import dev.raut.core.classify.ClassPrediction;
import dev.raut.core.classify.ClassifierCards;
import dev.raut.core.classify.ClassifierLibrary;
import dev.raut.core.classify.ClassifierScope;
import dev.raut.core.classify.OnnxImageClassifier;
import dev.raut.core.evaluate.EvaluationResult;
import dev.raut.core.evaluate.ImagePrediction;
import dev.raut.core.face.DetectedFace;
import dev.raut.core.face.FaceDetector;
import dev.raut.core.image.DecodeTarget;
import dev.raut.core.image.DecodedImage;
import dev.raut.core.image.ImageDecodeException;
import dev.raut.core.image.ImageDecoder;
import dev.raut.core.model.ModelStore;
import dev.raut.core.onnx.OnnxModel;
import dev.raut.core.teach.Backbone;
import dev.raut.core.teach.BackboneCatalog;
import dev.raut.core.teach.Head;
import dev.raut.core.teach.HeadTraining;
import dev.raut.core.teach.OnnxEmbedder;
import dev.raut.core.teach.TeachCancelledException;
import dev.raut.core.teach.TeachDataException;
import dev.raut.core.teach.TeachEvaluation;
import dev.raut.core.teach.Teacher;
import dev.raut.core.teach.TeachingData;
import dev.raut.core.text.Messages;
import dev.raut.evaluate.report.TeachReportFiles;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.LongProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleLongProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.opencv.core.Mat;

/**
 * The Teach page's logic: the labelled photos (a folder, a CSV, or class folders dropped together),
 * read and checked in the background; the settings; one teach run at a time on its own thread
 * with progress, ETA, live learning curves and Cancel; the held-out result as an evaluation; saving
 * to the model library; and trying the taught model on a photo. Public methods are called on the UI
 * thread; the work runs through {@link BackgroundTasks} (one piece at a time in the app), whose
 * callbacks bring results back to the UI thread.
 */
public final class TeachPresenter implements AutoCloseable {
  /** The two backbones offered in plain words. */
  public enum BackboneChoice {
    FAST, ACCURATE;

    public Backbone backbone() {
      return this == FAST ? BackboneCatalog.fast() : BackboneCatalog.accurate();
    }

    /** "Fast: MobileNetV3 …" in the current language. */
    public String label() {
      return Messages.text(this == FAST ? "teach.backbone.fast" : "teach.backbone.accurate", backbone().displayName());
    }
  }

  /** One class of the data summary: its counts and a few photos to show. */
  public record ClassRow(String name, int train, int test, List<Path> examples) {}

  /** What a drop on the page is. */
  enum DropKind { DATASET, CLASS_FOLDERS, PHOTO, NONE }

  static final int EXAMPLES_PER_CLASS = 4;
  static final String CLASS_FOLDERS_CSV = "class-folders.csv";
  private static final String KEY_FOLDER = "teach.folder";
  private static final String KEY_BACKBONE = "teach.backbone";
  private static final String KEY_HEAD = "teach.head";
  private static final String KEY_AUGMENT = "teach.augment";
  private static final String KEY_SCOPE = "teach.scope";
  private static final int TOP_CLASSES = 5;

  private final AppServices services;
  private final Supplier<CompletableFuture<?>> libraryChanged;
  /** Reading the data, teaching, saving and trying, one at a time, off the UI thread and off the gallery's pools. */
  private final BackgroundTasks background;

  // ---- data
  private final ReadOnlyObjectWrapper<Path> source = new ReadOnlyObjectWrapper<>();
  private final ReadOnlyStringWrapper sourceText = new ReadOnlyStringWrapper("");
  private final DoubleProperty testFraction = new SimpleDoubleProperty(0.2);
  private final LongProperty seed = new SimpleLongProperty(42);
  private final ReadOnlyBooleanWrapper reading = new ReadOnlyBooleanWrapper();
  private final ReadOnlyObjectWrapper<TeachingData> data = new ReadOnlyObjectWrapper<>();
  private final ObservableList<ClassRow> classRows = FXCollections.observableArrayList();
  private final ObservableList<String> warnings = FXCollections.observableArrayList();
  private final ReadOnlyStringWrapper problem = new ReadOnlyStringWrapper("");
  private List<String> droppedFolderNames;
  private Path droppedFoldersCsvDir;
  private volatile AtomicBoolean readCancelled = new AtomicBoolean();
  private int readGeneration;

  // ---- settings
  private final ObjectProperty<BackboneChoice> backbone = new SimpleObjectProperty<>(BackboneChoice.ACCURATE);
  private final ObjectProperty<HeadTraining.Choice> head = new SimpleObjectProperty<>(HeadTraining.Choice.AUTO);
  private final BooleanProperty augment = new SimpleBooleanProperty();
  private final ObjectProperty<ClassifierScope> scope = new SimpleObjectProperty<>(ClassifierScope.IMAGE);
  private final StringProperty name = new SimpleStringProperty("");
  private String suggestedName = "";

  // ---- running
  private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper();
  private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper();
  private final ReadOnlyStringWrapper stageText = new ReadOnlyStringWrapper("");
  private final ReadOnlyStringWrapper etaText = new ReadOnlyStringWrapper("");
  private final ReadOnlyStringWrapper curvesTitle = new ReadOnlyStringWrapper(Messages.text("teach.curves"));
  private final ObservableList<Head.Epoch> curve = FXCollections.observableArrayList();
  private volatile AtomicBoolean cancelled = new AtomicBoolean();
  private final ConcurrentLinkedQueue<Object> pendingUpdates = new ConcurrentLinkedQueue<>();
  private final AtomicBoolean flushScheduled = new AtomicBoolean();
  private String currentCandidate;
  private long embeddingStarted;

  // ---- result
  private final ReadOnlyObjectWrapper<Teacher.Result> result = new ReadOnlyObjectWrapper<>();
  private final ReadOnlyObjectWrapper<EvaluationResult> evaluation = new ReadOnlyObjectWrapper<>();
  private final ObservableList<ImagePrediction> cellPhotos = FXCollections.observableArrayList();
  private final ReadOnlyStringWrapper cellTitle = new ReadOnlyStringWrapper("");
  private final ReadOnlyBooleanWrapper saving = new ReadOnlyBooleanWrapper();
  private final ReadOnlyObjectWrapper<ClassifierLibrary.Entry> saved = new ReadOnlyObjectWrapper<>();
  private final ReadOnlyStringWrapper saveMessage = new ReadOnlyStringWrapper("");
  private Run lastRun;

  // ---- trying the result
  private final ReadOnlyObjectWrapper<Path> tryPhoto = new ReadOnlyObjectWrapper<>();
  private final ObservableList<ClassPrediction> tryResults = FXCollections.observableArrayList();
  private final ReadOnlyStringWrapper tryMessage = new ReadOnlyStringWrapper("");
  private final Object trialLock = new Object();
  private Teacher.Result trialFor;
  private OnnxModel trialModel;
  private OnnxImageClassifier trial;

  /** What a finished run was taught with, for its card and report. */
  private record Run(TeachingData data, BackboneChoice backbone, Teacher.Settings settings, ClassifierScope scope,
      double split, List<String> droppedFolderNames, boolean csv, boolean droppedFolders) {}

  /**
   * {@code libraryChanged} re-reads the model library and tells the pages that show it (the Models
   * page's refresh, which hands the list to the gallery and Evaluate).
   */
  public TeachPresenter(AppServices services, BackgroundTasks background, Supplier<CompletableFuture<?>> libraryChanged) {
    this.services = services;
    this.background = background;
    this.libraryChanged = libraryChanged;
    AppSettings settings = services.settings();
    backbone.set(parse(BackboneChoice.class, settings.get(KEY_BACKBONE, null), BackboneChoice.ACCURATE));
    head.set(parse(HeadTraining.Choice.class, settings.get(KEY_HEAD, null), HeadTraining.Choice.AUTO));
    augment.set(settings.getBoolean(KEY_AUGMENT, false));
    scope.set(parse(ClassifierScope.class, settings.get(KEY_SCOPE, null), ClassifierScope.IMAGE));
    backbone.addListener((obs, old, now) -> settings.put(KEY_BACKBONE, now.name()));
    head.addListener((obs, old, now) -> settings.put(KEY_HEAD, now.name()));
    augment.addListener((obs, old, now) -> settings.putBoolean(KEY_AUGMENT, now));
    scope.addListener((obs, old, now) -> settings.put(KEY_SCOPE, now.name()));
    // a new split draws the test photos again (the data's own test folder does not depend on them)
    testFraction.addListener((obs, old, now) -> resplit());
    seed.addListener((obs, old, now) -> resplit());
  }

  private static <E extends Enum<E>> E parse(Class<E> type, String saved, E fallback) {
    try {
      return saved == null ? fallback : Enum.valueOf(type, saved);
    } catch (IllegalArgumentException e) {
      return fallback;
    }
  }

  // ---- properties

  public ReadOnlyObjectProperty<Path> sourceProperty() {
    return source.getReadOnlyProperty();
  }

  /** The data in words: its path, or the class folders dropped together; empty before any is chosen. */
  public ReadOnlyStringProperty sourceTextProperty() {
    return sourceText.getReadOnlyProperty();
  }

  /** The part of each class held back for the test when the data has no test folder (0 to below 1). */
  public DoubleProperty testFractionProperty() {
    return testFraction;
  }

  public LongProperty seedProperty() {
    return seed;
  }

  public ReadOnlyBooleanProperty readingProperty() {
    return reading.getReadOnlyProperty();
  }

  /** The checked data, once read; null before, or when it was refused. */
  public ReadOnlyObjectProperty<TeachingData> dataProperty() {
    return data.getReadOnlyProperty();
  }

  public ObservableList<ClassRow> classRows() {
    return classRows;
  }

  public ObservableList<String> warnings() {
    return warnings;
  }

  /** Why the data was refused or the run failed, in plain words; empty when nothing is wrong. */
  public ReadOnlyStringProperty problemProperty() {
    return problem.getReadOnlyProperty();
  }

  public ObjectProperty<BackboneChoice> backboneProperty() {
    return backbone;
  }

  public ObjectProperty<HeadTraining.Choice> headProperty() {
    return head;
  }

  public BooleanProperty augmentProperty() {
    return augment;
  }

  public ObjectProperty<ClassifierScope> scopeProperty() {
    return scope;
  }

  public StringProperty nameProperty() {
    return name;
  }

  public ReadOnlyBooleanProperty runningProperty() {
    return running.getReadOnlyProperty();
  }

  /** 0..1 while the photos are read by the network, -1 (indeterminate) while loading and learning. */
  public ReadOnlyDoubleProperty progressProperty() {
    return progress.getReadOnlyProperty();
  }

  public ReadOnlyStringProperty stageTextProperty() {
    return stageText.getReadOnlyProperty();
  }

  public ReadOnlyStringProperty etaTextProperty() {
    return etaText.getReadOnlyProperty();
  }

  /** The candidate whose curves {@link #curve()} holds, in words. */
  public ReadOnlyStringProperty curvesTitleProperty() {
    return curvesTitle.getReadOnlyProperty();
  }

  /** Loss and accuracy per epoch of the candidate training now (after the run: of the chosen head). */
  public ObservableList<Head.Epoch> curve() {
    return curve;
  }

  /** Data read, nothing running: Start may be pressed. */
  public BooleanBinding canStart() {
    return data.isNotNull().and(running.not()).and(reading.not());
  }

  public ReadOnlyObjectProperty<Teacher.Result> resultProperty() {
    return result.getReadOnlyProperty();
  }

  /** The held-out photos of the last run as an evaluation (accuracy, report, confusion matrix). */
  public ReadOnlyObjectProperty<EvaluationResult> evaluationProperty() {
    return evaluation.getReadOnlyProperty();
  }

  public ObservableList<ImagePrediction> cellPhotos() {
    return cellPhotos;
  }

  public ReadOnlyStringProperty cellTitleProperty() {
    return cellTitle.getReadOnlyProperty();
  }

  public ReadOnlyBooleanProperty savingProperty() {
    return saving.getReadOnlyProperty();
  }

  /** The library entry of the last run once saved; null before. */
  public ReadOnlyObjectProperty<ClassifierLibrary.Entry> savedProperty() {
    return saved.getReadOnlyProperty();
  }

  /** Saved as..., or why not. */
  public ReadOnlyStringProperty saveMessageProperty() {
    return saveMessage.getReadOnlyProperty();
  }

  public ReadOnlyObjectProperty<Path> tryPhotoProperty() {
    return tryPhoto.getReadOnlyProperty();
  }

  /** The top classes of the photo tried last, most likely first. */
  public ObservableList<ClassPrediction> tryResults() {
    return tryResults;
  }

  public ReadOnlyStringProperty tryMessageProperty() {
    return tryMessage.getReadOnlyProperty();
  }

  public Path lastFolder() {
    String saved = services.settings().get(KEY_FOLDER, null);
    return saved == null ? null : Path.of(saved);
  }

  // ---- choosing the data

  /** What dropped files are: a dataset (one folder or CSV), class folders (several folders), a photo to try. */
  static DropKind kindOf(List<File> files, boolean canTry) {
    if (files.isEmpty()) {
      return DropKind.NONE;
    }
    if (files.size() == 1) {
      File f = files.get(0);
      if (f.isDirectory() || (f.isFile() && f.getName().toLowerCase(Locale.ROOT).endsWith(".csv"))) {
        return DropKind.DATASET;
      }
      return canTry && f.isFile() ? DropKind.PHOTO : DropKind.NONE;
    }
    return files.stream().allMatch(File::isDirectory) ? DropKind.CLASS_FOLDERS : DropKind.NONE;
  }

  /** Takes a drop; false when it is nothing the page uses now. */
  public boolean drop(List<File> files) {
    if (running.get()) {
      return false;
    }
    switch (kindOf(files, result.get() != null)) {
      case DATASET -> setDataset(files.get(0).toPath());
      case CLASS_FOLDERS -> setClassFolders(files.stream().map(File::toPath).toList());
      case PHOTO -> tryPhoto(files.get(0).toPath());
      default -> {
        return false;
      }
    }
    return true;
  }

  /** A folder of class folders (with or without train/ and test/) or a CSV of path,label. */
  public void setDataset(Path path) {
    if (running.get()) {
      return;
    }
    droppedFolderNames = null;
    source.set(path);
    sourceText.set(path.toString());
    Path folder = path.getParent();
    if (folder != null) {
      services.settings().put(KEY_FOLDER, folder.toString());
    }
    suggestName(nameFor(path));
    read();
  }

  /** Several folders, one per class, dropped together: read through a CSV of path,label in a temporary folder. */
  public void setClassFolders(List<Path> folders) {
    if (running.get()) {
      return;
    }
    List<String> names = folders.stream().map(p -> p.getFileName().toString()).toList();
    droppedFolderNames = names;
    sourceText.set(Messages.text("teach.folders", names.size(), String.join(", ", names)));
    Path parent = folders.get(0).toAbsolutePath().getParent();
    if (parent != null) {
      services.settings().put(KEY_FOLDER, parent.toString());
      suggestName(parent.getFileName() == null ? "" : parent.getFileName().toString());
    }
    startRead(() -> {
      Path csv = writeClassFoldersCsv(folders, csvDir());
      background.onUi(() -> source.set(csv));
      return csv;
    }, false);
  }

  private synchronized Path csvDir() throws IOException {
    if (droppedFoldersCsvDir == null) {
      droppedFoldersCsvDir = Files.createTempDirectory("raut-teach-");
      droppedFoldersCsvDir.toFile().deleteOnExit();
    }
    return droppedFoldersCsvDir;
  }

  /**
   * Writes {@code image,label} rows for every image file in each folder (searched with its
   * sub-folders), labelled with the folder's name, into {@code dir}; returns the CSV.
   */
  static Path writeClassFoldersCsv(List<Path> folders, Path dir) throws IOException {
    StringBuilder csv = new StringBuilder("image,label\n");
    for (Path folder : folders) {
      String label = folder.getFileName().toString();
      List<Path> files;
      try (var walk = Files.walk(folder)) {
        files = walk.filter(Files::isRegularFile).filter(dev.raut.core.image.ImageFiles::hasImageExtension).sorted()
            .toList();
      }
      for (Path file : files) {
        csv.append(quoted(file.toAbsolutePath().toString())).append(',').append(quoted(label)).append('\n');
      }
    }
    Path file = dir.resolve(CLASS_FOLDERS_CSV);
    Files.writeString(file, csv, StandardCharsets.UTF_8);
    file.toFile().deleteOnExit();
    return file;
  }

  private static String quoted(String cell) {
    return "\"" + cell.replace("\"", "\"\"") + "\"";
  }

  private static String nameFor(Path path) {
    String file = path.getFileName() == null ? "" : path.getFileName().toString();
    if (file.toLowerCase(Locale.ROOT).endsWith(".csv")) {
      file = file.substring(0, file.length() - 4);
    }
    return file;
  }

  /** A name from the data, unless the user typed their own. */
  private void suggestName(String suggestion) {
    String current = name.get() == null ? "" : name.get().strip();
    if (current.isEmpty() || current.equals(suggestedName)) {
      name.set(suggestion);
    }
    suggestedName = suggestion;
  }

  private void resplit() {
    TeachingData d = data.get();
    if (source.get() != null && !running.get() && (d == null || !d.ownTestSplit())) {
      Path path = source.get();
      startRead(() -> path, true);
    }
  }

  private void read() {
    Path path = source.get();
    startRead(() -> path, false);
  }

  private interface PathSource {
    Path get() throws IOException;
  }

  /** Reads in the background; {@code keepShown} leaves the summary on screen meanwhile (a new split of the same data). */
  private void startRead(PathSource path, boolean keepShown) {
    readCancelled.set(true);
    AtomicBoolean stop = new AtomicBoolean();
    readCancelled = stop;
    int generation = ++readGeneration;
    double fraction = testFraction.get();
    long s = seed.get();
    reading.set(true);
    problem.set("");
    if (!keepShown) {
      data.set(null);
      classRows.clear();
      warnings.clear();
    }
    clearResult();
    background.run(() -> TeachingData.read(path.get(), fraction, s, stop::get), read -> {
      if (generation == readGeneration) {
        showData(read);
      }
    }, e -> {
      // a cancelled read was replaced by a newer choice
      if (generation == readGeneration && !(e instanceof TeachCancelledException)) {
        refused(e instanceof TeachDataException || e instanceof IOException || e instanceof UncheckedIOException
            || e instanceof IllegalArgumentException ? e.getMessage() : AppServices.rootMessage(e));
      }
    });
  }

  private void refused(String reason) {
    reading.set(false);
    data.set(null);
    classRows.clear();
    warnings.clear();
    problem.set(reason);
  }

  private void showData(TeachingData read) {
    reading.set(false);
    data.set(read);
    Map<String, Integer> test = read.testCounts();
    Map<String, List<Path>> examples = new LinkedHashMap<>();
    read.classes().forEach(c -> examples.put(c, new ArrayList<>()));
    for (TeachingData.Photo p : read.train()) {
      List<Path> list = examples.get(read.classes().get(p.label()));
      if (list.size() < EXAMPLES_PER_CLASS) {
        list.add(p.file());
      }
    }
    List<ClassRow> rows = new ArrayList<>();
    read.trainCounts().forEach((c, n) -> rows.add(new ClassRow(c, n, test.getOrDefault(c, 0), examples.get(c))));
    classRows.setAll(rows);
    warnings.setAll(read.warnings());
  }

  /** The split in words: the data's own test folder, or the stratified part. */
  public String splitText() {
    TeachingData d = data.get();
    if (d != null && d.ownTestSplit()) {
      return Messages.text("teach.split.own");
    }
    return split(testFraction.get(), seed.get());
  }

  // ---- teaching

  /** Starts teaching on the data read; does nothing while a run is going or before the data is read. */
  public void start() {
    TeachingData d = data.get();
    if (d == null || running.get() || reading.get()) {
      return;
    }
    Run run = new Run(d, backbone.get(), new Teacher.Settings(head.get(), augment.get(), seed.get(),
        Math.max(1, Runtime.getRuntime().availableProcessors())), scope.get(), testFraction.get(), droppedFolderNames,
        source.get() != null && source.get().toString().toLowerCase(Locale.ROOT).endsWith(".csv"),
        droppedFolderNames != null);
    AtomicBoolean stop = new AtomicBoolean();
    cancelled = stop;
    clearResult();
    pendingUpdates.clear();
    currentCandidate = null;
    embeddingStarted = 0;
    curve.clear();
    curvesTitle.set(Messages.text("teach.curves"));
    running.set(true);
    problem.set("");
    progress.set(-1);
    stageText.set(Messages.text("teach.starting"));
    etaText.set("");
    services.status().setMessage(Messages.text("teach.starting"));
    background.run(() -> teach(run, stop), done -> taught(run, done), e -> {
      if (e instanceof TeachCancelledException || stop.get()) {
        wasCancelled();
      } else {
        failed(e instanceof TeachDataException ? e.getMessage() : AppServices.rootMessage(e));
      }
    });
  }

  /** Stops the run; nothing is saved. */
  public void cancel() {
    cancelled.set(true);
    if (running.get()) {
      stageText.set(Messages.text("teach.cancelling"));
      etaText.set("");
    }
  }

  /** In the background: progress goes through {@link #post}, the outcome is returned or thrown. */
  private Teacher.Result teach(Run run, AtomicBoolean stop) {
    try (OnnxEmbedder embedder = OnnxEmbedder.open(run.backbone().backbone(), services.modelStore().join(), 1)) {
      FaceDetector faces = null;
      if (run.scope() == ClassifierScope.FACE) {
        faces = services.analyzer().join().engine().leasedFaceDetector(DetectorChoice.AUTO);
      }
      // on the app's analysis threads, taking turns with the gallery: one budget for the machine
      Teacher teacher = new Teacher(embedder, services.embeddings(), faces).on(services.teachLane());
      return teacher.teach(run.data(), run.settings(), new Teacher.Progress() {
        @Override
        public void update(String stage, int n, int total) {
          post(new StageUpdate(stage, n, total, System.nanoTime()));
        }

        @Override
        public void epoch(String candidate, Head.Epoch epoch) {
          post(new EpochUpdate(candidate, epoch));
        }
      }, stop::get);
    }
  }

  private record StageUpdate(String stage, int done, int total, long nanos) {}

  private record EpochUpdate(String candidate, Head.Epoch epoch) {}

  /** Queues an update from a teaching thread; the UI thread takes all queued at once, once per pulse at most. */
  private void post(Object update) {
    pendingUpdates.add(update);
    if (flushScheduled.compareAndSet(false, true)) {
      background.onUi(this::flush);
    }
  }

  private void flush() {
    flushScheduled.set(false);
    StageUpdate last = null;
    List<Head.Epoch> points = new ArrayList<>();
    Object u;
    while ((u = pendingUpdates.poll()) != null) {
      if (!running.get()) {
        continue;
      }
      if (u instanceof StageUpdate s) {
        if (s.stage().equals("embedding") && embeddingStarted == 0) {
          embeddingStarted = s.nanos();
        }
        // photos finish on several threads: keep the highest count of a stage
        if (last == null || !last.stage().equals(s.stage()) || s.done() >= last.done()) {
          last = s;
        }
      } else if (u instanceof EpochUpdate e) {
        if (!e.candidate().equals(currentCandidate)) {
          // a new candidate: the chart follows the one training now
          points.clear();
          curve.clear();
          currentCandidate = e.candidate();
          curvesTitle.set(Messages.text("teach.curves.of", lowerFirst(candidate(e.candidate()))));
          if (!cancelled.get()) {
            stageText.set(Messages.text("teach.training", lowerFirst(candidate(e.candidate()))));
          }
        }
        points.add(e.epoch());
      }
    }
    curve.addAll(points);
    if (last != null && running.get() && !cancelled.get()) {
      showStage(last);
    }
  }

  private void showStage(StageUpdate s) {
    switch (s.stage()) {
      case "embedding" -> {
        progress.set(s.total() == 0 ? 1 : (double) s.done() / s.total());
        stageText.set(Messages.text("teach.embedding", s.done(), s.total()));
        etaText.set(eta(secondsLeft(embeddingStarted, s.nanos(), s.done(), s.total())));
      }
      case "training" -> {
        progress.set(-1);
        etaText.set("");
        if (currentCandidate == null) {
          stageText.set(Messages.text("teach.trainingStarted"));
        }
      }
      case "evaluating" -> {
        progress.set(-1);
        stageText.set(Messages.text("teach.evaluating"));
      }
      case "exporting" -> {
        progress.set(-1);
        stageText.set(Messages.text("teach.exporting"));
      }
      default -> stageText.set(s.stage());
    }
  }

  // ---- the run in words (made when shown, in the current language)

  /** "20 % of each class, drawn with seed 42." */
  static String split(double fraction, long seed) {
    return Messages.text("teach.split", Math.round(100 * fraction), String.valueOf(seed));
  }

  /** "about 40 s left", "about 3 min left"; empty while there is nothing to go by. */
  static String eta(double seconds) {
    if (Double.isNaN(seconds) || Double.isInfinite(seconds) || seconds < 0) {
      return "";
    }
    if (seconds < 60) {
      return Messages.text("teach.eta.seconds", Math.max(1, Math.round(seconds)));
    }
    return Messages.text("teach.eta.minutes", Math.round(seconds / 60));
  }

  /** A head choice in plain words. */
  static String head(HeadTraining.Choice choice) {
    return Messages.text(switch (choice) {
      case AUTO -> "teach.head.auto";
      case LOGREG -> "teach.head.logreg";
      case MLP -> "teach.head.mlp";
    });
  }

  /** A head kind ("logreg", "mlp") in plain words, as it reads inside a sentence. */
  static String headKind(String kind) {
    return Messages.text("mlp".equals(kind) ? "teach.headKind.mlp" : "teach.headKind.logreg");
  }

  /** A candidate the head training tries ("logreg l2=0.01", "mlp") in plain words. */
  static String candidate(String candidate) {
    if (candidate.startsWith("logreg")) {
      int at = candidate.indexOf("l2=");
      try {
        // a number, so it reads in the user's format ("0,01")
        return Messages.text("teach.head.logregPenalty", Double.parseDouble(candidate.substring(at + 3).trim()));
      } catch (IndexOutOfBoundsException | NumberFormatException noPenalty) {
        return Messages.text("teach.head.logreg");
      }
    }
    return "mlp".equals(candidate) ? Messages.text("teach.head.mlp") : candidate;
  }

  static String done(double accuracy) {
    return Double.isNaN(accuracy) ? Messages.text("teach.doneNoTest") : Messages.text("teach.done", percent(accuracy));
  }

  /** "93.4 %" / "93,4%". */
  static String percent(double ratio) {
    return Messages.text("teach.percent", 100 * ratio);
  }

  /** "Logistic regression" → "logistic regression" inside a sentence ("Learning: trying …"). */
  private static String lowerFirst(String words) {
    return words.isEmpty() ? words
        : words.substring(0, 1).toLowerCase(Messages.language().locale()) + words.substring(1);
  }

  /** Seconds left at the rate so far; NaN before the first photo. */
  static double secondsLeft(long startNanos, long nowNanos, int done, int total) {
    if (done <= 0 || startNanos == 0 || nowNanos <= startNanos) {
      return Double.NaN;
    }
    double perPhoto = (nowNanos - startNanos) / 1e9 / done;
    return perPhoto * (total - done);
  }

  private void taught(Run run, Teacher.Result done) {
    pendingUpdates.clear();
    running.set(false);
    progress.set(1);
    etaText.set("");
    lastRun = run;
    curve.setAll(done.training().curves());
    curvesTitle.set(Messages.text("teach.curves.chosen", headKind(done.training().head().kind())));
    // the evaluation first: the view draws the result when it arrives
    evaluation.set(done.report() == null ? null : TeachEvaluation.of(done, modelName()));
    result.set(done);
    stageText.set(done(done.testAccuracy()));
    services.status().setMessage(done(done.testAccuracy()));
  }

  private String modelName() {
    String n = name.get() == null ? "" : name.get().strip();
    return n.isEmpty() ? Messages.text("teach.page") : n;
  }

  private void wasCancelled() {
    pendingUpdates.clear();
    running.set(false);
    progress.set(0);
    etaText.set("");
    stageText.set(Messages.text("teach.cancelled"));
    services.status().setMessage(Messages.text("teach.cancelled"));
  }

  private void failed(String reason) {
    pendingUpdates.clear();
    running.set(false);
    progress.set(0);
    etaText.set("");
    stageText.set("");
    problem.set(Messages.text("teach.failed", reason));
    services.status().setMessage(Messages.text("teach.failed", reason));
  }

  private void clearResult() {
    result.set(null);
    evaluation.set(null);
    cellPhotos.clear();
    cellTitle.set("");
    saved.set(null);
    saveMessage.set("");
    tryPhoto.set(null);
    tryResults.clear();
    tryMessage.set("");
    lastRun = null;
    closeTrial();
  }

  /** Shows the test photos of true class {@code truth} predicted as {@code predicted}. */
  public void showCell(String truth, String predicted) {
    EvaluationResult r = evaluation.get();
    if (r == null) {
      return;
    }
    List<ImagePrediction> files = r.filesIn(truth, predicted);
    cellPhotos.setAll(files);
    cellTitle.set(Messages.text("teach.cell", truth, predicted, files.size()));
  }

  // ---- saving

  /** Saves the last run's model and report under the name given; completes with the library entry. */
  public CompletableFuture<ClassifierLibrary.Entry> save() {
    Teacher.Result r = result.get();
    Run run = lastRun;
    String chosen = name.get() == null ? "" : name.get().strip();
    if (r == null || run == null || saving.get() || saved.get() != null) {
      return CompletableFuture.failedFuture(new IllegalStateException("Nothing to save"));
    }
    if (chosen.isEmpty()) {
      saveMessage.set(Messages.text("teach.nameMissing"));
      return CompletableFuture.failedFuture(new IllegalArgumentException(Messages.text("teach.nameMissing")));
    }
    saving.set(true);
    saveMessage.set(Messages.text("teach.saving"));
    ClassifierLibrary library = services.classifiers();
    CompletableFuture<ClassifierLibrary.Entry> done = new CompletableFuture<>();
    background.run(() -> {
      if (library.list().stream().anyMatch(e -> e.name().equalsIgnoreCase(chosen))) {
        throw new IllegalArgumentException(Messages.text("teach.taken", chosen));
      }
      TeachReportFiles.Summary summary = TeachReportFiles.summary(r, chosen, run.settings(), run.split());
      Map<String, byte[]> files = TeachReportFiles.files(r, summary, new ImageDecoder());
      return library.saveTaught(chosen, r.onnx(), r.spec(), run.scope(), provenance(run, r), files);
    }, entry -> libraryChanged.get().whenComplete((v, error) -> background.onUi(() -> {
      // "saved" once the pages that list models have it
      saving.set(false);
      saved.set(entry);
      saveMessage.set(Messages.text("teach.saved", entry.name()));
      services.status().setMessage(Messages.text("teach.saved", entry.name()));
      done.complete(entry);
    })), error -> {
      saving.set(false);
      saveMessage.set(Messages.text("teach.notSaved", AppServices.rootMessage(error)));
      done.completeExceptionally(error);
    });
    return done;
  }

  /**
   * Where the model came from, as {@code raut teach} writes it on the card: in English whatever the
   * app's language, like every card and report Raut writes (the Models page puts the format into
   * the user's words when it shows it).
   */
  private static ClassifierCards.Provenance provenance(Run run, Teacher.Result r) {
    Backbone b = run.backbone().backbone();
    String from = run.droppedFolders()
        ? run.droppedFolderNames().size() + " class folders: " + String.join(", ", run.droppedFolderNames()) // not user text
        : run.data().source().toAbsolutePath().toString();
    String heldOut = r.report() == null ? "No photos were held back, so there is no test accuracy." // not user text
        : String.format(Locale.ROOT, "Held-out accuracy %.1f%% (balanced %.1f%%) on %d photos.", // not user text
            100 * r.report().accuracy(), 100 * r.report().balancedAccuracy(), r.report().total());
    String what = run.scope() == ClassifierScope.FACE
        ? "each photo's largest face, cut as face classifiers read it," // not user text
        : "the whole photo"; // not user text
    String preprocessing = "The backbone's own input: " + what + " resized to " + b.inputSize() // not user text
        + " × " + b.inputSize() + ", RGB 0 to 255."; // not user text
    String labels = run.droppedFolders() ? "class folders (dropped together)" // not user text
        : run.csv() ? "a CSV of path,label" // not user text
        : run.data().ownTestSplit() ? "class folders (train/ and test/)" : "class folders"; // not user text
    return new ClassifierCards.Provenance(from, dev.raut.app.models.ModelsPresenter.TAUGHT_IN_RAUT, b.displayName(), null, preprocessing, labels, null,
        List.of(r.training().reason(), heldOut, "Backbone licence: " + b.license())); // not user text
  }

  // ---- trying the result

  /** Classifies a photo with the model just taught (saved or not) and shows its top classes. */
  public CompletableFuture<List<ClassPrediction>> tryPhoto(Path photo) {
    Teacher.Result r = result.get();
    Run run = lastRun;
    if (r == null || run == null) {
      return CompletableFuture.failedFuture(new IllegalStateException("Teach first"));
    }
    tryPhoto.set(photo);
    tryResults.clear();
    tryMessage.set(Messages.text("teach.trying"));
    String label = modelName();
    CompletableFuture<List<ClassPrediction>> done = new CompletableFuture<>();
    background.run(() -> classify(r, run.scope(), label, photo), top -> {
      if (tryPhoto.get() == photo) {
        tryResults.setAll(top);
        tryMessage.set("");
      }
      done.complete(top);
    }, error -> {
      if (tryPhoto.get() == photo) {
        tryMessage.set(AppServices.rootMessage(error));
      }
      done.completeExceptionally(error);
    });
    return done;
  }

  private List<ClassPrediction> classify(Teacher.Result r, ClassifierScope scope, String label, Path photo) {
    synchronized (trialLock) {
      if (trialFor != r) {
        closeTrialLocked();
        trialModel = OnnxModel.load(r.onnx(), label, 1);
        trial = new OnnxImageClassifier(label, trialModel, r.spec());
        trialFor = r;
      }
      int side = Math.max(r.spec().width(), r.spec().height());
      DecodeTarget target = scope == ClassifierScope.FACE ? DecodeTarget.fullResolution()
          : DecodeTarget.shortSideAtLeast(side);
      try (DecodedImage image = new ImageDecoder().decode(photo, target)) {
        Mat bgr = image.mat();
        if (scope != ClassifierScope.FACE) {
          return top(trial.classify(bgr));
        }
        FaceDetector faces = services.analyzer().join().engine().leasedFaceDetector(DetectorChoice.AUTO);
        DetectedFace face = faces.detect(bgr).stream()
            .max(Comparator.comparingDouble(f -> f.box().width() * f.box().height())).orElse(null);
        if (face == null) {
          throw new CompletionException(new IllegalArgumentException(Messages.text("teach.noFace")));
        }
        Mat crop = Analyzer.faceClassifierCrop(bgr, face);
        try {
          return top(trial.classify(crop));
        } finally {
          crop.release();
        }
      } catch (ImageDecodeException e) {
        throw new CompletionException(e.getMessage(), e);
      }
    }
  }

  private static List<ClassPrediction> top(List<ClassPrediction> all) {
    return all.stream().sorted(Comparator.comparingDouble(ClassPrediction::score).reversed()).limit(TOP_CLASSES)
        .toList();
  }

  private void closeTrial() {
    background.run(() -> {
      synchronized (trialLock) {
        closeTrialLocked();
      }
      return null;
    }, closed -> { }, error -> { });
  }

  private void closeTrialLocked() {
    if (trialModel != null) {
      trialModel.close();
    }
    trialModel = null;
    trial = null;
    trialFor = null;
  }

  /** Cancels a run or read in progress and waits for it (its ONNX sessions must close first). */
  @Override
  public void close() {
    cancelled.set(true);
    readCancelled.set(true);
    background.close();
    synchronized (trialLock) {
      closeTrialLocked();
    }
  }
}
