package dev.raut.core.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.raut.core.emotion.EmotionModel;
import dev.raut.testing.Samples;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Per-face extras (age/gender, landmarks) and the rule that a face's result never depends on other tasks. */
class FaceExtrasTest {
  private static Engine engine;
  private static Analyzer analyzer;

  @BeforeAll
  static void open() {
    engine = Engine.openDefault();
    analyzer = new Analyzer(engine);
  }

  @AfterAll
  static void close() {
    engine.close();
  }

  /** `--emotions --objects` once changed a face of sample5 from happy 0.47 to angry 0.54: objects needed a larger decode. */
  @Test
  void askingForObjectsOrExtrasChangesNoFace() {
    for (int i = 1; i <= 6; i++) {
      List<ImageAnalysis.Face> alone = analyzer.analyze(Samples.photo(i), AnalysisRequest.facesAndEmotions()).faces();
      ImageAnalysis extrasAlone = analyzer.analyze(Samples.photo(i),
          AnalysisRequest.facesAndEmotions().withFaceExtras(true, true));
      ImageAnalysis everything = analyzer.analyze(Samples.photo(i), new AnalysisRequest(true, true, true, null,
          DetectorChoice.AUTO, AnalysisRequest.DEFAULT_OBJECT_THRESHOLD).withFaceExtras(true, true));
      assertThat(everything.objects()).as("objects in sample%d", i).isNotEmpty();
      assertThat(alone).as("faces of sample%d", i).hasSize(everything.faces().size());
      for (int f = 0; f < alone.size(); f++) {
        assertThat(everything.faces().get(f).box()).isEqualTo(alone.get(f).box());
        assertThat(everything.faces().get(f).emotion()).isEqualTo(alone.get(f).emotion());
        assertThat(everything.faces().get(f).age()).isEqualTo(extrasAlone.faces().get(f).age());
        assertThat(everything.faces().get(f).landmarks68()).isEqualTo(extrasAlone.faces().get(f).landmarks68());
      }
    }
  }

  /** Live reads each face once with mini-Xception, the cheapest network, unless a network is named. */
  @Test
  void liveVideoReadsEmotionsWithTheCheapestNetworkUnlessOneIsNamed() {
    org.opencv.core.Mat frame = org.opencv.imgcodecs.Imgcodecs.imread(Samples.photo(1).toString());
    try {
      Analyzer live = Analyzer.forLiveVideo(engine);
      AnalysisRequest request = AnalysisRequest.facesAndEmotions().withDetector(DetectorChoice.FRONT);
      List<dev.raut.core.face.DetectedFace> faces = engine.faceDetector(DetectorChoice.FRONT).detect(frame);
      assertThat(faces).isNotEmpty();
      var mini = engine.emotion().classify(frame, faces, dev.raut.core.emotion.FaceCrop.DETECTED_FACE,
          dev.raut.core.emotion.EmotionViews.SINGLE);
      var expression = engine.faceExpression().classify(frame, faces, Engine.FACE_NETWORK_CROP,
          dev.raut.core.emotion.EmotionViews.SINGLE);
      List<ImageAnalysis.Face> byDefault = live.analyzeFrame(frame, "f", frame.cols(), frame.rows(), request).faces();
      List<ImageAnalysis.Face> named = live.analyzeFrame(frame, "f", frame.cols(), frame.rows(),
          request.withBuiltInEmotion(EmotionModel.FACE_EXPRESSION)).faces();
      for (int f = 0; f < faces.size(); f++) {
        assertThat(byDefault.get(f).emotion().label()).isEqualTo(mini.get(f).label());
        assertThat(byDefault.get(f).emotion().score()).isCloseTo(mini.get(f).score(), org.assertj.core.data.Offset.offset(1e-4));
        assertThat(named.get(f).emotion().label()).isEqualTo(expression.get(f).label());
        assertThat(named.get(f).emotion().score())
            .isCloseTo(expression.get(f).score(), org.assertj.core.data.Offset.offset(1e-4));
      }
      assertThat(byDefault.stream().map(face -> face.emotion().score()).toList())
          .as("the two networks answer differently, so the check above can tell them apart")
          .isNotEqualTo(named.stream().map(face -> face.emotion().score()).toList());
    } finally {
      frame.release();
    }
  }

  @Test
  void ageGenderAndLandmarksAreGivenOnlyWhenAsked() {
    ImageAnalysis plain = analyzer.analyze(Samples.photo(1), AnalysisRequest.facesAndEmotions());
    assertThat(plain.faces()).allSatisfy(face -> {
      assertThat(face.age()).isNull();
      assertThat(face.gender()).isNull();
      assertThat(face.landmarks68()).isEmpty();
    });
    String json = ResultJson.line(plain);
    assertThat(json).doesNotContain("\"age\"").doesNotContain("gender").doesNotContain("landmarks68");

    ImageAnalysis extras = analyzer.analyze(Samples.photo(1),
        new AnalysisRequest(true, false, false, null, DetectorChoice.AUTO, 0.3).withFaceExtras(true, true));
    assertThat(extras.faces()).isNotEmpty().allSatisfy(face -> {
      assertThat(face.emotion()).isNull();
      assertThat(face.age()).isBetween(10.0, 80.0);
      assertThat(face.gender().label()).isIn("female", "male");
      assertThat(face.gender().score()).isBetween(0.5, 1.0);
      assertThat(face.landmarks68()).hasSize(68);
      // every landmark lies on the face: within the box widened by half its size
      double x = face.box().x();
      double y = face.box().y();
      double w = face.box().width();
      double h = face.box().height();
      assertThat(face.landmarks68()).allSatisfy(p -> {
        assertThat(p.x()).isBetween(x - w / 2, x + w * 1.5);
        assertThat(p.y()).isBetween(y - h / 2, y + h * 1.5);
      });
      // the eyes' landmarks (36-47) lie near BlazeFace's eye keypoints (right eye first)
      double rightEyeX = face.landmarks68().subList(36, 42).stream().mapToDouble(p -> p.x()).average().orElseThrow();
      double leftEyeX = face.landmarks68().subList(42, 48).stream().mapToDouble(p -> p.x()).average().orElseThrow();
      assertThat(Math.abs(rightEyeX - face.keypoints().get(0).x())).isLessThan(w * 0.15);
      assertThat(Math.abs(leftEyeX - face.keypoints().get(1).x())).isLessThan(w * 0.15);
    });
    assertThat(ResultJson.line(extras)).contains("\"age\":").contains("\"gender\":{\"label\":").contains("\"landmarks68\":[[");
  }

  @Test
  void everyBuiltInEmotionModelAnswersInTheSameLabels() {
    for (EmotionModel model : EmotionModel.values()) {
      ImageAnalysis result = analyzer.analyze(Samples.photo(2), AnalysisRequest.facesAndEmotions().withBuiltInEmotion(model));
      assertThat(result.faces()).as(model.id()).isNotEmpty().allSatisfy(face -> assertThat(face.emotion().scores().keySet())
          .containsExactly("angry", "disgust", "fear", "happy", "sad", "surprise", "neutral"));
    }
  }
}
