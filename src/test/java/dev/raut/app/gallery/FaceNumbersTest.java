package dev.raut.app.gallery;

import static dev.raut.app.AppTestSupport.fx;
import static dev.raut.app.AppTestSupport.fxRun;
import static dev.raut.app.AppTestSupport.samplePhotos;
import static dev.raut.app.AppTestSupport.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

import dev.raut.app.AppTestSupport;
import dev.raut.core.analysis.ImageAnalysis;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.image.ImageView;
import javafx.scene.input.KeyCode;
import javafx.scene.shape.Rectangle;
import javafx.scene.text.Text;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * Faces tied to their rows (issue 14): each box carries its number, the card's and the detail
 * view's rows start with it, the detail view's chosen row and box go together, and the tags on a
 * thumbnail stay inside it and apart. On the real models and the sample group photos.
 */
@ExtendWith(ApplicationExtension.class)
class FaceNumbersTest {
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

  private void addAndWait(List<Path> photos) {
    fxRun(() -> gallery.addPaths(photos));
    waitUntil(photos.size() + " photos analysed", 180, () -> gallery.items().size() == photos.size()
        && gallery.items().stream().allMatch(i -> i.state() == GalleryItem.State.DONE) && !gallery.runningProperty().get());
    org.testfx.util.WaitForAsyncUtils.waitForFxEvents();
  }

  private List<CardView> cards(FxRobot robot) {
    return fx(() -> robot.lookup(".photo-card").queryAll().stream().map(n -> (CardView) n)
        .filter(c -> c.isVisible() && c.item() != null).toList());
  }

  private static <T extends Node> List<T> all(Node under, String selector, Class<T> type) {
    return fx(() -> under.lookupAll(selector).stream().filter(Node::isVisible).map(type::cast).toList());
  }

  private static Bounds onScene(Node node) {
    return fx(() -> node.localToScene(node.getBoundsInLocal()));
  }

  /** Overlap with some area, a pixel of strokes and rounding allowed. */
  private static boolean overlap(Bounds a, Bounds b) {
    double slack = 1;
    return a.getMinX() < b.getMaxX() - slack && b.getMinX() < a.getMaxX() - slack && a.getMinY() < b.getMaxY() - slack
        && b.getMinY() < a.getMaxY() - slack;
  }

  private static boolean inside(Bounds inner, Bounds outer) {
    double slack = 1.5;
    return inner.getMinX() >= outer.getMinX() - slack && inner.getMinY() >= outer.getMinY() - slack
        && inner.getMaxX() <= outer.getMaxX() + slack && inner.getMaxY() <= outer.getMaxY() + slack;
  }

  @Test
  void eachBoxOnACardCarriesItsNumberItsRowStartsWithItAndTheFacesLeftOutAreCounted(FxRobot robot) {
    addAndWait(samplePhotos());
    int cardsWithMore = 0;
    for (CardView card : cards(robot)) {
      ImageAnalysis r = card.item().result();
      int faces = r.faces().size();
      String name = card.item().fileName();
      List<String> numbers = all(card, ".face-number", Text.class).stream().map(Text::getText).toList();
      List<String> expected = java.util.stream.IntStream.rangeClosed(1, faces).mapToObj(Integer::toString).toList();
      assertThat(numbers).as("numbers on the boxes of %s", name).containsExactlyElementsOf(expected);
      // badge i sits at box i (above, inside or below its corner)
      List<Rectangle> boxes = all(card, ".face-box", Rectangle.class);
      List<Rectangle> badges = all(card, ".face-number-badge", Rectangle.class);
      for (int i = 0; i < faces; i++) {
        Bounds box = onScene(boxes.get(i));
        Bounds badge = onScene(badges.get(i));
        assertThat(badge.getMaxX() >= box.getMinX() && badge.getMinX() <= box.getMaxX()
            && badge.getMaxY() >= box.getMinY() - 1 && badge.getMinY() <= box.getMaxY() + 1)
            .as("badge %d of %s at its box", i + 1, name).isTrue();
      }

      // the rows: "1 neutral ▇▇ 80%", "2 happy …": the number, then that face's emotion
      List<Label> rowLabels = all(card, ".card-label", Label.class).stream().filter(l -> l.getParent().isVisible()).toList();
      int listed = Math.min(faces, ResultSummary.MAX_LINES);
      assertThat(rowLabels).hasSize(listed);
      for (int i = 0; i < listed; i++) {
        Label row = rowLabels.get(i);
        Label number = fx(() -> (Label) row.getGraphic());
        assertThat(number).as("row %d of %s starts with a number", i + 1, name).isNotNull();
        assertThat(fx(number::getText)).isEqualTo(Integer.toString(i + 1));
        assertThat(fx(row::getText)).isEqualTo(r.faces().get(i).emotion().label());
        assertThat(fx(() -> drawnText(row))).as("row %d of %s drawn whole", i + 1, name).isEqualTo(fx(row::getText));
        assertThat(inside(onScene(row.getParent()), onScene(card))).as("row %d inside the card of %s", i + 1, name).isTrue();
      }

      List<Label> more = all(card, ".card-more-faces", Label.class);
      if (faces > listed) {
        cardsWithMore++;
        assertThat(more).as("'+N more' on %s", name).hasSize(1);
        int left = faces - listed;
        assertThat(fx(() -> more.get(0).getText())).isEqualTo("+" + left + (left == 1 ? " more face" : " more faces"));
        // under the last row, inside the card, and not cut
        assertThat(onScene(more.get(0)).getMinY()).isGreaterThanOrEqualTo(onScene(rowLabels.get(listed - 1)).getMaxY() - 1);
        assertThat(inside(onScene(more.get(0)), onScene(card))).as("'+N more' inside the card of %s", name).isTrue();
        assertThat(fx(() -> AppTestSupport.textCut(more.get(0)))).isFalse();
      } else {
        assertThat(more).as("no '+N more' on %s", name).isEmpty();
      }
    }
    assertThat(cardsWithMore).as("sample photos with more faces than rows").isPositive();
  }

