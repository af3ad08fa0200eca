package dev.raut.app.teach;

import static dev.raut.app.AppTestSupport.fx;
import static dev.raut.app.AppTestSupport.fxRun;
import static dev.raut.app.AppTestSupport.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

import dev.raut.app.evaluate.ConfusionHeatmapView;
import dev.raut.app.gallery.AnalysisChoice;
import dev.raut.app.gallery.PhotoLoader;
import dev.raut.core.classify.ClassPrediction;
import dev.raut.core.classify.ClassifierLibrary;
import dev.raut.core.classify.ClassifierScope;
import dev.raut.core.evaluate.EvaluationResult;
import dev.raut.core.teach.Teacher;
import dev.raut.core.teach.TeachingData;
import dev.raut.core.text.Language;
import dev.raut.core.text.Messages;
import dev.raut.evaluate.report.TeachReportFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import javafx.collections.ListChangeListener;
import javafx.event.Event;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.image.ImageView;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.GridPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * The Teach page on the real fast backbone (MobileNetV3, from the model cache): photos the test
 * makes (three kinds that look different), dropped on the page, summarised, taught, tested on the
 * held-back photos, saved to the library (and so offered in the gallery at once) and tried; a
 * cancelled run leaves the library empty; a one-class folder is refused in plain words.
 */
@ExtendWith(ApplicationExtension.class)
class TeachViewTest {
  @TempDir
  Path temp;

  private TeachTestSupport app;
  private TeachPresenter presenter;

  @Start
  void start(Stage stage) {
    app = new TeachTestSupport(stage, temp);
    presenter = app.window().teach();
  }

  @AfterEach
  void close() throws Exception {
    app.close();
  }

  private TeachView view(FxRobot robot) {
    return fx(() -> (TeachView) robot.lookup(".teach-view").query());
  }

  /** The class grid's rows as "name train test". */
  private List<String> gridRows(FxRobot robot) {
    return fx(() -> {
      GridPane grid = robot.lookup("#teach-classes").queryAs(GridPane.class);
      List<Node> names = grid.getChildren().stream().filter(n -> n.getStyleClass().contains("teach-class-name")).toList();
      return names.stream().map(n -> {
        int row = GridPane.getRowIndex(n);
        String train = text(grid, row, 1);
        String test = text(grid, row, 2);
        return ((Label) n).getText() + " " + train + " " + test;
      }).toList();
    });
  }

  private static String text(GridPane grid, int row, int column) {
    return grid.getChildren().stream().filter(n -> GridPane.getRowIndex(n) == row && GridPane.getColumnIndex(n) == column)
        .map(n -> ((Label) n).getText()).findFirst().orElseThrow();
  }

