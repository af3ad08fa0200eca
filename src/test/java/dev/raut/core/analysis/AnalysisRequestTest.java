package dev.raut.core.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.raut.core.emotion.EmotionModel;
import dev.raut.core.emotion.EmotionViews;
import org.junit.jupiter.api.Test;

/** The best-measured defaults for each kind of input (README, "Emotion accuracy"). */
class AnalysisRequestTest {
  @Test
  void preCroppedFacesAreReadByMiniXceptionWithFiveCropsAndPhotosByTheBlendWithTwoViews() {
    AnalysisRequest crops = AnalysisRequest.facesAndEmotions().withDetector(DetectorChoice.NONE);
    assertThat(crops.emotionChoice()).isEqualTo(EmotionModel.MINI_XCEPTION);
    assertThat(crops.emotionViewsChoice()).isEqualTo(EmotionViews.THOROUGH);

    AnalysisRequest photos = AnalysisRequest.facesAndEmotions();
    assertThat(photos.emotionChoice()).isEqualTo(EmotionModel.BLEND);
    assertThat(photos.emotionViewsChoice()).isEqualTo(EmotionViews.FAST);
    assertThat(photos.withEmotionViews(EmotionViews.THOROUGH).emotionViewsChoice()).isEqualTo(EmotionViews.THOROUGH);
    assertThat(photos.withDetector(DetectorChoice.FRONT).emotionViewsChoice()).isEqualTo(EmotionViews.FAST);

    // live video: the cheapest network, unless one is named
    assertThat(photos.emotionChoiceForVideo()).isEqualTo(EmotionModel.MINI_XCEPTION);
    assertThat(photos.withBuiltInEmotion(EmotionModel.BLEND).emotionChoiceForVideo()).isEqualTo(EmotionModel.BLEND);
    assertThat(photos.withBuiltInEmotion(EmotionModel.FACE_EXPRESSION).emotionChoiceForVideo())
        .isEqualTo(EmotionModel.FACE_EXPRESSION);
  }
}
