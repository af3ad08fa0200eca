package dev.raut.app.models;

import static dev.raut.app.AppTestSupport.fx;
import static dev.raut.app.AppTestSupport.fxRun;
import static dev.raut.app.AppTestSupport.samplePhotos;
import static dev.raut.app.AppTestSupport.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.raut.app.AppTestSupport;
import dev.raut.app.gallery.AnalysisChoice;
import dev.raut.app.gallery.GalleryItem;
import dev.raut.app.gallery.GalleryPresenter;
import dev.raut.core.classify.ClassPrediction;
import dev.raut.core.classify.ClassifierCards;
import dev.raut.core.classify.ClassifierLibrary;
import dev.raut.core.classify.ClassifierSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutionException;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** Importing a user's ONNX classifier through the Models page's presenter, then using it in the gallery. */
@ExtendWith(ApplicationExtension.class)
class ClassifierImportTest {
  private static final List<String> COLOURS = List.of("reddish", "greenish", "bluish");

  @TempDir
  Path temp;

  private AppTestSupport app;
  private ModelsPresenter models;
  private GalleryPresenter gallery;

  @Start
  void start(Stage stage) {
    app = new AppTestSupport(stage, temp);
    models = app.window().models();
    gallery = app.window().gallery();
  }

  @AfterEach
  void close() throws Exception {
    app.close();
  }

  @Test
  void importedClassifierIsListedSelectableAndLabelsThePhotos(FxRobot robot) throws Exception {
    Path onnx = TinyClassifier.write(temp.resolve("colours.onnx"));
    ClassifierSpec guessed = models.guessSpec(onnx).get();
    assertThat(guessed.width()).isEqualTo(8);
    assertThat(guessed.height()).isEqualTo(8);
    assertThat(guessed.layout()).isEqualTo(ClassifierSpec.Layout.NCHW);
    assertThat(guessed.labels()).hasSize(3);
    Path labelsFile = Files.write(temp.resolve("labels.txt"), COLOURS);
    ClassifierSpec spec = guessed.withLabels(models.readLabels(labelsFile).get());

    List<ClassPrediction> preview = models.preview(onnx, "Colours", spec, samplePhotos().get(0)).get();
    assertThat(preview).extracting(ClassPrediction::label).containsExactlyInAnyOrderElementsOf(COLOURS);
    assertThat(preview.stream().mapToDouble(ClassPrediction::score).sum()).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-4));

    ClassifierLibrary.Entry entry = models.importClassifier("Colours", onnx, spec).get();
    Path card = temp.resolve("classifiers").resolve(entry.id()).resolve("card.json");
    assertThat(card).isRegularFile();
    assertThat(ClassifierCards.read(card).spec().labels()).isEqualTo(COLOURS);
    waitUntil("listed on the Models page", 10, () -> models.imported().size() == 1);
    waitUntil("offered in the gallery", 10, () -> gallery.choices().stream()
        .anyMatch(c -> c.kind() == AnalysisChoice.Kind.CLASSIFIER && c.classifier().name().equals("Colours")));
    fxRun(() -> app.window().show("Models"));
    TableView<?> table = fx(() -> robot.lookup(".table-view").nth(1).queryAs(TableView.class));
    assertThat(fx(() -> table.getItems().size())).isEqualTo(1);

    fxRun(() -> app.window().show("Gallery"));
    fxRun(() -> gallery.addPaths(samplePhotos().subList(0, 2)));
    assertThat(fx(() -> gallery.chooseClassifier(entry.id()))).isTrue();
    waitUntil("classified", 60, () -> gallery.items().size() == 2 && !gallery.runningProperty().get()
        && gallery.items().stream().allMatch(i -> i.state() == GalleryItem.State.DONE));
    for (GalleryItem item : fx(() -> List.copyOf(gallery.items()))) {
      assertThat(item.result().classes()).extracting(c -> c.label()).containsExactlyInAnyOrderElementsOf(COLOURS);
      assertThat(item.result().faces()).isEmpty();
    }
    List<String> cardLabels = fx(() -> robot.lookup(".card-label").queryAll().stream()
        .filter(n -> n.getParent().isVisible() && n.getParent().getParent().getParent().isVisible())
        .map(n -> ((Label) n).getText()).toList());
    assertThat(cardLabels).isNotEmpty().allMatch(COLOURS::contains);

    // the detail view charts every class of the classifier
    fxRun(() -> gallery.openDetail(gallery.items().get(0)));
    waitUntil("all classes charted", 30, () -> robot.lookup(".detail-view .label").queryAll().stream()
        .anyMatch(n -> "All 3 classes".equals(((Label) n).getText())));
    javafx.scene.chart.BarChart<?, ?> chart = fx(() -> robot.lookup(".chart").queryAs(javafx.scene.chart.BarChart.class));
    assertThat(fx(() -> chart.getData().get(0).getData().stream().map(d -> (String) d.getYValue()).toList()))
        .containsExactlyInAnyOrderElementsOf(COLOURS);
    fxRun(gallery::closeDetail);

    // the gallery's photos loaded it into the engine; removing it frees that session as well
    dev.raut.core.analysis.Engine engine = app.services().analyzer().get().engine();
    int sessions = engine.openSessions();
    // removing it takes it out of the gallery's choices and falls back to faces
    models.remove(fx(() -> models.imported().get(0))).get();
    waitUntil("its session freed", 10, () -> engine.openSessions() == sessions - 1);
    waitUntil("removed", 10, () -> models.imported().isEmpty()
        && gallery.choices().stream().noneMatch(c -> c.kind() == AnalysisChoice.Kind.CLASSIFIER));
    assertThat(fx(() -> gallery.choiceProperty().get())).isEqualTo(AnalysisChoice.FACES);
  }

  @Test
  void modelWhoseOutputDoesNotMatchTheLabelsIsRefusedWithTheReason() throws Exception {
    Path onnx = TinyClassifier.write(temp.resolve("colours.onnx"));
    ClassifierSpec fourLabels = models.guessSpec(onnx).get().withLabels(List.of("a", "b", "c", "d"));
    assertThatThrownBy(() -> models.importClassifier("Wrong", onnx, fourLabels).get())
        .isInstanceOf(ExecutionException.class).hasMessageContaining("outputs 3 classes but its labels list has 4");

    ClassifierSpec wrongSize = new ClassifierSpec(224, 224, ClassifierSpec.Layout.NCHW, ClassifierSpec.ColorOrder.RGB,
        ClassifierSpec.Normalization.ZERO_ONE, null, null, true, COLOURS);
    assertThatThrownBy(() -> models.importClassifier("Wrong size", onnx, wrongSize).get())
        .hasMessageContaining("expects 8 x 8 pixels");

    Path notAModel = Files.writeString(temp.resolve("junk.onnx"), "not a model");
    assertThatThrownBy(() -> models.importClassifier("Junk", notAModel, wrongSize).get())
        .hasMessageContaining("not a model ONNX Runtime can load");

    assertThat(temp.resolve("classifiers")).satisfiesAnyOf(
        p -> assertThat(p).doesNotExist(), p -> assertThat(p).isEmptyDirectory());
  }
}
