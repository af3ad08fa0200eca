package dev.raut.app.gallery;

import static dev.raut.app.AppTestSupport.fx;
import static dev.raut.app.AppTestSupport.fxRun;
import static dev.raut.app.AppTestSupport.samplePhotos;
import static dev.raut.app.AppTestSupport.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

import dev.raut.app.AppTestSupport;
import dev.raut.core.analysis.ImageAnalysis;
import java.nio.file.Path;
import java.util.List;
import javafx.scene.Node;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.shape.Circle;
import javafx.scene.text.Text;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** Age/gender and landmarks in the gallery: asked for with the face bar's boxes, shown on the cards and in the detail view. */
@ExtendWith(ApplicationExtension.class)
class FaceExtrasViewTest {
  @TempDir
  Path temp;

  private AppTestSupport app;
  private GalleryPresenter gallery;

  @Start
  void start(Stage stage) {
    app = new AppTestSupport(stage, temp);
    gallery = app.window().gallery();
    app.window().show("Gallery");
  }

  @AfterEach
  void close() throws Exception {
    app.close();
  }

  private void waitForIdle(int photos) {
    waitUntil(photos + " photos analysed", 120, () -> gallery.items().size() == photos
        && gallery.items().stream().allMatch(i -> i.state() == GalleryItem.State.DONE)
        && !gallery.runningProperty().get());
  }

  private List<CardView> cards(FxRobot robot) {
    return fx(() -> robot.lookup(".photo-card").queryAll().stream().map(n -> (CardView) n)
        .filter(c -> c.isVisible() && c.item() != null).toList());
  }

  @Test
  void cardsShowAgeAndGenderOnlyWhenAskedFor(FxRobot robot) {
    fxRun(() -> gallery.addPaths(samplePhotos().subList(2, 3)));
    waitForIdle(1);
    ImageAnalysis plain = fx(() -> gallery.items().get(0).result());
    assertThat(plain.faces()).isNotEmpty().allMatch(f -> f.age() == null && f.gender() == null && f.landmarks68().isEmpty());
    assertThat(fx(() -> ((Label) cards(robot).get(0).lookup(".card-headline")).getText())).isEqualTo(
        plain.faces().size() + " faces");

    robot.clickOn("#age-gender");
    assertThat(fx(() -> gallery.request().ageGender())).isTrue();
    assertThat(fx(() -> gallery.request().landmarks())).isFalse();
    waitUntil("analysed again with age and gender", 120, () -> gallery.items().get(0).state() == GalleryItem.State.DONE
        && gallery.items().get(0).result().faces().stream().allMatch(f -> f.age() != null));
    ImageAnalysis aged = fx(() -> gallery.items().get(0).result());
    CardView card = cards(robot).get(0);
    String headline = fx(() -> ((Label) card.lookup(".card-headline")).getText());
    // "3 faces · 27 y F, 31 y F, 29 y F": one age and gender per face, in the face order
    String expected = aged.faces().size() + " faces · " + String.join(", ", aged.faces().stream()
        .map(f -> Math.round(f.age()) + " y " + (f.gender().label().equals("female") ? "F" : "M")).toList());
    assertThat(headline).isEqualTo(expected);
    assertThat(aged.faces()).allMatch(f -> f.age() > 5 && f.age() < 90 && f.gender().score() >= 0.5);
    List<String> tags = fx(() -> card.lookupAll(".face-box-label").stream().map(n -> ((Text) n).getText()).toList());
    assertThat(tags).hasSize(aged.faces().size()).allMatch(t -> t.matches(".+ · \\d+ y [FM]"));
    // the choice is remembered
    assertThat(app.services().settings().getBoolean("gallery.ageGender", false)).isTrue();
  }

  @Test
  void theDetailViewDrawsTheSixtyEightLandmarksOfEachFace(FxRobot robot) {
    fxRun(() -> gallery.landmarksProperty().set(true));
    fxRun(() -> gallery.addPaths(samplePhotos().subList(0, 1)));
    waitForIdle(1);
    ImageAnalysis r = fx(() -> gallery.items().get(0).result());
    assertThat(r.faces()).isNotEmpty().allMatch(f -> f.landmarks68().size() == 68);
    assertThat(fx(() -> cards(robot).get(0).lookupAll(".landmark"))).as("no landmarks on cards").isEmpty();

    fxRun(() -> gallery.openDetail(gallery.items().get(0)));
    Node detail = fx(() -> robot.lookup(".detail-view").query());
    waitUntil("landmarks drawn", 10, () -> detail.lookupAll(".landmark").size() == 68 * r.faces().size());
    // each dot sits inside its face's box, as drawn on the screen
    List<Circle> dots = fx(() -> detail.lookupAll(".landmark").stream().map(n -> (Circle) n).toList());
    List<javafx.scene.shape.Rectangle> boxes = fx(() -> detail.lookupAll(".face-box").stream()
        .map(n -> (javafx.scene.shape.Rectangle) n).toList());
    for (int f = 0; f < r.faces().size(); f++) {
      javafx.scene.shape.Rectangle box = boxes.get(f);
      double slack = box.getWidth() * 0.25; // the jaw line reaches a little past the detector's box
      assertThat(dots.subList(68 * f, 68 * (f + 1))).allMatch(d -> d.getCenterX() > box.getX() - slack
          && d.getCenterX() < box.getX() + box.getWidth() + slack && d.getCenterY() > box.getY() - slack
          && d.getCenterY() < box.getY() + box.getHeight() + slack);
    }
    fxRun(() -> ((CheckBox) detail.lookup("#show-landmarks")).setSelected(false));
    assertThat(fx(() -> detail.lookupAll(".landmark"))).isEmpty();
  }
}