  @Test
  void droppedFolderIsSummarisedTaughtSavedToTheLibraryAndTried(FxRobot robot) throws Exception {
    robot.push(KeyCode.SHORTCUT, KeyCode.T);
    waitUntil("the Teach page shown by Ctrl+T", 10, () -> robot.lookup(".teach-view").tryQuery().isPresent());
    Path data = TeachTestSupport.makeDataset(temp.resolve("kinds"), TeachTestSupport.KINDS, 12, 1);
    assertThat(fx(() -> TeachTestSupport.drop(view(robot), List.of(data)))).isTrue();
    waitUntil("the data read", 60, () -> presenter.dataProperty().get() != null);

    TeachingData read = fx(() -> presenter.dataProperty().get());
    assertThat(read.classes()).containsExactlyElementsOf(TeachTestSupport.KINDS);
    assertThat(read.ownTestSplit()).isFalse();
    assertThat(read.train().size() + read.test().size()).isEqualTo(36);
    assertThat(fx(() -> ((Label) robot.lookup("#teach-summary").query()).getText()))
        .isEqualTo(Messages.text("teach.summary", 3, read.train().size(), read.test().size()));
    assertThat(gridRows(robot)).containsExactlyElementsOf(TeachTestSupport.KINDS.stream()
        .map(k -> k + " " + read.trainCounts().get(k) + " " + read.testCounts().get(k)).toList());
    assertThat(read.testCounts().values()).allMatch(n -> n >= 2);
    assertThat(fx(() -> robot.lookup("#teach-split-held").query().isVisible())).isTrue();
    assertThat(fx(() -> presenter.nameProperty().get())).isEqualTo("kinds");
    // a few photos per class, decoded in the background
    waitUntil("the example photos shown", 30, () -> {
      List<ImageView> views = robot.lookup(".teach-class-examples").queryAll().stream()
          .flatMap(n -> ((javafx.scene.layout.HBox) n).getChildren().stream()).map(n -> (ImageView) n).toList();
      return views.size() == 3 * TeachPresenter.EXAMPLES_PER_CLASS && views.stream().allMatch(v -> v.getImage() != null);
    });

    robot.clickOn("#teach-backbone").clickOn(TeachPresenter.BackboneChoice.FAST.label());
    assertThat(fx(() -> presenter.backboneProperty().get())).isEqualTo(TeachPresenter.BackboneChoice.FAST);
    robot.doubleClickOn("#teach-name").write("kinds of pattern");
    waitUntil("the name typed", 10, () -> presenter.nameProperty().get().equals("kinds of pattern"));

    AtomicInteger livePoints = new AtomicInteger();
    AtomicInteger embeddingUpdates = new AtomicInteger();
    fxRun(() -> {
      presenter.curve().addListener((ListChangeListener<Object>) c -> {
        while (c.next()) {
          if (presenter.runningProperty().get()) {
            livePoints.addAndGet(c.getAddedSize());
          }
        }
      });
      presenter.stageTextProperty().addListener((obs, old, now) -> {
        if (now.startsWith("Reading the photos with the network")) {
          embeddingUpdates.incrementAndGet();
        }
      });
    });
    robot.clickOn("#teach-start");
    assertThat(fx(() -> presenter.runningProperty().get())).isTrue();
    waitUntil("the teaching finished", 300, () -> !presenter.runningProperty().get());
    assertThat(fx(() -> presenter.problemProperty().get())).isEmpty();
    Teacher.Result result = fx(() -> presenter.resultProperty().get());
    assertThat(result).isNotNull();
    assertThat(livePoints.get()).as("curve points reached the chart while learning").isPositive();
    assertThat(embeddingUpdates.get()).as("embedding progress shown").isPositive();
    assertThat(result.testAccuracy()).as("held-out accuracy; chance is 1/3").isGreaterThan(0.8);
    assertThat(fx(() -> ((Label) robot.lookup("#teach-accuracy").query()).getText())).isEqualTo("Accuracy on "
        + read.test().size() + " test photos " + TeachPresenter.percent(result.report().accuracy())
        + " · Balanced accuracy " + TeachPresenter.percent(result.report().balancedAccuracy()));
    assertThat(fx(() -> ((Label) robot.lookup("#teach-head-reason").query()).getText()))
        .contains(TeachPresenter.headKind(result.training().head().kind())).contains(result.training().reason());
    assertThat(fx(() -> presenter.curve().size())).isEqualTo(result.training().curves().size()).isPositive();

    // the confusion matrix: a cell's photos
    EvaluationResult evaluation = fx(() -> presenter.evaluationProperty().get());
    ConfusionHeatmapView.Cell warm = fx(() -> robot.lookup("#teach-heatmap .heatmap-cell").queryAll().stream()
        .map(n -> (ConfusionHeatmapView.Cell) n).filter(c -> c.truth().equals("warm") && c.predicted().equals("warm"))
        .findFirst().orElseThrow());
    assertThat(warm.count()).isEqualTo(evaluation.report().matrix().count("warm", "warm")).isPositive();
    fxRun(() -> TeachView.reveal(warm));
    robot.clickOn(warm);
    waitUntil("the cell's photos", 10, () -> presenter.cellPhotos().size() == warm.count());
    List<Path> shown = fx(() -> robot.lookup("#teach-cell-photos").queryAs(javafx.scene.layout.FlowPane.class)
        .getChildren().stream().map(n -> (Path) n.getUserData()).toList());
    assertThat(shown).hasSize(warm.count()).allMatch(p -> p.getParent().getFileName().toString().equals("warm"));

    // save: in the library with its report, on the Models page and among the gallery's choices
    fxRun(() -> TeachView.reveal(robot.lookup("#teach-save").query()));
    robot.clickOn("#teach-save");
    waitUntil("saved", 120, () -> presenter.savedProperty().get() != null
        || presenter.saveMessageProperty().get().startsWith("Not saved"));
    ClassifierLibrary.Entry entry = fx(() -> presenter.savedProperty().get());
    assertThat(entry).as(fx(() -> presenter.saveMessageProperty().get())).isNotNull();
    assertThat(entry.name()).isEqualTo("kinds of pattern");
    List<ClassifierLibrary.Entry> library = app.services().classifiers().list();
    assertThat(library).extracting(ClassifierLibrary.Entry::name).containsExactly("kinds of pattern");
    assertThat(library.get(0).scope()).isEqualTo(ClassifierScope.IMAGE);
    assertThat(library.get(0).spec().labels()).containsExactlyElementsOf(TeachTestSupport.KINDS);
    Path folder = entry.card().getParent();
    assertThat(folder.resolve(TeachReportFiles.SUMMARY)).isRegularFile();
    assertThat(folder.resolve(TeachReportFiles.CURVES)).isRegularFile();
    assertThat(Files.readString(entry.card())).contains("Taught in Raut").contains("MobileNetV3");
    assertThat(fx(() -> app.window().models().imported().stream().map(ClassifierLibrary.Entry::name).toList()))
        .containsExactly("kinds of pattern");
    assertThat(fx(() -> app.window().gallery().choices().stream().filter(c -> c.kind() == AnalysisChoice.Kind.CLASSIFIER)
        .map(c -> c.classifier().name()).toList())).containsExactly("kinds of pattern");
    assertThat(fx(() -> ((Label) robot.lookup("#teach-save-message").query()).getText()))
        .isEqualTo(Messages.text("teach.saved", "kinds of pattern"));
    assertThat(fx(() -> robot.lookup("#teach-save").query().isDisabled())).as("saved once").isTrue();

    // try it: a photo dropped on the page
    Path stripes = temp.resolve("try-stripes");
    TeachTestSupport.makeDataset(stripes, List.of("stripes"), 1, 99);
    Path photo = stripes.resolve("stripes").resolve("stripes_0.png");
    assertThat(fx(() -> TeachTestSupport.drop(view(robot), List.of(photo)))).isTrue();
    waitUntil("the photo classified", 60, () -> !presenter.tryResults().isEmpty()
        || !presenter.tryMessageProperty().get().equals(Messages.text("teach.trying")));
    List<ClassPrediction> top = fx(() -> List.copyOf(presenter.tryResults()));
    assertThat(top).as(fx(() -> presenter.tryMessageProperty().get())).hasSize(3);
    assertThat(top.get(0).label()).isEqualTo("stripes");
    assertThat(fx(() -> robot.lookup(".teach-try-class").queryAll().stream()
        .map(n -> ((ClassPrediction) n.getUserData()).label()).toList())).containsExactlyElementsOf(
            top.stream().map(ClassPrediction::label).toList());

    // after a language change the window builds the page again from its presenter: the result is all there
    try {
      TeachView again = fx(() -> {
        Messages.setLanguage(Language.INDONESIAN);
        return offscreen(new TeachView(presenter, new PhotoLoader(app.services().ioPool())));
      });
      assertThat(fx(() -> ((Label) again.lookup("#teach-accuracy")).getText())).isEqualTo("Akurasi pada "
          + read.test().size() + " foto uji " + TeachPresenter.percent(result.report().accuracy())
          + " · Akurasi seimbang " + TeachPresenter.percent(result.report().balancedAccuracy()));
      assertThat(TeachPresenter.percent(0.934)).isEqualTo("93,4%");
      assertThat(fx(() -> again.lookupAll("#teach-heatmap .heatmap-cell").size())).isEqualTo(9);
      assertThat(fx(() -> again.lookupAll(".teach-try-class").size())).isEqualTo(3);
      assertThat(fx(() -> ((javafx.scene.control.Button) again.lookup("#teach-save")).getText()))
          .isEqualTo("Simpan ke pustaka");
      assertThat(fx(() -> again.lookup("#teach-save").isDisabled())).as("still saved once").isTrue();
      assertThat(fx(() -> ((Label) again.lookup("#teach-cell-title")).getText())).as("made when clicked, in English")
          .startsWith("True warm, predicted warm");
      assertThat(fx(() -> ((javafx.scene.layout.FlowPane) again.lookup("#teach-cell-photos")).getChildren().size()))
          .isEqualTo(warm.count());
    } finally {
      fxRun(() -> Messages.setLanguage(Language.ENGLISH));
    }
  }

