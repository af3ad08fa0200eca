package dev.raut.app;

import static dev.raut.app.AppTestSupport.fx;
import static dev.raut.app.AppTestSupport.fxRun;
import static dev.raut.app.AppTestSupport.samplePhotos;
import static dev.raut.app.AppTestSupport.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

import dev.raut.app.gallery.GalleryItem;
import dev.raut.app.gallery.GalleryPresenter;
import dev.raut.app.gallery.GalleryView;
import dev.raut.core.analysis.ImageAnalysis;
import dev.raut.core.classify.ClassifierLibrary;
import dev.raut.core.text.Language;
import dev.raut.core.text.Messages;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.prefs.Preferences;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.Labeled;
import javafx.scene.control.MenuButton;
import javafx.scene.control.ToggleButton;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * The language menu in the navigation: the whole window speaks Indonesian at once, the gallery's
 * photos, their results, the selection and the open photo stay, and English comes back the same way.
 */
@ExtendWith(ApplicationExtension.class)
class LanguageSwitchTest {
  private static final List<String> NAV_IDS = List.of("#nav-gallery", "#nav-people", "#nav-live", "#nav-models",
      "#nav-evaluate", "#nav-teach");
  private static final Set<String> EMOTIONS_ID = Set.of("marah", "jijik", "takut", "senang", "sedih", "terkejut", "netral");
  private static final Set<String> EMOTIONS_EN = Set.of("angry", "disgust", "fear", "happy", "sad", "surprise", "neutral");

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
    Messages.setLanguage(Language.ENGLISH); // the other tests read English
  }

  @Test
  void choosingIndonesianRelabelsTheWindowAndKeepsTheGallery(FxRobot robot) {
    fxRun(() -> gallery.addPaths(samplePhotos()));
    waitUntil("six photos analysed", 120, () -> gallery.items().size() == 6 && !gallery.runningProperty().get()
        && gallery.items().stream().allMatch(i -> i.state() == GalleryItem.State.DONE));
    List<ImageAnalysis> results = fx(() -> gallery.items().stream().map(GalleryItem::result).toList());
    GalleryItem opened = fx(() -> gallery.items().get(2));
    fxRun(() -> {
      gallery.select(opened, false, false);
      gallery.openDetail(opened);
    });
    GalleryView before = fx(() -> app.window().galleryView());
    assertThat(navTexts(robot)).containsExactly("Gallery", "People", "Live", "Models", "Evaluate", "Teach");

    robot.clickOn("#language");
    robot.clickOn("Bahasa Indonesia");

    waitUntil("the navigation in Indonesian", 10, () -> navTexts(robot).get(0).equals("Galeri"));
    assertThat(Messages.language()).isEqualTo(Language.INDONESIAN);
    assertThat(navTexts(robot)).containsExactly("Galeri", "Orang", "Langsung", "Model", "Evaluasi", "Ajari");
    assertThat(fx(() -> robot.lookup("#language").queryAs(MenuButton.class).getText())).isEqualTo("Indonesia");
    assertThat(fx(() -> dev.raut.app.AppTestSupport.textCut(robot.lookup("#language").queryAs(MenuButton.class))))
        .as("the language's name shown whole in the navigation").isFalse();
    assertThat(fx(() -> AppTestSupport.textCut(robot.lookup("#language").queryAs(MenuButton.class))))
        .as("the language menu's name fits the navigation").isFalse();
    assertThat(app.services().settings().get(MainWindow.KEY_LANGUAGE, null)).as("remembered for the next start")
        .isEqualTo("id");

    // the same page, a new view of the same photos
    GalleryView after = fx(() -> app.window().galleryView());
    assertThat(after).isNotSameAs(before);
    assertThat(fx(() -> before.getScene())).as("the old view left the window").isNull();
    assertThat(fx(() -> after.getScene())).isNotNull();
    assertThat(fx(() -> app.window().currentPage())).isEqualTo("Gallery");
    assertThat(fx(() -> ((ToggleButton) robot.lookup("#nav-gallery").query()).isSelected())).isTrue();
    assertThat(text(after, "#add-photos")).isEqualTo("Tambah foto…");
    assertThat(text(after, "#add-folder")).isEqualTo("Tambah folder…");
    assertThat(text(after, "#export")).isEqualTo("Ekspor");
    assertThat(text(after, "#clear-all")).isEqualTo("Kosongkan");

    assertThat(fx(() -> gallery.items().stream().map(GalleryItem::result).toList())).as("no photo analysed again")
        .containsExactlyElementsOf(results);
    assertThat(fx(() -> gallery.items().get(2).isSelected())).isTrue();
    List<Node> cards = fx(() -> after.lookupAll(".photo-card").stream().filter(Node::isVisible).toList());
    assertThat(cards).as("every photo still has its card").hasSize(6);
    for (Node card : cards) {
      assertThat(fx(() -> ((Label) card.lookup(".card-state")).getText())).isEqualTo("Selesai");
      List<String> labels = fx(() -> card.lookupAll(".card-label").stream().filter(n -> n.getParent().isVisible())
          .map(n -> ((Label) n).getText()).toList());
      assertThat(labels).as("emotions in Indonesian").isNotEmpty().allMatch(EMOTIONS_ID::contains);
    }
    assertThat(fx(() -> app.services().status().countsProperty().get())).startsWith("6 foto · 6 selesai");
    assertThat(fx(() -> app.services().status().engineStateProperty().get())).isIn("Model siap", "Memuat model…");

    // the photo that was open is open in the new view, in Indonesian
    Node detail = fx(() -> after.lookup(".detail-view"));
    assertThat(detail).isNotNull();
    assertThat(fx(detail::isVisible)).isTrue();
    assertThat(fx(() -> detail.lookupAll(".title-3").stream().map(n -> ((Label) n).getText()).toList()))
        .contains(opened.fileName());
    assertThat(fx(() -> detail.lookupAll(".check-box").stream().map(n -> ((Labeled) n).getText()).toList()))
        .contains("Wajah", "Titik kunci", "Objek");
    fxRun(gallery::closeDetail);

    // the longer Indonesian words still fit the gallery's two toolbars in a 1000 x 700 window
    fxRun(() -> {
      stage.setWidth(1000);
      stage.setHeight(700);
    });
    org.testfx.util.WaitForAsyncUtils.waitForFxEvents();
    assertThat(fx(() -> after.lookupAll(".tool-bar-overflow-button").stream().filter(Node::isVisible).count()))
        .as("toolbar overflow menus").isZero();
    assertThat(fx(() -> AppTestSupport.textCut((Labeled) after.lookup("#face-extras")))).isFalse();

    // page ids stay English in either language
    fxRun(() -> app.window().show("People"));
    assertThat(fx(() -> ((ToggleButton) robot.lookup("#nav-people").query()).isSelected())).isTrue();
    assertThat(app.services().settings().get("window.page", null)).isEqualTo("People");
    fxRun(() -> app.window().show("Gallery"));
    assertThat(fx(() -> app.window().galleryView().getScene())).isNotNull();

    robot.clickOn("#language");
    robot.clickOn("English");

    waitUntil("the navigation in English", 10, () -> navTexts(robot).get(0).equals("Gallery"));
    assertThat(navTexts(robot)).containsExactly("Gallery", "People", "Live", "Models", "Evaluate", "Teach");
    GalleryView english = fx(() -> app.window().galleryView());
    assertThat(text(english, "#add-photos")).isEqualTo("Add photos…");
    assertThat(text(english, "#clear-all")).isEqualTo("Clear all");
    List<Node> again = fx(() -> english.lookupAll(".photo-card").stream().filter(Node::isVisible).toList());
    assertThat(again).hasSize(6);
    for (Node card : again) {
      assertThat(fx(() -> ((Label) card.lookup(".card-state")).getText())).isEqualTo("Done");
      assertThat(fx(() -> card.lookupAll(".card-label").stream().filter(n -> n.getParent().isVisible())
          .map(n -> ((Label) n).getText()).toList())).isNotEmpty().allMatch(EMOTIONS_EN::contains);
    }
    assertThat(fx(() -> app.services().status().countsProperty().get())).startsWith("6 photos · 6 done");
    assertThat(app.services().settings().get(MainWindow.KEY_LANGUAGE, null)).isEqualTo("en");
  }

  @Test
  void theSavedLanguageIsUsedAtTheNextStartAndTheSystemsBeforeAnyChoice() throws Exception {
    assertThat(startsIn(null)).as("no choice yet: the system's (RAUT_LANG=en in the build)").isEqualTo("Gallery");
    assertThat(Language.system()).isEqualTo(Language.ENGLISH);
    assertThat(startsIn("id")).isEqualTo("Galeri");
    assertThat(Messages.language()).isEqualTo(Language.INDONESIAN);
    assertThat(startsIn("en")).isEqualTo("Gallery");
  }

  /** Opens a second window on settings holding {@code saved} as the language; its gallery entry's name. */
  private String startsIn(String saved) throws Exception {
    Preferences prefs = Preferences.userRoot().node("dev/raut/test/" + UUID.randomUUID());
    AppSettings settings = new AppSettings(prefs);
    settings.put(MainWindow.KEY_LANGUAGE, saved);
    // no engine: only the words are looked at
    AppServices services = new AppServices(settings, new ClassifierLibrary(temp.resolve("other")), () -> {
      throw new IllegalStateException("no engine in this test");
    });
    MainWindow window = fx(() -> new MainWindow(services, () -> {}));
    try {
      return fx(() -> ((ToggleButton) window.root().lookup("#nav-gallery")).getText());
    } finally {
      fxRun(window::close);
      services.close();
      prefs.removeNode();
    }
  }

  private static List<String> navTexts(FxRobot robot) {
    return fx(() -> NAV_IDS.stream().map(id -> ((ToggleButton) robot.lookup(id).query()).getText()).toList());
  }

  private static String text(Node view, String id) {
    return fx(() -> ((Labeled) view.lookup(id)).getText());
  }
}
