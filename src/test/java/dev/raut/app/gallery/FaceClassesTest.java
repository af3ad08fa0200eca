package dev.raut.app.gallery;

import static org.assertj.core.api.Assertions.assertThat;

import dev.raut.core.analysis.AnalysisRequest;
import dev.raut.core.analysis.DetectorChoice;
import dev.raut.core.analysis.ImageAnalysis;
import dev.raut.core.geometry.Box;
import dev.raut.core.classify.ClassifierLibrary;
import dev.raut.core.classify.ClassifierScope;
import dev.raut.core.classify.ClassifierSpec;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** How a per-face classifier's answers read on a card, in the overlays and in the detail view. */
class FaceClassesTest {
  private static ImageAnalysis.Face face(String emotion, double score, List<ImageAnalysis.ClassScore> classes) {
    Map<String, Double> scores = new LinkedHashMap<>();
    scores.put(emotion, score);
    scores.put("neutral", 1 - score);
    ImageAnalysis.Emotion e = emotion == null ? null : new ImageAnalysis.Emotion(emotion, score, scores);
    return new ImageAnalysis.Face(new Box(10.0, 10.0, 50.0, 50.0), 0.97, List.of(), e, classes);
  }

  private static ImageAnalysis photo(ImageAnalysis.Face... faces) {
    return new ImageAnalysis("a.jpg", 640, 480, List.of(faces), List.of(), List.of(), null);
  }

  @Test
  void eachFacesTopClassIsAnIndentedLineUnderItsEmotion() {
    ImageAnalysis r = photo(
        face("happy", 0.9, List.of(new ImageAnalysis.ClassScore("mask", 0.93), new ImageAnalysis.ClassScore("no mask", 0.07))),
        face("sad", 0.6, List.of(new ImageAnalysis.ClassScore("no mask", 0.81))));
    ResultSummary summary = ResultSummary.of(r);
    assertThat(summary.headline()).isEqualTo("2 faces");
    assertThat(summary.lines()).containsExactly(
        new ResultSummary.Line("happy", 0.9, false, 1),
        new ResultSummary.Line("mask", 0.93, true, 0),
        new ResultSummary.Line("sad", 0.6, false, 2));
    assertThat(summary.unlistedFaces()).isZero();
  }

  @Test
  void facesWithoutClassesReadAsBefore() {
    ResultSummary summary = ResultSummary.of(photo(face("happy", 0.9, List.of()), face("sad", 0.6, List.of())));
    assertThat(summary.lines()).containsExactly(new ResultSummary.Line("happy", 0.9, false, 1),
        new ResultSummary.Line("sad", 0.6, false, 2));
    assertThat(FaceClasses.tag(face("happy", 0.9, List.of()))).isEqualTo("happy 90%");
  }

  @Test
  void aFaceModelWithoutEmotionsGivesItsClassAsTheFaceLine() {
    ImageAnalysis.Face f = face(null, 0, List.of(new ImageAnalysis.ClassScore("20-29", 0.55)));
    assertThat(ResultSummary.of(photo(f)).lines()).containsExactly(new ResultSummary.Line("20-29", 0.55, false, 1));
    assertThat(FaceClasses.tag(f)).isEqualTo("97% · 20-29 55%");
    assertThat(FaceClasses.chooserEntry(0, f)).isEqualTo("Face 1: 20-29 55%");
  }

  @Test
  void overlayTagChooserAndDetailLineNameTheClasses() {
    ImageAnalysis.Face f = face("happy", 0.9, List.of(new ImageAnalysis.ClassScore("mask", 0.93),
        new ImageAnalysis.ClassScore("no mask", 0.06), new ImageAnalysis.ClassScore("scarf", 0.006),
        new ImageAnalysis.ClassScore("hat", 0.004)));
    assertThat(FaceClasses.tag(f)).isEqualTo("happy 90% · mask 93%");
    assertThat(FaceClasses.chooserEntry(1, f)).isEqualTo("Face 2: happy · mask 93%");
    assertThat(FaceClasses.list(f)).isEqualTo("mask 93%, no mask 6%, scarf 1%");
  }

  @Test
  void theLinesHoldThreeFacesAndCountTheOthersInBothLanguages() {
    ImageAnalysis.Face happy = face("happy", 0.9, List.of());
    ResultSummary five = ResultSummary.of(photo(happy, happy, happy, happy, happy));
    assertThat(five.lines()).extracting(ResultSummary.Line::face).containsExactly(1, 2, 3);
    assertThat(five.unlistedFaces()).isEqualTo(2);
    assertThat(ResultSummary.of(photo(happy, happy, happy)).unlistedFaces()).isZero();
    // with a per-face classifier each face takes two lines: two faces listed of three
    ImageAnalysis.Face masked = face("happy", 0.9, List.of(new ImageAnalysis.ClassScore("mask", 0.93)));
    ResultSummary classes = ResultSummary.of(photo(masked, masked, masked));
    assertThat(classes.lines()).extracting(ResultSummary.Line::face).containsExactly(1, 0, 2);
    assertThat(classes.unlistedFaces()).isEqualTo(1);

    assertThat(dev.raut.core.text.Messages.text("gallery.card.moreFaces", 1)).isEqualTo("+1 more face");
    assertThat(dev.raut.core.text.Messages.text("gallery.card.moreFaces", 2)).isEqualTo("+2 more faces");
    dev.raut.core.text.Language before = dev.raut.core.text.Messages.language();
    dev.raut.core.text.Messages.setLanguage(dev.raut.core.text.Language.INDONESIAN);
    try {
      assertThat(dev.raut.core.text.Messages.text("gallery.card.moreFaces", 1)).isEqualTo("+1 wajah lagi");
      assertThat(dev.raut.core.text.Messages.text("gallery.card.moreFaces", 2)).isEqualTo("+2 wajah lagi");
    } finally {
      dev.raut.core.text.Messages.setLanguage(before);
    }
  }

