package dev.raut.core.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.raut.core.geometry.Box;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ResultCsvTest {
  @Test
  void oneRowPerFaceObjectAndClassWithQuoting() {
    ImageAnalysis r = new ImageAnalysis("a,b.jpg", 640, 480,
        List.of(new ImageAnalysis.Face(new Box(1.0, 2.0, 30.0, 40.0), 0.91, List.of(),
            new ImageAnalysis.Emotion("happy", 0.8, Map.of("happy", 0.8)))),
        List.of(new ImageAnalysis.DetectedObjectResult("person", 0.7, new Box(0.0, 0.0, 100.0, 200.0))),
        List.of(new ImageAnalysis.ClassScore("say \"hi\"", 0.5)), null);
    assertThat(ResultCsv.rows(r)).containsExactly(
        "\"a,b.jpg\",640,480,face,0,happy,0.8,0.91,1.0,2.0,30.0,40.0,,,,,",
        "\"a,b.jpg\",640,480,object,0,person,0.7,,0.0,0.0,100.0,200.0,,,,,",
        "\"a,b.jpg\",640,480,class,0,\"say \"\"hi\"\"\",0.5,,,,,,,,,,");
    // a photo inside a document: its page (or slide), sheet and photo number in the last columns
    assertThat(ResultCsv.rows(r.withPart(dev.raut.core.document.DocumentPart.onPage(3, 2))).get(0))
        .endsWith(",40.0,,,3,,2");
  }

  @Test
  void emptyAndFailedImagesStillGetARow() {
    ImageAnalysis empty = new ImageAnalysis("e.jpg", 10, 10, List.of(), List.of(), List.of(), null);
    assertThat(ResultCsv.rows(empty)).containsExactly("e.jpg,10,10,,,,,,,,,,,,,,");
    ImageAnalysis failed = ImageAnalysis.failed("x.jpg", new AnalysisError("truncated", "x.jpg: cut short, at 40%"));
    assertThat(ResultCsv.rows(failed)).containsExactly("x.jpg,0,0,,,,,,,,,,truncated,\"x.jpg: cut short, at 40%\",,,");
    assertThat(ResultCsv.HEADER.split(",")).hasSize(17);
    assertThat(ResultCsv.rows(empty).get(0).split(",", -1)).hasSize(17);
  }
}