  /** A view in a scene of its own, laid out, so that its scroll pane's content can be looked up. */
  private static <T extends javafx.scene.Parent> T offscreen(T view) {
    new Scene(view, 1000, 700);
    view.applyCss();
    view.layout();
    return view;
  }

  @Test
  void aPageBuiltAgainInIndonesianMidRunFollowsTheRunInIndonesian(FxRobot robot) throws Exception {
    fxRun(() -> app.window().show(TeachView.PAGE));
    Path data = TeachTestSupport.makeDataset(temp.resolve("many"), TeachTestSupport.KINDS, 60, 2);
    fxRun(() -> presenter.setDataset(data));
    waitUntil("the data read", 60, () -> presenter.dataProperty().get() != null);
    TeachingData read = fx(() -> presenter.dataProperty().get());
    robot.clickOn("#teach-start");
    waitUntil("photos being embedded", 120, () -> presenter.progressProperty().get() > 0);
    try {
      TeachView again = fx(() -> {
        Messages.setLanguage(Language.INDONESIAN);
        return offscreen(new TeachView(presenter, new PhotoLoader(app.services().ioPool())));
      });
      assertThat(fx(() -> ((Label) again.lookup("#teach-summary")).getText())).isEqualTo("3 kelas, "
          + read.train().size() + " foto untuk dipelajari, " + read.test().size() + " untuk diuji.");
      assertThat(fx(() -> again.lookupAll(".teach-class-name").stream().map(n -> ((Label) n).getText()).toList()))
          .containsExactlyElementsOf(TeachTestSupport.KINDS);
      assertThat(fx(() -> ((javafx.scene.control.Button) again.lookup("#teach-start")).getText()))
          .isEqualTo("Mulai mengajari");
      assertThat(fx(() -> again.lookup("#teach-start").isDisabled())).as("the run goes on").isTrue();
      assertThat(fx(() -> again.lookup("#teach-progress").isVisible())).isTrue();
      assertThat(fx(() -> again.lookup("#teach-settings").isDisabled())).isTrue();
      assertThat(fx(() -> ((Label) again.lookup("#teach-source")).getText())).isEqualTo(data.toString());
      // the presenter's next words come in Indonesian, on the new view and the old one alike
      waitUntil("progress in Indonesian", 60, () -> !presenter.runningProperty().get()
          || ((Label) again.lookup("#teach-stage")).getText().startsWith("Membaca foto dengan jaringan:"));
      assertThat(fx(() -> presenter.runningProperty().get())).as("still running, so the words above were live").isTrue();
      assertThat(fx(() -> ((Label) robot.lookup("#teach-stage").query()).getText())).startsWith("Membaca foto");
      fxRun(presenter::cancel);
      waitUntil("the run stopped", 60, () -> !presenter.runningProperty().get());
      assertThat(fx(() -> ((Label) again.lookup("#teach-stage")).getText()))
          .isEqualTo("Dibatalkan; tidak ada yang disimpan.");
    } finally {
      fxRun(() -> Messages.setLanguage(Language.ENGLISH));
    }
    assertLibraryEmpty();
  }

