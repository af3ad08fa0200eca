package dev.raut.app.gallery;

import static org.assertj.core.api.Assertions.assertThat;

import dev.raut.app.AppTestSupport;
import dev.raut.core.analysis.AnalysisRequest;
import dev.raut.core.analysis.Analyzer;
import dev.raut.core.analysis.Engine;
import dev.raut.core.analysis.ImageAnalysis;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Where face numbers and labels go, as plain geometry (no JavaFX): on the boxes the real models
 * find in the sample group photos, shown at a card's thumbnail size, and on boxes at the edges.
 */
class TagPlacementTest {
  /** A 10 px label's height and its width per character, about as JavaFX measures them. */
  private static final double HEIGHT = 13;
  private static final double CHAR = 5.6;
  private static final double BADGE = 13;

  private static Engine engine;
  private static final List<ImageAnalysis> SAMPLES = new ArrayList<>();

  @BeforeAll
  static void analyseTheSamples() throws Exception {
    engine = Engine.openDefault();
    Analyzer analyzer = new Analyzer(engine);
    for (Path photo : AppTestSupport.samplePhotos()) {
      SAMPLES.add(analyzer.analyze(photo, AnalysisRequest.facesAndEmotions()));
    }
  }

  @AfterAll
  static void closeTheEngine() {
    engine.close();
  }

  /** The thumbnail's picture, as the card shows it: fitted into 216 x 150 and centred. */
  private static TagPlacement.Rect thumbnail(ImageAnalysis r) {
    double scale = scale(r);
    return new TagPlacement.Rect((CardView.THUMB_WIDTH - r.width() * scale) / 2,
        (CardView.THUMB_HEIGHT - r.height() * scale) / 2, r.width() * scale, r.height() * scale);
  }

  private static double scale(ImageAnalysis r) {
    return Math.min(CardView.THUMB_WIDTH / r.width(), CardView.THUMB_HEIGHT / r.height());
  }

  private static List<TagPlacement.Want> wants(ImageAnalysis r, String label) {
    TagPlacement.Rect bounds = thumbnail(r);
    return r.faces().stream().map(f -> new TagPlacement.Want(
        Overlays.shown(f.box(), scale(r), bounds.x(), bounds.y()), BADGE, label.length() * CHAR + 6, HEIGHT)).toList();
  }

  /** Every badge and label inside the picture, no label over another tag, no badge over another badge, each badge at its box. */
  private static void assertTidy(List<TagPlacement.Want> wants, List<TagPlacement.Tag> tags, TagPlacement.Rect bounds) {
    assertThat(tags).hasSameSizeAs(wants);
    List<TagPlacement.Rect> placed = new ArrayList<>();
    for (int i = 0; i < tags.size(); i++) {
      TagPlacement.Tag tag = tags.get(i);
      TagPlacement.Rect box = wants.get(i).box();
      assertThat(tag.badge().inside(bounds)).as("badge %d inside %s: %s", i + 1, bounds, tag.badge()).isTrue();
      // the badge touches its box (above, inside or below it)
      assertThat(tag.badge().maxX() >= box.x() && tag.badge().x() <= box.maxX()
          && tag.badge().maxY() >= box.y() && tag.badge().y() <= box.maxY()).as("badge %d at its box", i + 1).isTrue();
      if (tag.label() != null) {
        assertThat(tag.label().inside(bounds)).as("label %d inside %s: %s", i + 1, bounds, tag.label()).isTrue();
        assertThat(tag.label().y()).as("label %d beside its badge", i + 1).isEqualTo(tag.badge().y());
        placed.add(tag.label());
      }
      placed.add(tag.badge());
    }
    for (int a = 0; a < placed.size(); a++) {
      for (int b = a + 1; b < placed.size(); b++) {
        assertThat(placed.get(a).overlaps(placed.get(b))).as("%s over %s", placed.get(a), placed.get(b)).isFalse();
      }
    }
  }

