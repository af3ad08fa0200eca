package dev.raut.app.people;

import static dev.raut.app.AppTestSupport.fx;
import static dev.raut.app.AppTestSupport.fxRun;
import static dev.raut.app.AppTestSupport.samplePhotos;
import static dev.raut.app.AppTestSupport.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

import dev.raut.app.AppTestSupport;
import dev.raut.app.gallery.GalleryItem;
import dev.raut.app.gallery.GalleryPresenter;
import dev.raut.core.recognition.PeopleBook;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import javafx.scene.control.Button;
import javafx.scene.control.ListView;
import javafx.scene.control.MenuButton;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * The People page on the real engine: a sample photo and a smaller copy of it (the same people,
 * other pixels) are grouped person by person; naming, merging and splitting persist in the data
 * folder and come back in a new window.
 */
@ExtendWith(ApplicationExtension.class)
class PeopleViewTest {
  @TempDir
  Path temp;

  private AppTestSupport app;
  private AppTestSupport reopened;

  @Start
  void start(Stage stage) {
    app = new AppTestSupport(stage, temp);
    app.window().show("Gallery");
  }

  @AfterEach
  void close() throws Exception {
    if (reopened != null) {
      reopened.close();
    }
    if (app != null) {
      app.close();
    }
  }

  /** sample1.jpg and a copy at three quarters of its size, in a folder of the test's. */
  private List<Path> samePeopleTwice() throws Exception {
    Path photos = Files.createDirectories(temp.resolve("photos"));
    Path original = AppTestSupport.copy(samplePhotos().get(0), photos, "party.jpg");
    return List.of(original, AppTestSupport.smallerCopy(original, photos, "party-small.jpg"));
  }

  private static void waitForPeople(PeoplePresenter people) {
    waitUntil("people found", 180, () -> people.loadedProperty().get() && !people.runningProperty().get()
        && !people.people().isEmpty());
  }

  @Test
  void groupsNamesMergesSplitsAndRemembersPeople(FxRobot robot) throws Exception {
    GalleryPresenter gallery = app.window().gallery();
    PeoplePresenter people = app.window().people();
    List<Path> photos = samePeopleTwice();
    fxRun(() -> gallery.addPaths(photos));
    waitUntil("photos analysed", 120, () -> gallery.items().size() == 2
        && gallery.items().stream().allMatch(i -> i.state() == GalleryItem.State.DONE) && !gallery.runningProperty().get());
    int faces = fx(() -> gallery.items().get(0).result().faces().size());
    assertThat(faces).isGreaterThan(1);
    assertThat(fx(() -> gallery.items().get(1).result().faces())).hasSize(faces);
    // nothing is described until the People page is used
    assertThat(temp.resolve("people.json")).doesNotExist();
    assertThat(fx(() -> people.people())).isEmpty();

    fxRun(() -> app.window().show("People"));
    waitForPeople(people);
    List<PeopleBook.Person> found = fx(() -> List.copyOf(people.people()));
    // every person of the photo is one group with one face from each photo
    assertThat(found).hasSize(faces).allSatisfy(p -> assertThat(p.faces().stream()
        .map(f -> Path.of(f.photo()).getFileName().toString()).collect(Collectors.toSet()))
        .isEqualTo(Set.of("party.jpg", "party-small.jpg")));
    assertThat(fx(() -> robot.lookup(".person-face").queryAll())).hasSize(2);

    // name the first person
    fxRun(() -> people.selectedProperty().set(people.people().get(0)));
    robot.doubleClickOn("#person-name").write("Ana");
    robot.clickOn("#person-rename");
    String ana = found.get(0).id();
    waitUntil("named", 5, () -> people.people().stream().anyMatch(p -> p.id().equals(ana) && p.name().equals("Ana")));
    ListView<?> list = fx(() -> robot.lookup("#people-list").queryAs(ListView.class));
    assertThat(fx(() -> robot.from(list).lookup(".person-cell").queryAll().stream()
        .map(n -> ((javafx.scene.control.ListCell<?>) n).getText()).toList())).contains("Ana · 2 photos");

    // merge the second person into Ana
    String second = found.get(1).id();
    fxRun(() -> people.selectedProperty().set(people.people().stream().filter(p -> p.id().equals(second)).findFirst()
        .orElseThrow()));
    robot.clickOn("#person-merge");
    robot.clickOn("#merge-into-" + ana);
    waitUntil("merged", 5, () -> people.people().size() == faces - 1);
    PeopleBook.Person merged = fx(() -> people.selectedProperty().get());
    assertThat(merged.id()).isEqualTo(ana);
    assertThat(merged.faces()).hasSize(4);
    assertThat(fx(() -> robot.lookup(".person-face").queryAll())).hasSize(4);

    // take one face back out: it becomes someone of its own
    Button split = fx(() -> robot.lookup(".person-split").queryAs(Button.class));
    robot.clickOn(split);
    waitUntil("split", 5, () -> people.people().size() == faces);
    assertThat(fx(() -> people.people().stream().filter(p -> p.id().equals(ana)).findFirst().orElseThrow().faces()))
        .hasSize(3);

    // a face opens its whole photo in the gallery's detail view
    javafx.scene.Node tile = fx(() -> robot.lookup(".person-face").query());
    robot.doubleClickOn(tile);
    waitUntil("photo shown large", 5, () -> gallery.detailItemProperty().get() != null);
    assertThat(fx(() -> gallery.detailItemProperty().get().path().toString()))
        .isEqualTo(((PeopleBook.FaceRef) tile.getUserData()).photo());
    fxRun(() -> app.window().show("People"));

    waitUntil("saved", 10, people::saved);
    Path file = temp.resolve("people.json");
    assertThat(file).isRegularFile();
    try (var files = Files.list(temp)) {
      assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".tmp"));
    }
    List<PeopleBook.Person> before = fx(() -> List.copyOf(people.people()));

    // a new window on the same data folder, with an empty gallery, shows the same people
    app.close();
    app = null;
    fxRun(() -> reopened = new AppTestSupport(new Stage(), temp));
    PeoplePresenter again = reopened.window().people();
    fxRun(() -> reopened.window().show("People"));
    waitForPeople(again);
    assertThat(fx(() -> List.copyOf(again.people()))).isEqualTo(before);
    assertThat(fx(() -> again.people().stream().map(PeopleBook.Person::name).toList())).contains("Ana");
    MenuButton merge = fx(() -> robot.lookup("#person-merge").queryAs(MenuButton.class));
    assertThat(merge).isNotNull();
  }
}