  @Test
  void aFaceScopeClassifierChoiceFindsFacesAndRunsTheClassifierOnEach() {
    ClassifierSpec spec = new ClassifierSpec(64, 64, ClassifierSpec.Layout.NHWC, ClassifierSpec.ColorOrder.GREY,
        ClassifierSpec.Normalization.MINUS_ONE_ONE, null, null, false, List.of("a", "b"));
    Path card = Path.of("/data/classifiers/masks/card.json");
    AnalysisChoice perFace = AnalysisChoice.classifier(
        new ClassifierLibrary.Entry("masks", "Masks", card, spec, ClassifierScope.FACE, null));
    AnalysisRequest request = perFace.request(DetectorChoice.BACK);
    assertThat(request.faces()).isTrue();
    assertThat(request.emotions()).isTrue();
    assertThat(request.detector()).isEqualTo(DetectorChoice.BACK);
    assertThat(request.classifier()).isEqualTo(card.toString());
    assertThat(perFace.findsFaces()).isTrue();
    assertThat(perFace.label()).isEqualTo("Faces + Masks (each face)");

    AnalysisChoice wholePhoto = AnalysisChoice.classifier(
        new ClassifierLibrary.Entry("genre", "Genre", card, spec, ClassifierScope.IMAGE, null));
    assertThat(wholePhoto.request(DetectorChoice.BACK).faces()).isFalse();
    assertThat(wholePhoto.findsFaces()).isFalse();
    assertThat(wholePhoto.label()).isEqualTo("Classifier: Genre");
  }

  @Test
  void inIndonesianTheBuiltInLabelsAndCountsAreTranslatedAndAUsersClassesStayAsTheyAre() {
    dev.raut.core.text.Language before = dev.raut.core.text.Messages.language();
    dev.raut.core.text.Messages.setLanguage(dev.raut.core.text.Language.INDONESIAN);
    try {
      ImageAnalysis.Face happy = face("happy", 0.9, List.of(new ImageAnalysis.ClassScore("mask", 0.93)));
      ImageAnalysis.Face aged = new ImageAnalysis.Face(new Box(10.0, 10.0, 50.0, 50.0), 0.97, List.of(),
          happy.emotion(), List.of(), 33.6, new ImageAnalysis.ClassScore("female", 0.93), List.of());
      ResultSummary summary = ResultSummary.of(photo(happy, face("sad", 0.6, List.of())));
      assertThat(summary.headline()).isEqualTo("2 wajah");
      assertThat(summary.lines()).extracting(ResultSummary.Line::label).containsExactly("senang", "mask", "sedih");
      assertThat(FaceClasses.tag(happy)).isEqualTo("senang 90% · mask 93%");
      assertThat(FaceClasses.chooserEntry(1, happy)).isEqualTo("Wajah 2: senang · mask 93%");
      assertThat(FaceClasses.chartHeading(0)).isEqualTo("Kelas wajah 1");
      assertThat(FaceClasses.ageGender(aged)).isEqualTo("34 th P");
      assertThat(FaceClasses.ageGenderLine(0, aged.age(), aged.gender()))
          .isEqualTo("Wajah 1: sekitar 34 tahun, perempuan (93%)");
      assertThat(FaceClasses.ageGenderLong(aged.age(), "male")).isEqualTo("34 th, laki-laki");

      ImageAnalysis objects = new ImageAnalysis("b.jpg", 640, 480, List.of(), List.of(
          new ImageAnalysis.DetectedObjectResult("traffic light", 0.8, new Box(1.0, 1.0, 5.0, 5.0)),
          new ImageAnalysis.DetectedObjectResult("person", 0.9, new Box(1.0, 1.0, 5.0, 5.0))), List.of(), null);
      ResultSummary found = ResultSummary.of(objects);
      assertThat(found.headline()).isEqualTo("2 objek");
      assertThat(found.lines()).extracting(ResultSummary.Line::label).containsExactly("orang", "lampu lalu lintas");
      assertThat(ResultSummary.of(photo()).headline()).isEqualTo("Tidak ada yang ditemukan");
      assertThat(GalleryItem.State.NOT_ANALYSED.text()).isEqualTo("Belum dianalisis");
      assertThat(GalleryPresenter.duration(4000)).isEqualTo("1 j 07 mnt");
      assertThat(AnalysisChoice.FACES.label()).isEqualTo("Wajah + emosi");
    } finally {
      dev.raut.core.text.Messages.setLanguage(before);
    }
  }
}
