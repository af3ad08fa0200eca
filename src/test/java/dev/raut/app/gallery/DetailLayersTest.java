package dev.raut.app.gallery;

import static dev.raut.app.AppTestSupport.fx;
import static dev.raut.app.AppTestSupport.fxRun;
import static dev.raut.app.AppTestSupport.samplePhotos;
import static dev.raut.app.AppTestSupport.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

import dev.raut.app.AppTestSupport;
import java.nio.file.Path;
import javafx.scene.Node;
import javafx.scene.control.CheckBox;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** The detail view's switches offer only the layers the photo has: no "Objects" ticked when objects were not analysed. */
@ExtendWith(ApplicationExtension.class)
class DetailLayersTest {
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

  @Test
  void aSwitchWhoseLayerThePhotoLacksIsNeitherTickedNorUsable(FxRobot robot) {
    fxRun(() -> gallery.addPaths(samplePhotos().subList(0, 1)));
    waitUntil("analysed", 120, () -> gallery.items().size() == 1
        && gallery.items().get(0).state() == GalleryItem.State.DONE && !gallery.runningProperty().get());
    assertThat(fx(() -> gallery.items().get(0).result().objects())).as("objects were not asked").isEmpty();
    fxRun(() -> gallery.openDetail(gallery.items().get(0)));
    Node detail = fx(() -> robot.lookup(".detail-view").query());
    CheckBox faces = switchNamed(detail, "Faces");
    CheckBox objects = switchNamed(detail, "Objects");
    CheckBox landmarks = fx(() -> (CheckBox) detail.lookup("#show-landmarks"));
    assertThat(fx(faces::isSelected)).isTrue();
    assertThat(fx(faces::isDisabled)).isFalse();
    assertThat(fx(objects::isSelected)).as("Objects ticked on a photo without objects").isFalse();
    assertThat(fx(objects::isDisabled)).isTrue();
    assertThat(fx(landmarks::isSelected)).as("landmarks were not asked").isFalse();
    assertThat(fx(landmarks::isDisabled)).isTrue();
  }

  private static CheckBox switchNamed(Node detail, String text) {
    return fx(() -> detail.lookupAll(".check-box").stream().map(n -> (CheckBox) n)
        .filter(c -> text.equals(c.getText())).findFirst().orElseThrow());
  }
}