  @Test
  void onEverySampleThumbnailTheNumbersAndLabelsStayInsideAndApart() {
    int labels = 0;
    int faces = 0;
    for (ImageAnalysis r : SAMPLES) {
      List<TagPlacement.Want> wants = wants(r, "neutral 100%");
      List<TagPlacement.Tag> tags = TagPlacement.place(wants, thumbnail(r));
      assertTidy(wants, tags, thumbnail(r));
      labels += (int) tags.stream().filter(t -> t.label() != null).count();
      faces += tags.size();
    }
    assertThat(faces).as("faces in the samples").isBetween(18, 26);
    assertThat(labels).as("most faces keep their label on a card").isGreaterThan(faces / 2);
  }

  @Test
  void theMostCrowdedGroupPhotoWithLongLabelsKeepsEveryNumberAndDropsOnlyLabelsWithoutRoom() {
    ImageAnalysis group = SAMPLES.stream().max(java.util.Comparator.comparingInt(r -> r.faces().size())).orElseThrow();
    assertThat(group.faces()).hasSizeGreaterThanOrEqualTo(5);
    // age and gender make a face's label long
    List<TagPlacement.Want> wants = wants(group, "neutral 93% · 34 y F");
    List<TagPlacement.Tag> tags = TagPlacement.place(wants, thumbnail(group));
    assertTidy(wants, tags, thumbnail(group));
    assertThat(tags).as("some labels have no room: their faces show the number alone")
        .anyMatch(t -> t.label() == null);
    assertThat(tags).as("and some have").anyMatch(t -> t.label() != null);
  }

  @Test
  void atTheTopEdgeTheTagGoesInsideTheBoxAndAtTheRightEdgeTheLabelTurnsLeft() {
    TagPlacement.Rect bounds = new TagPlacement.Rect(0, 3, 216, 144);
    TagPlacement.Rect top = new TagPlacement.Rect(40, 5, 20, 20);
    TagPlacement.Rect right = new TagPlacement.Rect(206, 80, 10, 10);
    List<TagPlacement.Want> wants = List.of(new TagPlacement.Want(top, BADGE, 50, HEIGHT),
        new TagPlacement.Want(right, BADGE, 50, HEIGHT));
    List<TagPlacement.Tag> tags = TagPlacement.place(wants, bounds);
    assertTidy(wants, tags, bounds);
    assertThat(tags.get(0).badge().y()).as("no room above: inside the picture's top").isEqualTo(3);
    assertThat(tags.get(0).label().x()).as("label right of the badge").isEqualTo(tags.get(0).badge().maxX());
    assertThat(tags.get(1).badge().maxX()).as("badge pulled in from the right edge").isEqualTo(216);
    assertThat(tags.get(1).label().maxX()).as("label left of the badge").isEqualTo(tags.get(1).badge().x());
  }

  @Test
  void twoFacesSideBySideDoNotShareASpot() {
    TagPlacement.Rect bounds = new TagPlacement.Rect(0, 0, 216, 144);
    // two faces as close as in a row of people: the second's number would sit on the first's label
    List<TagPlacement.Want> wants = List.of(new TagPlacement.Want(new TagPlacement.Rect(60, 50, 20, 20), BADGE, 60, HEIGHT),
        new TagPlacement.Want(new TagPlacement.Rect(84, 52, 20, 20), BADGE, 60, HEIGHT));
    List<TagPlacement.Tag> tags = TagPlacement.place(wants, bounds);
    assertTidy(wants, tags, bounds);
    assertThat(tags).allMatch(t -> t.label() != null);
  }

  @Test
  void aClickWhereBoxesOverlapMeansTheSmallestBox() {
    List<TagPlacement.Rect> boxes = List.of(new TagPlacement.Rect(0, 0, 100, 100), new TagPlacement.Rect(40, 40, 20, 20),
        new TagPlacement.Rect(30, 30, 50, 50));
    assertThat(TagPlacement.smallestAt(boxes, 50, 50)).isEqualTo(1);
    assertThat(TagPlacement.smallestAt(boxes, 35, 35)).isEqualTo(2);
    assertThat(TagPlacement.smallestAt(boxes, 5, 5)).isEqualTo(0);
    assertThat(TagPlacement.smallestAt(boxes, 150, 5)).isEqualTo(-1);
  }
}
