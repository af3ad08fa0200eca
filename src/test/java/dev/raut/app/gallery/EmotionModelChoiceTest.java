package dev.raut.app.gallery;

import static dev.raut.app.AppTestSupport.fx;
import static dev.raut.app.AppTestSupport.fxRun;
import static dev.raut.app.AppTestSupport.samplePhotos;
import static dev.raut.app.AppTestSupport.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

import dev.raut.app.AppSettings;
import dev.raut.app.AppTestSupport;
import dev.raut.app.EmotionModels;
import dev.raut.core.analysis.AnalysisRequest;
import dev.raut.core.analysis.DetectorChoice;
import dev.raut.core.analysis.ImageAnalysis;
import dev.raut.core.classify.ClassifierLibrary;
import dev.raut.core.classify.ClassifierScope;
import dev.raut.core.classify.ClassifierSpec;
import dev.raut.core.classify.ModelImport;
import dev.raut.core.classify.PreparedImport;
import dev.raut.testing.UserModels;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.prefs.Preferences;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * The app-wide emotion model: oarriaga's FER2013 mini-Xception imported as a face classifier (with
 * its author's -1..1 scaling and label names of the user's own) reads the gallery's emotions in
 * the built-in model's place, exactly as the pipeline does with {@code AnalysisRequest.emotionModel};
 * the choice is kept in the settings, and removing the model falls back to the built-in one with a note.
 */
@ExtendWith(ApplicationExtension.class)
class EmotionModelChoiceTest {
  /** The user's names for FER2013's seven classes, so the cards show which model answered. */
  private static final List<String> USER_LABELS =
      List.of("Anger", "Disgust", "Fear", "Happiness", "Sadness", "Surprise", "Calm");
  private static final String NAME = "My FER2013 model";

  @TempDir
  Path temp;

  private AppTestSupport app;
  private GalleryPresenter gallery;
  private Stage stage;

  @Start
  void start(Stage stage) {
    this.stage = stage;
    app = new AppTestSupport(stage, temp);
    gallery = app.window().gallery();
    app.window().show("Gallery");
  }

  @AfterEach
  void close() throws Exception {
    app.close();
  }

  private ClassifierLibrary.Entry importFer() {
    try (PreparedImport prepared = ModelImport.prepare(UserModels.FER2013)) {
      ClassifierSpec spec = prepared.spec().withNormalization(ClassifierSpec.Normalization.MINUS_ONE_ONE)
          .withLabels(USER_LABELS);
      return app.services().classifiers().importPrepared(NAME, prepared, spec, ClassifierScope.FACE);
    }
  }

  private void waitForIdle() {
    waitUntil("the gallery analysed", 120, () -> !gallery.items().isEmpty() && !gallery.runningProperty().get()
        && gallery.items().stream().allMatch(i -> i.state() == GalleryItem.State.DONE));
  }

  private static List<ImageAnalysis.Emotion> emotions(ImageAnalysis result) {
    return result.faces().stream().map(ImageAnalysis.Face::emotion).toList();
  }

