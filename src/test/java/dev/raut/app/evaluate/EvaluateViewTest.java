package dev.raut.app.evaluate;

import static dev.raut.app.AppTestSupport.fx;
import static dev.raut.app.AppTestSupport.fxRun;
import static dev.raut.app.AppTestSupport.samplePhotos;
import static dev.raut.app.AppTestSupport.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

import com.sun.javafx.scene.input.DragboardHelper;
import com.sun.javafx.tk.Toolkit;
import dev.raut.app.AppTestSupport;
import dev.raut.app.gallery.GalleryItem;
import dev.raut.app.models.ModelsPresenter;
import dev.raut.app.models.TinyClassifier;
import dev.raut.core.classify.ClassifierLibrary;
import dev.raut.core.evaluate.EvaluationTask;
import dev.raut.core.evaluate.ConfusionMatrix;
import dev.raut.core.evaluate.EvaluationResult;
import dev.raut.core.evaluate.ImagePrediction;
import dev.raut.core.text.Language;
import dev.raut.core.text.Messages;
import dev.raut.evaluate.report.EvaluationReportFiles;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javafx.event.Event;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TableView;
import javafx.scene.input.DataFormat;
import javafx.scene.input.DragEvent;
import javafx.scene.input.Dragboard;
import javafx.scene.input.TransferMode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * The Evaluate page on the real object detector: a labelled folder built from the sample photos
 * (all show people; two are deliberately filed under "cat", one file is broken), dropped on the
 * page, run, and its report read back from the page.
 */
@ExtendWith(ApplicationExtension.class)
class EvaluateViewTest {
  @TempDir
  Path temp;

  private AppTestSupport app;
  private EvaluatePresenter presenter;

  @Start
  void start(Stage stage) {
    app = new AppTestSupport(stage, temp);
    presenter = app.window().evaluate();
    app.window().show("Evaluate");
  }

  @AfterEach
  void close() throws Exception {
    app.close();
  }

  private Path buildDataset() throws Exception {
    Path data = temp.resolve("people");
    Path person = Files.createDirectories(data.resolve("person"));
    Path cat = Files.createDirectories(data.resolve("cat"));
    List<Path> samples = samplePhotos();
    for (int i = 0; i < 4; i++) {
      Files.copy(samples.get(i), person.resolve(samples.get(i).getFileName()));
    }
    Files.copy(samples.get(4), cat.resolve("mislabelled-5.jpg"));
    Files.copy(samples.get(5), cat.resolve("mislabelled-6.jpg"));
    byte[] jpeg = Files.readAllBytes(samples.get(0));
    Files.write(person.resolve("broken.jpg"), Arrays.copyOf(jpeg, jpeg.length / 3));
    return data;
  }

