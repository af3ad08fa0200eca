package dev.raut.app.evaluate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.raut.app.AppServices;
import dev.raut.app.PresenterServices;
import dev.raut.app.SameThreadTasks;
import dev.raut.core.classify.ClassifierCards;
import dev.raut.core.classify.ClassifierLibrary;
import dev.raut.core.evaluate.EvaluationResult;
import dev.raut.core.evaluate.ImagePrediction;
import dev.raut.core.text.Language;
import dev.raut.core.text.Messages;
import dev.raut.evaluate.report.EvaluationReportFiles;
import dev.raut.testing.GeneratedPhotos;
import dev.raut.testing.TinyClassifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Evaluate page's logic without a window, the FX toolkit or waiting: its background work runs
 * on the test's thread ({@link SameThreadTasks}), its model is the tiny real colour classifier on
 * generated photos, and its engine has an empty model store, so no default model can be used.
 * Photos of "checkers" are mostly green, "stripes" blue and "warm" red to that classifier.
 */
class EvaluatePresenterLogicTest {
  private static final String RENAMES = "checkers=green, stripes=blue, warm=red";

  @TempDir
  Path temp;

  private final List<List<Path>> sentToGallery = new ArrayList<>();
  private PresenterServices app;
  private AppServices services;
  private SameThreadTasks tasks;
  private EvaluatePresenter presenter;

  @BeforeEach
  void open() {
    app = PresenterServices.withoutModels(temp);
    services = app.services();
  }

  @AfterEach
  void close() throws Exception {
    if (presenter != null) {
      presenter.close();
    }
    app.close();
    Messages.setLanguage(Language.ENGLISH);
  }

  private EvaluatePresenter presenter(SameThreadTasks with) {
    tasks = with;
    presenter = new EvaluatePresenter(services, with, sentToGallery::add);
    return presenter;
  }

  /** The colour classifier imported into the library and offered as a task, as the Models page does. */
  private TaskChoice colours(EvaluatePresenter p) throws Exception {
    Path card = TinyClassifier.writeColourClassifier(temp.resolve("model"));
    ClassifierLibrary.Entry entry = services.classifiers().importClassifier("Colours",
        temp.resolve("model/colours.onnx"), ClassifierCards.read(card).spec());
    p.setClassifiers(services.classifiers().list());
    return p.tasks().stream().filter(t -> t.classifier() != null && t.classifier().id().equals(entry.id()))
        .findFirst().orElseThrow();
  }

  /** {@code perKind} generated photos of each kind, one folder per kind. */
  private Path photos(String name, int perKind) throws Exception {
    return GeneratedPhotos.write(temp.resolve(name), GeneratedPhotos.KINDS, perKind, 7);
  }

