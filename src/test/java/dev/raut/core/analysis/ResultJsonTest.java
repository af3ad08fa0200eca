package dev.raut.core.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.raut.core.document.DocumentPart;
import dev.raut.core.geometry.Box;
import dev.raut.core.geometry.Point;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The wire form: results keep their exact values, the JSON rounds and leaves out what was not asked. */
class ResultJsonTest {
  private static ImageAnalysis.Face face(Double age, List<Point> landmarks) {
    Map<String, Double> scores = new LinkedHashMap<>();
    scores.put("happy", 0.912345678);
    scores.put("neutral", 0.087654322);
    return new ImageAnalysis.Face(new Box(10.04, 20.06, 30.149, 40.15), 0.987654321,
        List.of(new Point(12.345, 22.355)), new ImageAnalysis.Emotion("happy", 0.912345678, scores), List.of(),
        age, age == null ? null : new ImageAnalysis.ClassScore("female", 0.876543), landmarks);
  }

  @Test
  void boxesAndPointsAreArraysRoundedToATenthOfAPixelAndScoresToFourDecimals() {
    ImageAnalysis result = new ImageAnalysis("a.jpg", 640, 480, List.of(face(null, List.of())),
        List.of(new ImageAnalysis.DetectedObjectResult("person", 0.55555, new Box(0.04, 1.26, 100.0, 200.01))),
        List.of(new ImageAnalysis.ClassScore("Kawung", 0.123456)), null);
    assertThat(ResultJson.line(result)).isEqualTo("{\"file\":\"a.jpg\",\"width\":640,\"height\":480,\"faces\":[{"
        + "\"box\":[10.0,20.1,30.1,40.2],\"score\":0.9877,\"keypoints\":[[12.3,22.4]],"
        + "\"emotion\":{\"label\":\"happy\",\"score\":0.9123,\"scores\":{\"happy\":0.9123,\"neutral\":0.0877}}}],"
        + "\"objects\":[{\"label\":\"person\",\"score\":0.5556,\"box\":[0.0,1.3,100.0,200.0]}],"
        + "\"classes\":[{\"label\":\"Kawung\",\"score\":0.1235}],\"error\":null}");
    // the result itself is untouched
    assertThat(result.faces().get(0).box().width()).isEqualTo(30.149);
  }

  @Test
  void faceExtrasAndTheDocumentPlaceAppearOnlyWhenPresentAndReadBack() {
    ImageAnalysis result = new ImageAnalysis("r.pdf", 100, 100,
        List.of(face(24.06, List.of(new Point(1.04, 2.06), new Point(3, 4)))), List.of(), List.of(), null)
        .withPart(DocumentPart.onPage(3, 2));
    String line = ResultJson.line(result);
    assertThat(line).startsWith("{\"file\":\"r.pdf\",\"part\":{\"page\":3,\"index\":2},")
        .contains("\"age\":24.1,\"gender\":{\"label\":\"female\",\"score\":0.8765},\"landmarks68\":[[1.0,2.1],[3.0,4.0]]");
    ImageAnalysis back = ResultJson.parse(line);
    assertThat(back.part()).isEqualTo(DocumentPart.onPage(3, 2));
    ImageAnalysis.Face face = back.faces().get(0);
    assertThat(face.box()).isEqualTo(new Box(10.0, 20.1, 30.1, 40.2));
    assertThat(face.keypoints()).containsExactly(new Point(12.3, 22.4));
    assertThat(face.landmarks68()).containsExactly(new Point(1.0, 2.1), new Point(3.0, 4.0));
    assertThat(face.age()).isEqualTo(24.1);
    assertThat(ResultJson.line(back)).isEqualTo(line);
  }

  @Test
  void aBoxThatIsNotFourNumbersIsRefused() {
    assertThatThrownBy(() -> ResultJson.parse("{\"file\":\"a\",\"width\":1,\"height\":1,\"faces\":[{\"box\":[1,2,3],"
        + "\"score\":0.5,\"keypoints\":[]}],\"objects\":[],\"classes\":[],\"error\":null}"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("A box is [x, y, w, h]");
  }
}