  @Test
  void onTheCardsNoTagRunsOffThePhotoOrOverAnotherOrUnderTheButtonsAndCrowdedFacesKeepTheirNumber(FxRobot robot) {
    // age and gender make the tags long: "neutral 80% · 27 y F" does not fit next to every face of a group
    fxRun(() -> gallery.ageGenderProperty().set(true));
    addAndWait(samplePhotos());
    int numbersAlone = 0;
    int labelled = 0;
    for (CardView card : cards(robot)) {
      String name = card.item().fileName();
      Bounds photo = onScene(fx(() -> card.lookupAll(".image-view").stream().map(n -> (ImageView) n)
          .filter(v -> v.getImage() != null).findFirst().orElseThrow()));
      List<Bounds> tags = new ArrayList<>();
      all(card, ".face-number-badge", Rectangle.class).forEach(b -> tags.add(onScene(b)));
      List<Rectangle> labels = all(card, ".face-box-tag", Rectangle.class);
      labels.forEach(b -> tags.add(onScene(b)));
      int faces = card.item().result().faces().size();
      assertThat(all(card, ".face-box-label", Text.class)).hasSameSizeAs(labels);
      numbersAlone += faces - labels.size();
      labelled += labels.size();
      // nor under the card's state and remove button, which sit over the photo's corners
      Bounds state = onScene(fx(() -> card.lookup(".card-state")));
      Bounds remove = onScene(fx(() -> card.lookup(".card-remove")));
      for (int a = 0; a < tags.size(); a++) {
        assertThat(inside(tags.get(a), photo)).as("tag %s inside the photo %s on %s", tags.get(a), photo, name).isTrue();
        assertThat(overlap(tags.get(a), state) || overlap(tags.get(a), remove)).as("tag %s under the state or remove on %s",
            tags.get(a), name).isFalse();
        for (int b = a + 1; b < tags.size(); b++) {
          assertThat(overlap(tags.get(a), tags.get(b))).as("%s over %s on %s", tags.get(a), tags.get(b), name).isFalse();
        }
      }
    }
    assertThat(numbersAlone).as("faces whose label has no room show their number alone").isPositive();
    assertThat(labelled).as("faces with their label").isPositive();
  }