  @Test
  void aDatasetIsWhatLetsRunStartAndOnlyTheEmotionTaskAsksForADetector() throws Exception {
    EvaluatePresenter p = presenter(SameThreadTasks.queued());
    assertThat(p.canRunProperty().get()).as("no dataset yet").isFalse();
    p.run();
    assertThat(tasks.pending()).as("nothing started without a dataset").isZero();

    Path data = photos("colours", 2);
    Path csv = Files.writeString(temp.resolve("labels.csv"), "image,label\n");
    assertThat(EvaluatePresenter.isDataset(data.toFile())).isTrue();
    assertThat(EvaluatePresenter.isDataset(csv.toFile())).isTrue();
    assertThat(EvaluatePresenter.isDataset(data.resolve("warm/warm_0.png").toFile())).as("a photo").isFalse();
    p.setDataset(data);
    assertThat(p.canRunProperty().get()).isTrue();
    assertThat(p.lastFolder()).as("the choosers open there next time").isEqualTo(temp);

    assertThat(p.taskProperty().get()).isEqualTo(TaskChoice.EMOTION);
    assertThat(p.detectorAppliesProperty().get()).isTrue();
    p.taskProperty().set(TaskChoice.OBJECTS);
    assertThat(p.detectorAppliesProperty().get()).isFalse();
    TaskChoice colours = colours(p);
    assertThat(p.tasks()).containsExactly(TaskChoice.EMOTION, TaskChoice.OBJECTS, colours);
    assertThat(p.taskProperty().get()).as("the choice is kept when classifiers arrive").isEqualTo(TaskChoice.OBJECTS);
    p.taskProperty().set(colours);
    assertThat(p.detectorAppliesProperty().get()).isFalse();

    p.run();
    assertThat(p.runningProperty().get()).isTrue();
    assertThat(p.canRunProperty().get()).as("one run at a time").isFalse();
    p.run();
    assertThat(tasks.pending()).as("a second Run while one goes is ignored").isEqualTo(1);
    tasks.runAll();
    assertThat(tasks.worksRun()).isEqualTo(1);
    assertThat(p.canRunProperty().get()).isTrue();

    // the next start of the app: the classifier saved as the task comes back once the library is read
    EvaluatePresenter again = new EvaluatePresenter(services, SameThreadTasks.immediate(), paths -> {});
    try {
      assertThat(again.taskProperty().get()).as("until the classifiers arrive").isEqualTo(TaskChoice.EMOTION);
      again.setClassifiers(services.classifiers().list());
      assertThat(again.taskProperty().get()).isEqualTo(colours);
      services.classifiers().remove(colours.classifier().id());
      again.setClassifiers(services.classifiers().list());
      assertThat(again.taskProperty().get()).as("its classifier removed").isEqualTo(TaskChoice.EMOTION);
    } finally {
      again.close();
    }
  }

  @Test
  void aRunGoesFromReadingThroughProgressToItsReport() throws Exception {
    EvaluatePresenter p = presenter(SameThreadTasks.queued());
    p.taskProperty().set(colours(p));
    p.labelMapProperty().set(RENAMES);
    p.setDataset(photos("colours", 3));
    List<Boolean> running = new ArrayList<>();
    List<Double> progress = new ArrayList<>();
    List<String> texts = new ArrayList<>();
    p.runningProperty().addListener((obs, old, now) -> running.add(now));
    p.progressProperty().addListener((obs, old, now) -> progress.add(now.doubleValue()));
    p.progressTextProperty().addListener((obs, old, now) -> texts.add(now));

    p.run();
    // the work has not started: this is what the page shows meanwhile
    assertThat(tasks.worksRun()).isZero();
    assertThat(p.runningProperty().get()).isTrue();
    assertThat(p.progressProperty().get()).as("indeterminate").isEqualTo(-1);
    assertThat(p.progressTextProperty().get()).isEqualTo("Reading the dataset…");
    assertThat(services.status().messageProperty().get()).isEqualTo("Evaluating colours…");
    assertThat(p.resultProperty().get()).isNull();

    tasks.runAll();
    EvaluationResult result = p.resultProperty().get();
    assertThat(result.complete()).isTrue();
    assertThat(result.predictions()).hasSize(9);
    assertThat(running).containsExactly(true, false);
    assertThat(texts.get(0)).isEqualTo("Reading the dataset…");
    assertThat(texts.get(1)).isEqualTo("9 images; loading the model…");
    List<String> counting = texts.subList(2, texts.size() - 1);
    assertThat(counting).isNotEmpty().allMatch(t -> t.matches("\\d of 9 images")).last().isEqualTo("9 of 9 images");
    assertThat(texts.get(texts.size() - 1)).isEqualTo("Done in " + EvaluatePresenter.seconds(result));
    assertThat(progress.get(0)).isEqualTo(-1);
    assertThat(progress.subList(1, progress.size())).isSorted().allMatch(v -> v > 0 && v <= 1).last().isEqualTo(1.0);
    assertThat(services.status().messageProperty().get())
        .isEqualTo("Evaluation finished: 9 images in " + EvaluatePresenter.seconds(result));
    assertThat(p.problemProperty().get()).isEmpty();
  }