  @Test
  void droppedFolderRunsAndShowsSummaryHeatmapCellPhotosErrorsAndExports(FxRobot robot) throws Exception {
    Path data = buildDataset();
    EvaluateView view = fx(() -> (EvaluateView) robot.lookup(".evaluate-view").query());
    boolean completed = fx(() -> {
      Dragboard board = DragboardHelper.createDragboard(Toolkit.getToolkit().createLocalClipboard());
      board.setContent(Map.of(DataFormat.FILES, List.<File>of(data.toFile())));
      DragEvent drop = new DragEvent(DragEvent.DRAG_DROPPED, board, 300, 300, 300, 300, TransferMode.COPY, null, view, null);
      Event.fireEvent(view, drop);
      return drop.isDropCompleted();
    });
    assertThat(completed).isTrue();
    assertThat(fx(() -> ((Label) robot.lookup("#eval-dataset").query()).getText())).isEqualTo(data.toString());

    robot.clickOn("#eval-task").clickOn(TaskChoice.OBJECTS.label());
    assertThat(fx(() -> presenter.taskProperty().get())).isEqualTo(TaskChoice.OBJECTS);
    assertThat(fx(() -> robot.lookup("#eval-detector").query().isDisabled())).as("detector only matters for emotion").isTrue();
    robot.clickOn("#eval-run");
    waitUntil("the evaluation finished", 180, () -> presenter.resultProperty().get() != null);

    EvaluationResult result = fx(() -> presenter.resultProperty().get());
    assertThat(result.complete()).isTrue();
    assertThat(result.predictions()).hasSize(7);
    assertThat(result.errors()).extracting(ImagePrediction::name).containsExactly("person/broken.jpg");
    ConfusionMatrix matrix = result.report().matrix();
    // the six sample photos are of people: the detector's top object is a person on (nearly) all of them
    int personRight = matrix.count("person", "person");
    int catAsPerson = matrix.count("cat", "person");
    assertThat(personRight).isBetween(3, 4);
    assertThat(catAsPerson).isBetween(1, 2);
    long correct = result.predicted().stream().filter(ImagePrediction::correct).count();
    assertThat(result.report().accuracy()).isEqualTo((double) correct / result.predicted().size());

    String summary = fx(() -> ((Label) robot.lookup("#eval-summary").query()).getText());
    assertThat(summary).contains("Accuracy " + EvaluateView.percent(result.report().accuracy()))
        .contains("Balanced accuracy " + EvaluateView.percent(result.report().balancedAccuracy()))
        .contains("Macro F1 " + EvaluateView.percent(result.report().macroAverage().f1()));
    List<String> tableLabels = fx(() -> ((TableView<?>) robot.lookup("#eval-classes").query()).getItems().stream()
        .map(c -> ((dev.raut.core.evaluate.ClassMetrics) c).label()).toList());
    assertThat(tableLabels).contains("cat", "person");

    ConfusionHeatmapView.Cell cell = fx(() -> robot.lookup(".heatmap-cell").queryAll().stream()
        .map(n -> (ConfusionHeatmapView.Cell) n)
        .filter(c -> c.truth().equals("cat") && c.predicted().equals("person")).findFirst().orElseThrow());
    assertThat(fx(() -> ((Label) cell.getChildren().get(0)).getText())).isEqualTo(String.valueOf(catAsPerson));
    assertThat(fx(() -> robot.lookup(".heatmap-cell").queryAll().size())).isEqualTo(matrix.size() * matrix.size());

    robot.clickOn(cell);
    waitUntil("the cell's photos shown", 10, () -> presenter.cellPhotos().size() == catAsPerson);
    List<Path> shown = fx(() -> robot.lookup("#eval-cell-photos").queryAs(javafx.scene.layout.FlowPane.class)
        .getChildren().stream().map(n -> (Path) n.getUserData()).toList());
    assertThat(shown).hasSize(catAsPerson)
        .containsExactlyInAnyOrderElementsOf(result.filesIn("cat", "person").stream().map(ImagePrediction::file).toList())
        .allMatch(p -> p.getParent().getFileName().toString().equals("cat"));
    assertThat(fx(() -> ((Label) robot.lookup("#eval-cell-title").query()).getText()))
        .isEqualTo("True cat, predicted person: " + catAsPerson + (catAsPerson == 1 ? " photo" : " photos"));

    List<?> errors = fx(() -> List.copyOf(((ListView<?>) robot.lookup("#eval-errors").query()).getItems()));
    assertThat(errors).hasSize(1);

    Path out = temp.resolve("report");
    List<Path> written = presenter.export(out).get(120, TimeUnit.SECONDS);
    assertThat(written).extracting(p -> p.getFileName().toString()).containsExactly(EvaluationReportFiles.JSON,
        EvaluationReportFiles.CSV, EvaluationReportFiles.HEATMAP, EvaluationReportFiles.HTML);
    String html = Files.readString(out.resolve(EvaluationReportFiles.HTML), StandardCharsets.UTF_8);
    assertThat(html).contains("person").contains("broken.jpg");
    assertThat(Files.readAllLines(out.resolve(EvaluationReportFiles.CSV))).hasSize(1 + 7);

    robot.clickOn("#eval-cell-gallery");
    waitUntil("the cell's photos in the gallery", 60, () -> app.window().gallery().items().size() == catAsPerson);
    assertThat(fx(() -> app.window().gallery().items().stream().map(GalleryItem::path).toList()))
        .containsExactlyInAnyOrderElementsOf(shown);
    assertThat(fx(() -> app.window().galleryView().getScene() != null)).as("the gallery page is showing").isTrue();
  }

  @Test
  void cancelStopsTheRunAndAMissingDatasetIsExplained(FxRobot robot) throws Exception {
    fxRun(() -> presenter.setDataset(temp.resolve("does-not-exist")));
    robot.clickOn("#eval-run");
    waitUntil("the failure shown", 60, () -> !presenter.runningProperty().get() && !presenter.problemProperty().get().isEmpty());
    String problem = fx(() -> ((Label) robot.lookup("#eval-problem").query()).getText());
    assertThat(problem).contains("does-not-exist");
    assertThat(fx(() -> presenter.resultProperty().get())).isNull();

    // enough photos that the run cannot end before Cancel lands, even on a fast machine
    int total = 300;
    Path data = Files.createDirectories(temp.resolve("many/person"));
    List<Path> originals = samplePhotos().stream().map(p -> copyInto(p, temp)).toList();
    for (int i = 0; i < total; i++) {
      Path target = data.resolve("p" + i + ".jpg");
      try {
        Files.createLink(target, originals.get(i % originals.size()));
      } catch (UnsupportedOperationException | java.io.IOException e) {
        Files.copy(originals.get(i % originals.size()), target);
      }
    }
    fxRun(() -> {
      presenter.setDataset(data.getParent());
      presenter.taskProperty().set(TaskChoice.OBJECTS);
    });
    robot.clickOn("#eval-run");
    waitUntil("some images done", 120, () -> presenter.progressProperty().get() > 0);
    robot.clickOn("#eval-cancel");
    waitUntil("the cancelled report", 60, () -> presenter.resultProperty().get() != null);
    EvaluationResult result = fx(() -> presenter.resultProperty().get());
    assertThat(result.complete()).isFalse();
    assertThat(result.dataset().images()).hasSize(total);
    assertThat(result.predictions().size()).isPositive().isLessThan(total);
    assertThat(fx(() -> ((Label) robot.lookup("#eval-counts").query()).getText())).startsWith("Cancelled");
  }