  @Test
  void choosingAFaceRowDrawsItsBoxStrongerAndClickingABoxChoosesItsRow(FxRobot robot) {
    Path group = samplePhotos().get(4);
    addAndWait(List.of(group));
    GalleryItem item = fx(() -> gallery.items().get(0));
    List<ImageAnalysis.Face> faces = item.result().faces();
    assertThat(faces).hasSizeGreaterThanOrEqualTo(5);
    fxRun(() -> gallery.openDetail(item));
    Node detail = fx(() -> robot.lookup(".detail-view").query());
    waitUntil("boxes in the detail view", 10, () -> detail.lookupAll(".face-box").size() == faces.size());
    @SuppressWarnings("unchecked")
    ListView<Integer> rows = fx(() -> (ListView<Integer>) detail.lookup("#face-rows"));

    // every row: the number its box carries, then what its box's label says
    waitUntil("face rows shown", 10, () -> rows.lookupAll(".face-row-number").size() >= faces.size());
    for (int i = 0; i < faces.size(); i++) {
      ListCell<?> cell = cell(rows, i);
      assertThat(fx(() -> ((Label) cell.getGraphic()).getText())).isEqualTo(Integer.toString(i + 1));
      assertThat(fx(cell::getText)).isEqualTo(FaceClasses.tag(faces.get(i)));
    }
    List<String> boxLabels = all(detail, ".face-box-label", Text.class).stream().map(Text::getText).toList();
    assertThat(boxLabels).as("the large photo has room for every label")
        .containsExactlyElementsOf(faces.stream().map(FaceClasses::tag).toList());
    assertThat(all(detail, ".face-number", Text.class)).extracting(Text::getText)
        .containsExactlyElementsOf(java.util.stream.IntStream.rangeClosed(1, faces.size()).mapToObj(Integer::toString).toList());
    assertChosen(detail, rows, 0);

    robot.clickOn(cell(rows, 2));
    assertChosen(detail, rows, 2);
    assertThat(fx(() -> detail.lookupAll(".title-4").stream().map(n -> ((Label) n).getText()).toList()))
        .contains("Emotion of face 3");

    robot.type(KeyCode.DOWN);
    assertChosen(detail, rows, 3);
    robot.type(KeyCode.DIGIT2);
    assertChosen(detail, rows, 1);

    // a click on a box on the photo chooses its row
    Rectangle last = all(detail, ".face-box", Rectangle.class).get(faces.size() - 1);
    robot.clickOn(last);
    assertChosen(detail, rows, faces.size() - 1);
    // a click beside every box changes nothing
    Rectangle first = all(detail, ".face-box", Rectangle.class).get(0);
    Bounds firstOnScreen = fx(() -> first.localToScreen(first.getBoundsInLocal()));
    robot.clickOn(firstOnScreen.getMinX() - 3, firstOnScreen.getMaxY() + 3);
    assertChosen(detail, rows, faces.size() - 1);
  }

  /**
   * What a label draws of its own text (cut to "neu…" when too narrow): its skin's text node, not
   * the one inside its graphic, the number badge.
   */
  private static String drawnText(Label label) {
    return label.getChildrenUnmodifiable().stream().filter(n -> n instanceof Text).map(n -> ((Text) n).getText())
        .findFirst().orElseThrow();
  }

  private static ListCell<?> cell(ListView<Integer> rows, int index) {
    return fx(() -> rows.lookupAll(".list-cell").stream().map(n -> (ListCell<?>) n)
        .filter(c -> c.getIndex() == index && !c.isEmpty()).findFirst().orElseThrow());
  }

  /** Row {@code index} chosen, its box drawn stronger and every other box dimmed. */
  private static void assertChosen(Node detail, ListView<Integer> rows, int index) {
    waitUntil("face " + (index + 1) + " chosen", 5, () -> rows.getSelectionModel().getSelectedIndex() == index
        && detail.lookupAll(".face-box.face-chosen").size() == 1);
    List<Rectangle> boxes = all(detail, ".face-box", Rectangle.class);
    for (int i = 0; i < boxes.size(); i++) {
      Rectangle box = boxes.get(i);
      List<String> styles = fx(() -> List.copyOf(box.getStyleClass()));
      assertThat(styles).as("box %d", i + 1).contains(i == index ? "face-chosen" : "face-dimmed");
    }
    Rectangle chosen = boxes.get(index);
    Rectangle other = boxes.get(index == 0 ? 1 : 0);
    // the style classes are set at once; their CSS is applied at the next pulse, before drawing
    fxRun(detail::applyCss);
    assertThat(fx(chosen::getStrokeWidth)).as("the chosen box's line is thicker").isGreaterThan(fx(other::getStrokeWidth));
    assertThat(fx(other::getOpacity)).as("the others dimmed").isLessThan(1);
  }
}