  @Test
  void cancelMidRunGivesAPartialReportThatSaysSo() throws Exception {
    EvaluatePresenter p = presenter(SameThreadTasks.immediate());
    p.taskProperty().set(colours(p));
    p.setDataset(photos("many", 12));
    List<String> atCancel = new ArrayList<>();
    // Cancel pressed as soon as the first image is counted, while the run goes on
    p.progressProperty().addListener((obs, old, now) -> {
      if (now.doubleValue() > 0 && atCancel.isEmpty()) {
        p.cancel();
        atCancel.add(p.progressTextProperty().get());
      }
    });

    p.run();
    assertThat(atCancel).containsExactly("Cancelling…");
    EvaluationResult result = p.resultProperty().get();
    assertThat(result.complete()).isFalse();
    assertThat(result.dataset().images()).hasSize(36);
    assertThat(result.predictions().size()).isPositive().isLessThan(36);
    assertThat(p.runningProperty().get()).isFalse();
    assertThat(p.progressTextProperty().get())
        .isEqualTo("Cancelled after " + result.predictions().size() + " of 36 images");
    assertThat(services.status().messageProperty().get()).startsWith("Evaluation cancelled: "
        + result.predictions().size() + " images in ");
  }

  @Test
  void aFailedRunSaysWhyInPlainWords() throws Exception {
    EvaluatePresenter p = presenter(SameThreadTasks.immediate());
    TaskChoice colours = colours(p);
    p.taskProperty().set(colours);
    Path missing = temp.resolve("does-not-exist");
    p.setDataset(missing);
    p.run();
    assertThat(p.runningProperty().get()).isFalse();
    assertThat(p.problemProperty().get()).isEqualTo("The dataset " + missing
        + " does not exist: give a folder of class folders or a CSV of image,label rows.");
    assertThat(services.status().messageProperty().get()).isEqualTo("Evaluation failed: " + p.problemProperty().get());
    assertThat(p.progressTextProperty().get()).isEmpty();
    assertThat(p.progressProperty().get()).isZero();
    assertThat(p.resultProperty().get()).isNull();

    Messages.setLanguage(Language.INDONESIAN);
    p.run();
    assertThat(p.problemProperty().get()).isEqualTo("Dataset " + missing
        + " tidak ada: berikan folder berisi folder kelas, atau CSV berisi baris gambar,label.");
    Messages.setLanguage(Language.ENGLISH);

    // a rename without its model label is refused before anything starts
    p.setDataset(photos("colours", 1));
    assertThat(p.problemProperty().get()).as("a new dataset clears the last problem").isEmpty();
    int worksBefore = tasks.worksRun();
    p.labelMapProperty().set("happiness=");
    p.run();
    assertThat(tasks.worksRun()).isEqualTo(worksBefore);
    assertThat(p.runningProperty().get()).isFalse();
    assertThat(p.problemProperty().get()).isEqualTo("In the label map: 'happiness=' is not of the form dataset_label=model_label");

    // the emotion task needs a default model, and this engine has none: the failure comes from inside the run
    p.labelMapProperty().set("");
    p.taskProperty().set(TaskChoice.EMOTION);
    p.run();
    assertThat(p.runningProperty().get()).isFalse();
    assertThat(p.problemProperty().get()).contains("is not in the cache").contains("raut models fetch")
        .doesNotContain("Exception");
    assertThat(p.resultProperty().get()).isNull();
  }

