package dev.raut.server;

import static dev.raut.server.Http.error;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.raut.core.analysis.Analyzer;
import dev.raut.core.analysis.Engine;
import dev.raut.testing.TestDocuments;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Documents uploaded over real loopback HTTP: every photo inside analysed in memory, broken ones in plain words. */
class DocumentUploadTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String PPTX = "application/vnd.openxmlformats-officedocument.presentationml.presentation";

  @TempDir static Path dir;
  private static Engine engine;
  private static RautServer server;
  private static Http http;

  @BeforeAll
  static void start() {
    engine = Engine.openDefault();
    server = new RautServer(new Analyzer(engine));
    http = new Http(server.start(ServerConfig.defaults().withPort(0).withWorkers(2, 8)));
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.stop();
    }
    if (engine != null) {
      engine.close();
    }
  }

  private static byte[] bytes(Path file) throws Exception {
    return Files.readAllBytes(file);
  }

  @Test
  void analyzeGivesEachPhotoInsideItsOwnResultWithItsPlace() throws Exception {
    byte[] pdf = bytes(TestDocuments.pdf(dir.resolve("report.pdf"), List.of(List.of(), List.of(), List.of(1, 2))));
    byte[] pptx = bytes(TestDocuments.pptx(dir.resolve("talk.pptx"), List.of(List.of(4))));
    byte[] icons = bytes(TestDocuments.pdfWithIcons(dir.resolve("icons.pdf"), 120, true));
    HttpResponse<String> response = http.post("/v1/analyze", new MultipartBody()
        .file("image", "report.pdf", "application/pdf", pdf)
        .file("image", "talk.pptx", PPTX, pptx)
        .file("image", "icons.pdf", "application/octet-stream", icons)
        .field("emotions", "true"));

    assertThat(response.statusCode()).isEqualTo(200);
    JsonNode data = JSON.readTree(response.body()).get("data");
    JsonNode images = data.get("images");
    assertThat(images).hasSize(4);
    assertThat(images.get(0).get("file").asText()).isEqualTo("report.pdf");
    assertThat(images.get(0).get("part").toString()).isEqualTo("{\"page\":3,\"index\":1}");
    assertThat(images.get(1).get("part").toString()).isEqualTo("{\"page\":3,\"index\":2}");
    assertThat(images.get(2).get("part").toString()).isEqualTo("{\"page\":1,\"index\":1}");
    // the sample photos' faces (3, 3 and 4; sample 1 again behind the icons), each with an emotion
    assertThat(List.of(images.get(0), images.get(1), images.get(2), images.get(3)))
        .extracting(r -> r.get("faces").size()).containsExactly(3, 3, 4, 3);
    assertThat(images.get(2).get("faces").get(0).get("emotion").get("label").asText()).isNotEmpty();
    assertThat(data.get("documents")).hasSize(1);
    assertThat(data.get("documents").get(0).asText())
        .isEqualTo("icons.pdf: 1 photo; skipped 120 images under 64 × 64 pixels (icons)");
  }

  @Test
  void aDocumentThatCannotBeReadIsOneResultWithItsError() throws Exception {
    byte[] secret = bytes(TestDocuments.encryptedPdf(dir.resolve("secret.pdf"), 1));
    byte[] empty = bytes(TestDocuments.pdfWithoutPhotos(dir.resolve("text.pdf")));
    HttpResponse<String> response = http.post("/v1/analyze", new MultipartBody()
        .file("image", "secret.pdf", "application/pdf", secret)
        .file("image", "text.pdf", "application/pdf", empty));
    assertThat(response.statusCode()).isEqualTo(200);
    JsonNode images = JSON.readTree(response.body()).get("data").get("images");
    assertThat(images).hasSize(2);
    assertThat(images.get(0).has("part")).isFalse();
    assertThat(images.get(0).get("error").get("code").asText()).isEqualTo("encrypted");
    assertThat(images.get(0).get("error").get("message").asText()).startsWith("secret.pdf: This PDF is protected");
    assertThat(images.get(1).get("error").get("code").asText()).isEqualTo("no_photos");

    HttpResponse<String> prediction = http.post("/prediction", new MultipartBody()
        .file("image", "secret.pdf", "application/pdf", secret));
    assertThat(prediction.statusCode()).isEqualTo(400);
    assertThat(prediction.body()).isEqualTo(error(400, "Bad Request"));
  }

  @Test
  void predictionAnswersOnePredictionPerPhotoOfADocument() throws Exception {
    byte[] pptx = bytes(TestDocuments.pptx(dir.resolve("two.pptx"), List.of(List.of(1), List.of(5))));
    HttpResponse<String> response = http.post("/prediction", new MultipartBody().file("image", "two.pptx", PPTX, pptx));
    assertThat(response.statusCode()).isEqualTo(200);
    JsonNode data = JSON.readTree(response.body()).get("data");
    assertThat(data).hasSize(2);
    assertThat(data.get(0).get("part").toString()).isEqualTo("{\"page\":1,\"index\":1}");
    assertThat(data.get(1).get("part").toString()).isEqualTo("{\"page\":2,\"index\":1}");
    // the server's default task names the most confident object: the people in the sample photos
    assertThat(data.get(0).get("image_types_prediction").asText()).isEqualTo("person");
    assertThat(data.get(1).get("confidence").asDouble()).isGreaterThan(0.3);
  }
}