  @Test
  void theUsersFaceModelReadsTheEmotionsUntilItIsRemoved(FxRobot robot) throws Exception {
    ClassifierLibrary.Entry fer = importFer();
    app.window().models().refresh().join();
    EmotionModels models = app.services().emotionModels();
    waitUntil("the library's face model offered as emotion model", 20,
        () -> models.options().stream().anyMatch(o -> !o.builtIn() && o.entry().id().equals(fer.id())));
    assertThat(fx(() -> models.options().get(0).label())).isEqualTo(dev.raut.core.text.Messages.text("app.emotion.builtIn"));

    Path photo = samplePhotos().get(0);
    fxRun(() -> gallery.addPaths(List.of(photo)));
    waitForIdle();
    ImageAnalysis builtIn = fx(() -> gallery.items().get(0).result());
    assertThat(builtIn.faces()).isNotEmpty();

    // choose it in the gallery's Emotion list, as a user would
    @SuppressWarnings("unchecked")
    ComboBox<EmotionModels.Option> combo = robot.lookup("#emotion-model").queryAs(ComboBox.class);
    assertThat(fx(combo::isVisible)).isTrue();
    fxRun(() -> combo.getSelectionModel().select(combo.getItems().stream()
        .filter(o -> !o.builtIn() && o.entry().id().equals(fer.id())).findFirst().orElseThrow()));
    waitUntil("the photo analysed again with the user's model", 120, () -> !gallery.runningProperty().get()
        && gallery.items().get(0).state() == GalleryItem.State.DONE
        && gallery.items().get(0).result().faces().stream().allMatch(f -> USER_LABELS.contains(f.emotion().label())));
    ImageAnalysis mine = fx(() -> gallery.items().get(0).result());

    // the same as the pipeline run directly with that emotion model; not the built-in model's answer
    AnalysisRequest direct = AnalysisRequest.facesAndEmotions().withDetector(DetectorChoice.AUTO)
        .withEmotionModel(fer.card().toString());
    assertThat(fx(gallery::request)).isEqualTo(direct);
    ImageAnalysis expected = app.services().analyzer().join().analyze(photo, direct);
    assertThat(emotions(mine)).isEqualTo(emotions(expected));
    assertThat(mine.faces().get(0).emotion().scores().keySet()).containsExactlyElementsOf(USER_LABELS);
    assertThat(builtIn.faces().get(0).emotion().scores().keySet()).doesNotContainAnyElementsOf(USER_LABELS);
    assertThat(emotions(mine)).isNotEqualTo(emotions(builtIn));

    // the card shows the user's labels, and the status bar names the model
    CardView card = fx(() -> robot.lookup(".photo-card").queryAll().stream().map(n -> (CardView) n)
        .filter(c -> c.isVisible() && c.item() != null).findFirst().orElseThrow());
    List<String> overlayLabels = fx(() -> card.lookupAll(".face-box-label").stream()
        .map(n -> ((javafx.scene.text.Text) n).getText().split(" ")[0]).toList());
    assertThat(overlayLabels).isNotEmpty().allMatch(USER_LABELS::contains);
    List<String> barLabels = fx(() -> card.lookupAll(".card-label").stream().filter(n -> n.getParent().isVisible())
        .map(n -> ((Label) n).getText()).toList());
    assertThat(barLabels).isNotEmpty().allMatch(USER_LABELS::contains);
    assertThat(fx(() -> app.services().status().modelInUseProperty().get())).contains(NAME);

    // kept in the settings: a new start (same settings) restores it once the library is read
    AppSettings settings = app.services().settings();
    assertThat(settings.get("emotion.model", null)).isEqualTo(fer.id());
    EmotionModels restarted = fx(() -> {
      EmotionModels m = new EmotionModels(settings);
      m.setClassifiers(app.services().classifiers().list());
      return m;
    });
    assertThat(fx(() -> restarted.card())).isEqualTo(fer.card().toString());

    // removed from the library: back to the built-in model, with a note that says so
    app.window().models().remove(fer).join();
    waitUntil("the built-in model back, with a note", 20, () -> models.inUseProperty().get().builtIn()
        && !models.noteProperty().get().isEmpty());
    assertThat(fx(() -> models.noteProperty().get())).contains(NAME).contains("built-in");
    Label note = robot.lookup("#emotion-note").queryAs(Label.class);
    assertThat(fx(() -> note.isVisible() && note.getParent().isVisible() && note.getText().contains(NAME))).isTrue();
    assertThat(fx(() -> combo.getValue().builtIn())).isTrue();
    assertThat(fx(() -> combo.getItems().stream().filter(o -> !o.builtIn()).count())).isZero();
    assertThat(settings.get("emotion.model", null)).isEqualTo("builtin");
    waitUntil("the photo analysed again with the built-in model", 120, () -> !gallery.runningProperty().get()
        && gallery.items().get(0).state() == GalleryItem.State.DONE
        && emotions(gallery.items().get(0).result()).equals(emotions(builtIn)));
    assertThat(fx(gallery::request).emotionModel()).isNull();

    // a later start with the saved id of a model that is gone falls back the same way
    Preferences prefs = Preferences.userRoot().node("dev/raut/test/" + UUID.randomUUID());
    try {
      AppSettings stale = new AppSettings(prefs);
      stale.put("emotion.model", fer.id());
      stale.put("emotion.modelName", NAME);
      EmotionModels gone = fx(() -> {
        EmotionModels m = new EmotionModels(stale);
        m.setClassifiers(List.of());
        return m;
      });
      assertThat(fx(() -> gone.inUseProperty().get().builtIn())).isTrue();
      assertThat(fx(() -> gone.noteProperty().get())).contains(NAME);
      assertThat(stale.get("emotion.model", null)).isEqualTo("builtin");
    } finally {
      prefs.removeNode();
    }
    fxRun(models::dismissNote);
    assertThat(fx(() -> note.getParent().isVisible())).isFalse();
  }

