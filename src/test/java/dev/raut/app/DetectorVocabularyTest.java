package dev.raut.app;

import static dev.raut.app.AppTestSupport.fx;
import static dev.raut.app.AppTestSupport.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

import dev.raut.core.analysis.DetectorChoice;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import javafx.collections.ObservableList;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.ComboBox;
import javafx.stage.Stage;
import javafx.util.StringConverter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** The gallery, Evaluate and Live name the face detectors alike, and Live starts on Automatic as the gallery does. */
@ExtendWith(ApplicationExtension.class)
class DetectorVocabularyTest {
  @TempDir
  Path temp;

  private AppTestSupport app;

  @Start
  void start(Stage stage) {
    app = new AppTestSupport(stage, temp);
  }

  @AfterEach
  void close() throws Exception {
    app.close();
  }

  @Test
  void everyPageNamesTheDetectorsAlikeAndLiveStartsOnAutomatic(FxRobot robot) {
    AppTestSupport.fxRun(() -> app.window().show("Gallery"));
    @SuppressWarnings("unchecked")
    ComboBox<DetectorChoice> gallery = fx(() -> (ComboBox<DetectorChoice>) app.window().galleryView()
        .lookupAll(".combo-box").stream().filter(n -> "Face detector".equals(n.getAccessibleText())).findFirst()
        .orElseThrow());
    Map<DetectorChoice, String> galleryNames = fx(() -> shown(gallery.getItems(), gallery.getConverter()));

    AppTestSupport.fxRun(() -> app.window().show("Evaluate"));
    @SuppressWarnings("unchecked")
    ComboBox<DetectorChoice> evaluate = fx(() -> robot.lookup("#eval-detector").queryAs(ComboBox.class));
    Map<DetectorChoice, String> evaluateNames = fx(() -> shown(evaluate.getItems(), evaluate.getConverter()));

    AppTestSupport.fxRun(() -> app.window().show("Live"));
    waitUntil("the live view built once the models are up", 120, () -> app.window().live().view().isPresent());
    @SuppressWarnings("unchecked")
    ChoiceBox<DetectorChoice> live = fx(() -> (ChoiceBox<DetectorChoice>) app.window().live().lookup("#live-detector"));
    Map<DetectorChoice, String> liveNames = fx(() -> shown(live.getItems(), live.getConverter()));

    assertThat(galleryNames).containsEntry(DetectorChoice.AUTO, "Automatic (best for photos)");
    assertThat(evaluateNames).containsAllEntriesOf(galleryNames).containsKey(DetectorChoice.NONE);
    assertThat(liveNames).isEqualTo(galleryNames);
    assertThat(evaluateNames.values()).as("plain words, not the enum's names").noneMatch(name -> name.matches("[A-Z]+"));

    assertThat(fx(live::getValue)).isEqualTo(DetectorChoice.AUTO);
    assertThat(fx(() -> live.getItems().get(0))).isEqualTo(DetectorChoice.AUTO);
  }

  /** What a detector box shows for each of its items, in order. */
  private static Map<DetectorChoice, String> shown(ObservableList<DetectorChoice> items,
      StringConverter<DetectorChoice> converter) {
    Map<DetectorChoice, String> names = new LinkedHashMap<>();
    for (DetectorChoice d : items) {
      names.put(d, converter == null ? d.toString() : converter.toString(d));
    }
    return names;
  }
}