  @Test
  void cancelLeavesTheLibraryEmpty(FxRobot robot) throws Exception {
    fxRun(() -> app.window().show(TeachView.PAGE));
    // enough photos that the run cannot end before Cancel lands
    Path data = TeachTestSupport.makeDataset(temp.resolve("many"), TeachTestSupport.KINDS, 60, 2);
    fxRun(() -> presenter.setDataset(data));
    waitUntil("the data read", 60, () -> presenter.dataProperty().get() != null);
    robot.clickOn("#teach-start");
    waitUntil("photos being embedded", 120, () -> presenter.progressProperty().get() > 0);
    robot.clickOn("#teach-cancel");
    waitUntil("the run stopped", 60, () -> !presenter.runningProperty().get());
    assertThat(fx(() -> presenter.resultProperty().get())).isNull();
    assertThat(fx(() -> ((Label) robot.lookup("#teach-stage").query()).getText())).isEqualTo(Messages.text("teach.cancelled"));
    assertThat(fx(() -> robot.lookup("#teach-save").tryQuery().isPresent())).isFalse();
    assertLibraryEmpty();

    // again, cancelled with Esc
    assertThat(fx(() -> robot.lookup("#teach-start").query().isDisabled())).isFalse();
    robot.clickOn("#teach-start");
    waitUntil("running again", 30, () -> presenter.runningProperty().get());
    fxRun(() -> Event.fireEvent(view(robot), new KeyEvent(KeyEvent.KEY_PRESSED, "", "", KeyCode.ESCAPE, false, false,
        false, false)));
    waitUntil("the run stopped by Esc", 60, () -> !presenter.runningProperty().get());
    assertThat(fx(() -> presenter.stageTextProperty().get())).isEqualTo(Messages.text("teach.cancelled"));
    assertThat(fx(() -> presenter.resultProperty().get())).isNull();
    assertLibraryEmpty();
  }

