package dev.raut.core.camera;

import static org.assertj.core.api.Assertions.assertThat;

import dev.raut.core.analysis.ImageAnalysis;
import dev.raut.core.geometry.Box;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FaceTrackerTest {
  private static ImageAnalysis.Face face(double x, double y, double happy) {
    Map<String, Double> scores = new LinkedHashMap<>();
    scores.put("happy", happy);
    scores.put("neutral", 1 - happy);
    String label = happy >= 0.5 ? "happy" : "neutral";
    return new ImageAnalysis.Face(new Box(x, y, 100.0, 100.0), 0.9, List.of(),
        new ImageAnalysis.Emotion(label, Math.max(happy, 1 - happy), scores));
  }

  private static ImageAnalysis.Face aged(double age, String gender, double score) {
    ImageAnalysis.Face f = face(0, 0, 0.9);
    return new ImageAnalysis.Face(f.box(), f.score(), f.keypoints(), f.emotion(), List.of(), age,
        new ImageAnalysis.ClassScore(gender, score), List.of());
  }

  @Test
  void ageAndGenderAreSmoothedLikeTheEmotionAndShownInTheCaption() {
    FaceTracker tracker = new FaceTracker();
    for (int i = 0; i < 10; i++) {
      tracker.update(List.of(aged(30, "female", 0.9)), i * 33);
    }
    // one frame reads the face as a 50-year-old man: the overlay barely moves
    TrackedFace odd = tracker.update(List.of(aged(50, "male", 0.8)), 330).get(0);
    assertThat(odd.smoothedAge()).isBetween(30.0, 33.0);
    assertThat(odd.smoothedGender().label()).isEqualTo("female");
    assertThat(odd.caption(" | ")).isEqualTo("happy 90% | " + Math.round(odd.smoothedAge()) + " y F");
    // without age/gender asked the tracked face has none, and the caption has no age
    TrackedFace plain = new FaceTracker().update(List.of(face(0, 0, 0.9)), 0).get(0);
    assertThat(plain.smoothedAge()).isNull();
    assertThat(plain.smoothedGender()).isNull();
    assertThat(plain.caption(" | ")).isEqualTo("happy 90%");
  }

  @Test
  void facesKeepTheirIdsAndColoursAsTheyMove() {
    FaceTracker tracker = new FaceTracker();
    List<TrackedFace> first = tracker.update(List.of(face(0, 0, 0.9), face(300, 0, 0.9)), 0);
    List<TrackedFace> second = tracker.update(List.of(face(310, 5, 0.9), face(8, 4, 0.9)), 33);
    assertThat(first).extracting(TrackedFace::id).doesNotHaveDuplicates();
    assertThat(second.get(0).id()).isEqualTo(first.get(1).id());
    assertThat(second.get(1).id()).isEqualTo(first.get(0).id());
    assertThat(second.get(1).hue()).isEqualTo(first.get(0).hue());
    assertThat(first.get(0).hue()).isNotEqualTo(first.get(1).hue());
  }

  @Test
  void aFaceFarAwayOrAfterALongAbsenceIsANewTrack() {
    FaceTracker tracker = new FaceTracker();
    int id = tracker.update(List.of(face(0, 0, 0.9)), 0).get(0).id();
    assertThat(tracker.update(List.of(face(500, 300, 0.9)), 33).get(0).id()).isNotEqualTo(id);
    FaceTracker other = new FaceTracker();
    int before = other.update(List.of(face(0, 0, 0.9)), 0).get(0).id();
    other.update(List.of(), 600);
    assertThat(other.update(List.of(face(0, 0, 0.9)), 1700).get(0).id()).isNotEqualTo(before);
  }

  @Test
  void oneOddFrameDoesNotFlipTheSmoothedLabel() {
    FaceTracker tracker = new FaceTracker();
    for (int i = 0; i < 10; i++) {
      tracker.update(List.of(face(0, 0, 0.9)), i * 33);
    }
    TrackedFace odd = tracker.update(List.of(face(0, 0, 0.1)), 330).get(0);
    assertThat(odd.face().emotion().label()).isEqualTo("neutral");
    assertThat(odd.smoothedEmotion().label()).isEqualTo("happy");
    // a lasting change comes through within about a second
    TrackedFace later = null;
    for (int i = 1; i <= 30; i++) {
      later = tracker.update(List.of(face(0, 0, 0.1)), 330 + i * 33).get(0);
    }
    assertThat(later.smoothedEmotion().label()).isEqualTo("neutral");
    assertThat(later.smoothedEmotion().scores().values().stream().mapToDouble(Double::doubleValue).sum()).isCloseTo(1.0,
        org.assertj.core.data.Offset.offset(1e-3));
  }

  private static ImageAnalysis.Face masked(double mask) {
    // a per-face classifier gives its top classes, most likely first
    List<ImageAnalysis.ClassScore> classes = mask >= 0.5
        ? List.of(new ImageAnalysis.ClassScore("mask", mask), new ImageAnalysis.ClassScore("no mask", 1 - mask))
        : List.of(new ImageAnalysis.ClassScore("no mask", 1 - mask), new ImageAnalysis.ClassScore("mask", mask));
    return face(0, 0, 0.9).withClasses(classes);
  }

  @Test
  void aPerFaceClassifiersClassesAreSmoothedLikeTheEmotion() {
    FaceTracker tracker = new FaceTracker();
    for (int i = 0; i < 10; i++) {
      tracker.update(List.of(masked(0.95)), i * 33);
    }
    TrackedFace odd = tracker.update(List.of(masked(0.2)), 330).get(0);
    assertThat(odd.face().classes().get(0).label()).isEqualTo("no mask");
    assertThat(odd.smoothedClasses().get(0).label()).isEqualTo("mask");
    assertThat(odd.smoothedClasses()).hasSize(2);
    TrackedFace later = null;
    for (int i = 1; i <= 30; i++) {
      later = tracker.update(List.of(masked(0.2)), 330 + i * 33).get(0);
    }
    assertThat(later.smoothedClasses().get(0).label()).isEqualTo("no mask");
    assertThat(later.smoothedClasses().get(0).score()).isCloseTo(0.8, org.assertj.core.data.Offset.offset(0.02));
  }

  @Test
  void aClassMissingFromTheTopClassesFadesOut() {
    FaceTracker tracker = new FaceTracker();
    tracker.update(List.of(face(0, 0, 0.9).withClasses(List.of(new ImageAnalysis.ClassScore("hat", 0.9)))), 0);
    TrackedFace next = null;
    for (int i = 1; i <= 60; i++) {
      next = tracker.update(List.of(face(0, 0, 0.9).withClasses(List.of(new ImageAnalysis.ClassScore("scarf", 0.8)))),
          i * 33).get(0);
    }
    assertThat(next.smoothedClasses()).extracting(ImageAnalysis.ClassScore::label).containsExactly("scarf");
    assertThat(next.smoothedClasses().get(0).score()).isCloseTo(0.8, org.assertj.core.data.Offset.offset(0.01));
    // faces without a per-face classifier have none
    assertThat(new FaceTracker().update(List.of(face(0, 0, 0.9)), 0).get(0).smoothedClasses()).isEmpty();
  }
}