  @Test
  void anImportedClassifierIsOfferedAsATaskAndScored(FxRobot robot) throws Exception {
    List<String> colours = List.of("reddish", "greenish", "bluish");
    ModelsPresenter models = app.window().models();
    Path onnx = TinyClassifier.write(temp.resolve("colours.onnx"));
    ClassifierLibrary.Entry entry = models.importClassifier("Colours", onnx,
        models.guessSpec(onnx).get().withLabels(colours)).get();
    waitUntil("offered on the Evaluate page", 10, () -> presenter.tasks().stream()
        .anyMatch(t -> t.task() == EvaluationTask.CLASSIFY && t.classifier().id().equals(entry.id())));

    Path data = temp.resolve("colours");
    Files.createDirectories(data.resolve("reddish"));
    Files.createDirectories(data.resolve("bluish"));
    Files.copy(samplePhotos().get(0), data.resolve("reddish/a.jpg"));
    Files.copy(samplePhotos().get(1), data.resolve("reddish/b.jpg"));
    Files.copy(samplePhotos().get(2), data.resolve("bluish/c.jpg"));
    fxRun(() -> presenter.setDataset(data));
    robot.clickOn("#eval-task").clickOn("Classifier: Colours");
    assertThat(fx(() -> app.services().settings().get("evaluate.task", ""))).as("remembered")
        .isEqualTo("classifier:" + entry.id());
    robot.clickOn("#eval-run");
    waitUntil("the evaluation finished", 120, () -> presenter.resultProperty().get() != null);

    EvaluationResult result = fx(() -> presenter.resultProperty().get());
    assertThat(result.model()).isEqualTo("Colours");
    assertThat(result.predicted()).hasSize(3);
    assertThat(result.predicted()).extracting(ImagePrediction::predicted).allMatch(colours::contains);
    assertThat(result.report().total()).isEqualTo(3);
    assertThat(fx(() -> robot.lookup(".heatmap-cell").queryAll().size()))
        .isEqualTo(result.report().matrix().size() * result.report().matrix().size());

    // after a language change the window builds the page again from its presenter: the report is all there
    try {
      EvaluateView again = fx(() -> {
        Messages.setLanguage(Language.INDONESIAN);
        EvaluateView built = new EvaluateView(presenter);
        new javafx.scene.Scene(built, 1000, 700);
        built.applyCss();
        built.layout();
        return built;
      });
      assertThat(fx(() -> ((Label) again.lookup("#eval-summary")).getText()))
          .isEqualTo("Akurasi " + EvaluateView.percent(result.report().accuracy()) + " · Akurasi seimbang "
              + EvaluateView.percent(result.report().balancedAccuracy()) + " · F1 makro "
              + EvaluateView.percent(result.report().macroAverage().f1()));
      assertThat(EvaluateView.percent(0.5)).isEqualTo("50,0%");
      assertThat(fx(() -> ((Label) again.lookup("#eval-counts")).getText())).startsWith("Colours pada colours · 3 dari 3")
          .contains("tidak ada kelas: 0").contains("galat: 0");
      assertThat(fx(() -> again.lookupAll(".heatmap-cell").size()))
          .isEqualTo(result.report().matrix().size() * result.report().matrix().size());
      assertThat(fx(() -> ((javafx.scene.control.Button) again.lookup("#eval-run")).getText())).isEqualTo("Jalankan");
      assertThat(fx(() -> ((TableView<?>) again.lookup("#eval-classes")).getColumns().get(0).getText())).isEqualTo("Kelas");
      assertThat(fx(() -> ((javafx.scene.control.ComboBox<?>) again.lookup("#eval-task")).getValue().toString()))
          .isEqualTo("Pengklasifikasi: Colours");
      String truth = result.report().matrix().labels().get(0);
      fxRun(() -> presenter.showCell(truth, truth));
      int count = result.report().matrix().count(truth, truth);
      assertThat(fx(() -> ((Label) again.lookup("#eval-cell-title")).getText()))
          .isEqualTo("Sebenarnya " + truth + ", diprediksi " + truth + ": " + count + " foto");
      // the built-in models' labels are shown in the user's language, a user's classifier's as they are
      assertThat(TaskChoice.display(EvaluationTask.EMOTION, "happy")).isEqualTo("senang");
      assertThat(TaskChoice.display(EvaluationTask.OBJECTS, "traffic light")).isEqualTo("lampu lalu lintas");
      assertThat(TaskChoice.display(EvaluationTask.CLASSIFY, "happy")).isEqualTo("happy");
    } finally {
      fxRun(() -> Messages.setLanguage(Language.ENGLISH));
    }
  }

  private static Path copyInto(Path file, Path folder) {
    try {
      return Files.copy(file, folder.resolve(file.getFileName()));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