  private void assertLibraryEmpty() throws Exception {
    assertThat(app.services().classifiers().list()).isEmpty();
    Path root = app.services().classifiers().root();
    if (Files.exists(root)) {
      try (Stream<Path> left = Files.list(root)) {
        assertThat(left.toList()).as("nothing half-written").isEmpty();
      }
    }
  }

  @Test
  void oneClassIsRefusedInPlainWordsAndClassFoldersDroppedTogetherAreRead(FxRobot robot) throws Exception {
    fxRun(() -> app.window().show(TeachView.PAGE));
    Path one = TeachTestSupport.makeDataset(temp.resolve("only-warm"), List.of("warm"), 5, 3);
    assertThat(fx(() -> TeachTestSupport.drop(view(robot), List.of(one)))).isTrue();
    waitUntil("the refusal", 60, () -> !presenter.problemProperty().get().isEmpty());
    assertThat(fx(() -> ((Label) robot.lookup("#teach-problem").query()).getText()))
        .contains("Only one class (warm)").contains("at least two classes");
    assertThat(fx(() -> robot.lookup("#teach-start").query().isDisabled())).isTrue();
    assertThat(fx(() -> robot.lookup("#teach-data").query().isVisible())).isFalse();

    // several class folders at once, one of them small (a warning), with a photo filed under two classes
    Path parent = TeachTestSupport.makeDataset(temp.resolve("loose"), List.of("checkers", "stripes"), 12, 4);
    Path few = TeachTestSupport.makeDataset(temp.resolve("loose"), List.of("warm"), 6, 5).resolve("warm");
    Files.copy(few.resolve("warm_0.png"), parent.resolve("stripes").resolve("copy_of_warm.png"));
    List<Path> folders = List.of(parent.resolve("checkers"), parent.resolve("stripes"), few);
    assertThat(fx(() -> TeachTestSupport.drop(view(robot), folders))).isTrue();
    waitUntil("the folders read", 60, () -> presenter.dataProperty().get() != null);
    assertThat(fx(() -> presenter.problemProperty().get())).isEmpty();
    assertThat(fx(() -> ((Label) robot.lookup("#teach-source").query()).getText()))
        .isEqualTo(Messages.text("teach.folders", 3, "checkers, stripes, warm"));
    TeachingData read = fx(() -> presenter.dataProperty().get());
    assertThat(read.classes()).containsExactly("checkers", "stripes", "warm");
    assertThat(read.trainCounts().get("checkers") + read.testCounts().get("checkers")).isEqualTo(12);
    // the duplicate is left out of both classes
    assertThat(read.trainCounts().get("stripes") + read.testCounts().get("stripes")).isEqualTo(12);
    assertThat(read.trainCounts().get("warm") + read.testCounts().get("warm")).isEqualTo(5);
    List<String> warnings = fx(() -> List.copyOf(presenter.warnings()));
    assertThat(warnings).anyMatch(w -> w.contains("warm") && w.contains("10"))
        .anyMatch(w -> w.contains("stripes and warm"));
    assertThat(fx(() -> robot.lookup("#teach-warnings").queryListView().getItems())).containsExactlyElementsOf(warnings);
    assertThat(fx(() -> robot.lookup("#teach-start").query().isDisabled())).isFalse();

    // a new split draws the test photos again
    int testBefore = read.test().size();
    fxRun(() -> presenter.testFractionProperty().set(0.5));
    waitUntil("read again with half held back", 60, () -> !presenter.readingProperty().get()
        && presenter.dataProperty().get() != null && presenter.dataProperty().get().test().size() != testBefore);
    TeachingData half = fx(() -> presenter.dataProperty().get());
    assertThat(half.testCounts().get("checkers")).isEqualTo(6);
  }
}
