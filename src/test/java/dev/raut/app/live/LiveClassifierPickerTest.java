package dev.raut.app.live;

import dev.raut.core.text.Messages;
import static dev.raut.app.AppTestSupport.fx;
import static dev.raut.app.AppTestSupport.fxRun;
import static dev.raut.app.AppTestSupport.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

import dev.raut.app.AppTestSupport;
import dev.raut.app.EmotionModels;
import dev.raut.core.analysis.AnalysisRequest;
import dev.raut.core.classify.ClassifierLibrary;
import dev.raut.core.classify.ClassifierScope;
import dev.raut.core.classify.ClassifierSpec;
import dev.raut.core.classify.ModelImport;
import dev.raut.core.classify.PreparedImport;
import dev.raut.testing.UserModels;
import java.nio.file.Path;
import java.util.List;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * Live in the main window: its analysis list offers the library's classifiers by name (and still
 * "From a file…"), follows the library, and its emotions come from the app's emotion model.
 */
@ExtendWith(ApplicationExtension.class)
class LiveClassifierPickerTest {
  private static final String NAME = "My FER2013 model";

  @TempDir
  Path temp;

  private AppTestSupport app;
  private Stage stage;

  @Start
  void start(Stage stage) {
    this.stage = stage;
    app = new AppTestSupport(stage, temp);
    app.window().show("Live");
  }

  @AfterEach
  void close() throws Exception {
    app.close();
  }

  @Test
  void thePickerListsTheLibrarysClassifiersAndTheEmotionModelReachesThePipeline(FxRobot robot) {
    ClassifierLibrary.Entry fer;
    try (PreparedImport prepared = ModelImport.prepare(UserModels.FER2013)) {
      ClassifierSpec spec = prepared.spec().withNormalization(ClassifierSpec.Normalization.MINUS_ONE_ONE)
          .withLabels(UserModels.FER2013_LABELS);
      fer = app.services().classifiers().importPrepared(NAME, prepared, spec, ClassifierScope.FACE);
    }
    app.window().models().refresh().join();
    waitUntil("the Live view up", 60, () -> app.window().live().view().isPresent());
    LiveView view = fx(() -> app.window().live().view().orElseThrow());
    waitUntil("the library in Live's list", 20, () -> view.analysisChoices().contains(Messages.text("live.mode.perFace", NAME)));
    assertThat(fx(view::analysisChoices)).containsExactly(Messages.text("live.mode.faces"), Messages.text("live.mode.objects"),
        Messages.text("live.mode.perFace", NAME), Messages.text("live.mode.pickFile"));

    // a library classifier by name: no file chooser, its card runs on each face next to the emotion
    assertThat(fx(() -> view.chooseAnalysis(Messages.text("live.mode.perFace", NAME)))).isTrue();
    String card = fer.card().toString();
    waitUntil("the classifier in the live request", 20, () -> card.equals(view.presenter().requestInUse().classifier()));
    AnalysisRequest perFace = fx(() -> view.presenter().requestInUse());
    assertThat(perFace.faces()).isTrue();
    assertThat(perFace.emotionModel()).isNull();

    // the app's emotion model (chosen in the gallery, or here) reads Live's emotions too
    EmotionModels models = app.services().emotionModels();
    fxRun(() -> assertThat(models.choose(fer.id())).isTrue());
    waitUntil("the emotion model in the live request", 20, () -> card.equals(view.presenter().requestInUse().emotionModel()));
    fxRun(() -> view.chooseAnalysis(Messages.text("live.mode.faces")));
    waitUntil("faces and emotions by the user's model", 20, () -> view.presenter().requestInUse().classifier() == null
        && card.equals(view.presenter().requestInUse().emotionModel()));
    fxRun(() -> view.chooseAnalysis(Messages.text("live.mode.objects")));
    waitUntil("objects: no emotions", 20, () -> !view.presenter().requestInUse().faces());

    // fits a 1000 x 700 window
    fxRun(() -> {
      view.chooseAnalysis(Messages.text("live.mode.perFace", NAME));
      stage.setWidth(1000);
      stage.setHeight(700);
    });
    for (String id : List.of("#live-mode", "#live-emotion-model")) {
      Node node = robot.lookup(id).query();
      waitUntil(id + " inside the window", 10, () -> {
        Bounds b = node.localToScene(node.getBoundsInLocal());
        return b.getMinX() >= 0 && b.getMaxX() <= node.getScene().getWidth() + 0.5 && b.getWidth() > 20;
      });
    }
    Node record = robot.lookup("Record").query();
    waitUntil("Record inside the window", 10, () -> record.localToScene(record.getBoundsInLocal()).getMaxX()
        <= record.getScene().getWidth() + 0.5);

    // removed from the library: gone from the list, Live goes back to faces and emotions (built-in)
    app.window().models().remove(fer).join();
    waitUntil("the classifier gone from Live", 20, () -> !view.analysisChoices().contains(Messages.text("live.mode.perFace", NAME))
        && view.presenter().requestInUse().classifier() == null && view.presenter().requestInUse().emotionModel() == null
        && view.presenter().requestInUse().emotions());
    assertThat(fx(() -> view.presenter().noticeProperty().get())).contains(NAME);
  }
}