  @Test
  void aBuiltInNetworkChosenByNameReadsTheEmotionsAndIsKept(FxRobot robot) {
    EmotionModels models = app.services().emotionModels();
    fxRun(() -> models.setClassifiers(List.of()));
    Path photo = samplePhotos().get(0);
    fxRun(() -> gallery.addPaths(List.of(photo)));
    waitForIdle();
    AnalysisRequest best = fx(gallery::request);
    assertThat(best.builtInEmotion()).isNull();

    @SuppressWarnings("unchecked")
    ComboBox<EmotionModels.Option> combo = robot.lookup("#emotion-model").queryAs(ComboBox.class);
    assertThat(fx(() -> combo.getItems().stream().map(EmotionModels.Option::label).toList())).contains(
        dev.raut.core.text.Messages.text("app.emotion.builtIn"),
        dev.raut.core.text.Messages.text("app.emotion.builtIn.mini-xception"),
        dev.raut.core.text.Messages.text("app.emotion.builtIn.face-expression"),
        dev.raut.core.text.Messages.text("app.emotion.builtIn.blend"));
    fxRun(() -> combo.getSelectionModel().select(combo.getItems().stream()
        .filter(o -> o.model() == dev.raut.core.emotion.EmotionModel.MINI_XCEPTION).findFirst().orElseThrow()));
    AnalysisRequest direct = best.withBuiltInEmotion(dev.raut.core.emotion.EmotionModel.MINI_XCEPTION);
    assertThat(fx(gallery::request)).isEqualTo(direct);
    ImageAnalysis expected = app.services().analyzer().join().analyze(photo, direct);
    waitUntil("the photo analysed again with mini-Xception", 120, () -> !gallery.runningProperty().get()
        && gallery.items().get(0).state() == GalleryItem.State.DONE
        && emotions(gallery.items().get(0).result()).equals(emotions(expected)));
    assertThat(fx(() -> app.services().status().modelInUseProperty().get()))
        .contains(dev.raut.core.text.Messages.text("app.emotion.builtIn.mini-xception"));

    // kept in the settings and chosen again at the next start
    AppSettings settings = app.services().settings();
    assertThat(settings.get("emotion.model", null)).isEqualTo("builtin:mini-xception");
    EmotionModels restarted = fx(() -> {
      EmotionModels m = new EmotionModels(settings);
      m.setClassifiers(List.of());
      return m;
    });
    assertThat(fx(() -> restarted.inUseProperty().get().model())).isEqualTo(dev.raut.core.emotion.EmotionModel.MINI_XCEPTION);
    assertThat(fx(() -> restarted.noteProperty().get())).isEmpty();
  }

  @Test
  void theEmotionListFitsTheToolbarOfA1000By700Window(FxRobot robot) {
    ClassifierLibrary.Entry fer = importFer();
    app.window().models().refresh().join();
    waitUntil("the face model offered", 20, () -> app.services().emotionModels().options().stream().anyMatch(o -> !o.builtIn()));
    fxRun(() -> {
      stage.setWidth(1000);
      stage.setHeight(700);
      app.services().emotionModels().choose(fer.id());
    });
    org.testfx.util.WaitForAsyncUtils.waitForFxEvents();
    @SuppressWarnings("unchecked")
    ComboBox<EmotionModels.Option> combo = robot.lookup("#emotion-model").queryAs(ComboBox.class);
    Node clear = robot.lookup("Clear all").queryAs(Node.class);
    for (Node node : List.of(combo, clear)) {
      waitUntil("on screen in the toolbar", 10, () -> {
        Bounds b = node.localToScene(node.getBoundsInLocal());
        return node.getScene() != null && node.isVisible() && b.getMinX() >= 0
            && b.getMaxX() <= node.getScene().getWidth() + 0.5 && b.getWidth() > 20;
      });
    }
    Set<Node> overflow = fx(() -> robot.lookup(".tool-bar-overflow-button").queryAll().stream()
        .filter(Node::isVisible).collect(java.util.stream.Collectors.toSet()));
    assertThat(overflow).as("toolbar overflow menu").isEmpty();
    assertThat(fx(() -> combo.getValue().label())).isEqualTo(NAME);
  }
}