  @Test
  void renamedLabelsMeetTheModelsAndACellGivesItsPhotos() throws Exception {
    EvaluatePresenter p = presenter(SameThreadTasks.immediate());
    p.taskProperty().set(colours(p));
    Path data = photos("colours", 4);
    // one blue-striped photo filed under "warm" (red): the one mistake
    Path misfiled = Files.move(data.resolve("stripes/stripes_0.png"), data.resolve("warm/stripes_0.png"));
    p.setDataset(data);

    p.run();
    EvaluationResult unmapped = p.resultProperty().get();
    assertThat(unmapped.unknownLabels()).containsOnlyKeys("checkers", "stripes", "warm");
    assertThat(unmapped.report().accuracy()).isZero();

    p.labelMapProperty().set(RENAMES);
    p.run();
    EvaluationResult result = p.resultProperty().get();
    assertThat(result).isNotSameAs(unmapped);
    assertThat(result.renamedLabels()).isEqualTo(Map.of("checkers", "green", "stripes", "blue", "warm", "red"));
    assertThat(result.unknownLabels()).isEmpty();
    assertThat(result.report().matrix().count("red", "blue")).isEqualTo(1);
    assertThat(result.report().accuracy()).isEqualTo(11.0 / 12);

    p.showCell("red", "blue");
    assertThat(p.cellPhotos()).extracting(ImagePrediction::file).containsExactly(misfiled);
    assertThat(p.cellTitleProperty().get()).isEqualTo("True red, predicted blue: 1 photo");
    p.showCell("green", "green");
    assertThat(p.cellPhotos()).extracting(ImagePrediction::file)
        .containsExactlyInAnyOrderElementsOf(filesIn(data.resolve("checkers")));
    assertThat(p.cellTitleProperty().get()).isEqualTo("True green, predicted green: 4 photos");
    p.openCellInGallery();
    assertThat(sentToGallery).singleElement().satisfies(paths ->
        assertThat(paths).containsExactlyInAnyOrderElementsOf(filesIn(data.resolve("checkers"))));

    p.run();
    assertThat(p.cellPhotos()).as("a new report starts with no cell chosen").isEmpty();
    assertThat(p.cellTitleProperty().get()).isEmpty();
  }

  @Test
  void exportWritesTheReportOrSaysWhyNot() throws Exception {
    EvaluatePresenter p = presenter(SameThreadTasks.immediate());
    p.taskProperty().set(colours(p));
    p.labelMapProperty().set(RENAMES);
    p.setDataset(photos("colours", 2));
    p.run();

    Path out = temp.resolve("report");
    CompletableFuture<List<Path>> written = p.export(out);
    assertThat(written).isDone();
    assertThat(written.get()).extracting(f -> f.getFileName().toString()).containsExactly(EvaluationReportFiles.JSON,
        EvaluationReportFiles.CSV, EvaluationReportFiles.HEATMAP, EvaluationReportFiles.HTML);
    assertThat(Files.readAllLines(out.resolve(EvaluationReportFiles.CSV))).hasSize(1 + 6);
    assertThat(services.status().messageProperty().get())
        .isEqualTo("Report written to " + out.resolve(EvaluationReportFiles.HTML));

    Path aFile = Files.writeString(temp.resolve("not-a-folder"), "x");
    CompletableFuture<List<Path>> refused = p.export(aFile);
    assertThat(refused).isCompletedExceptionally();
    assertThat(p.problemProperty().get()).startsWith("Cannot write the report to " + aFile + ": ");
  }

  @Test
  void closingThePageClosesItsTasksAndAQueuedRunNeverStarts() throws Exception {
    EvaluatePresenter p = presenter(SameThreadTasks.queued());
    p.taskProperty().set(colours(p));
    p.setDataset(photos("colours", 1));
    p.run();
    p.close();
    presenter = null;
    assertThat(tasks.isClosed()).isTrue();
    assertThat(tasks.runAll()).isZero();
    assertThat(tasks.worksRun()).isZero();
    assertThat(p.resultProperty().get()).isNull();
  }

  private static List<Path> filesIn(Path folder) throws Exception {
    try (var files = Files.list(folder)) {
      return files.sorted().toList();
    }
  }
}
