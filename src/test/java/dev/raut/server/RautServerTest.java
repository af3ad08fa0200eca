package dev.raut.server;

import static dev.raut.server.Http.error;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.raut.core.analysis.AnalysisRequest;
import dev.raut.core.analysis.Analyzer;
import dev.raut.core.analysis.Engine;
import dev.raut.core.analysis.ImageAnalysis;
import dev.raut.core.analysis.ResultJson;
import dev.raut.testing.Wire;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Every endpoint and status code, through a real HTTP client, with the real models on the sample photos. */
class RautServerTest {
  private static final byte[] TEXT = "just some words, no pixels\n".getBytes(StandardCharsets.UTF_8);

  private static Engine engine;
  private static Analyzer analyzer;
  private static RautServer server;
  private static RautServer smallLimitServer;
  private static Http http;
  private static Http smallLimitHttp;
  private static byte[] sample1;
  private static byte[] sample2;

  @BeforeAll
  static void start() {
    engine = Engine.openDefault();
    analyzer = new Analyzer(engine);
    ServerConfig config = ServerConfig.defaults().withPort(0).withWorkers(2, 8);
    server = new RautServer(analyzer);
    http = new Http(server.start(config));
    smallLimitServer = new RautServer(analyzer);
    smallLimitHttp = new Http(smallLimitServer.start(config.withMaxUploadBytes(100 * 1024)));
    sample1 = TestPhotos.bytes(TestPhotos.sample(1));
    sample2 = TestPhotos.bytes(TestPhotos.sample(2));
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.stop();
    }
    if (smallLimitServer != null) {
      smallLimitServer.stop();
    }
    if (engine != null) {
      engine.close();
    }
  }

  @Test
  void rootAnswersJsonForApiClients() {
    HttpResponse<String> response = http.get("/");
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
    assertThat(response.body()).isEqualTo("{\"status\":{\"code\":200,\"message\":\"Success fetching the API\"},\"data\":null}");
  }

  @Test
  void rootAnswersTheWebPageForBrowsers() {
    HttpResponse<String> page = http.get("/", "Accept", "text/html,application/xhtml+xml,*/*;q=0.8");
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/html"));
    assertThat(page.body()).contains("id=\"drop\"", "/web/app.js", "/web/app.css").doesNotContain("http://", "https://");
    HttpResponse<String> script = http.get("/web/app.js");
    assertThat(script.statusCode()).isEqualTo(200);
    assertThat(script.body()).contains("/v1/analyze");
    // works offline: nothing is loaded from anywhere but this server
    for (String asset : List.of("/web/app.js", "/web/app.css")) {
      assertThat(http.get(asset).body()).as(asset).doesNotContain("http:", "https:", "//cdn");
    }
  }

  @Test
  void predictionAnswersTheTopObjectInTheFlaskApiShape() {
    HttpResponse<String> response = http.post("/prediction", new MultipartBody().file("image", "sample1.jpg", "image/jpeg", sample1));

    PredictionTask.Prediction expected = PredictionTask.OBJECTS.pick(
        analyzer.analyze(sample1, "sample1.jpg", PredictionTask.OBJECTS.request(null)));
    assertThat(expected.label()).isEqualTo("person");
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).isEqualTo("{\"status\":{\"code\":200,\"message\":\"Success Predicting the Image\"},"
        + "\"data\":{\"image_types_prediction\":\"person\",\"confidence\":" + expected.confidence() + "}}");
    assertThat(expected.confidence()).isBetween(0.2, 1.0);
  }

  @Test
  void predictionRefusesOtherMethodsWith405() {
    assertThat(http.get("/prediction")).satisfies(r -> {
      assertThat(r.statusCode()).isEqualTo(405);
      assertThat(r.body()).isEqualTo(error(405, "Method Not Allowed"));
    });
    for (String method : List.of("PUT", "DELETE", "PATCH")) {
      HttpResponse<String> response = http.send(http.request("/prediction").method(method, HttpRequest.BodyPublishers.noBody()));
      assertThat(response.statusCode()).as(method).isEqualTo(405);
      assertThat(response.body()).as(method).isEqualTo(error(405, "Method Not Allowed"));
    }
  }

  @Test
  void predictionAnswers400ForMissingFieldsAndBrokenImages() {
    List<HttpResponse<String>> responses = new ArrayList<>();
    responses.add(http.send(http.request("/prediction").header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString("{\"image\":\"sample1.jpg\"}"))));
    responses.add(http.post("/prediction", new MultipartBody().file("photo", "sample1.jpg", "image/jpeg", sample1)));
    responses.add(http.post("/prediction", new MultipartBody().field("image", "sample1.jpg")));
    responses.add(http.post("/prediction", new MultipartBody().file("image", "words.jpg", "image/jpeg", TEXT)));
    responses.add(http.post("/prediction", new MultipartBody().file("image", "cut.jpg", "image/jpeg", Arrays.copyOf(sample1, 20_000))));
    responses.add(http.post("/prediction", new MultipartBody().file("image", "empty.png", "image/png", new byte[0])));
    for (HttpResponse<String> response : responses) {
      assertThat(response.statusCode()).isEqualTo(400);
      assertThat(response.body()).isEqualTo(error(400, "Bad Request"));
    }
  }

  @Test
  void predictionAnswers415ForTypesRautDoesNotRead() {
    byte[] heic = new byte[64];
    System.arraycopy("\0\0\0\u0018ftypheic".getBytes(StandardCharsets.ISO_8859_1), 0, heic, 0, 12);
    List<HttpResponse<String>> responses = List.of(
        http.post("/prediction", new MultipartBody().file("image", "notes.txt", "text/plain", TEXT)),
        // declared as anything, recognised by content as a format Raut cannot decode
        http.post("/prediction", new MultipartBody().file("image", "phone.heic", "application/octet-stream", heic)));
    for (HttpResponse<String> response : responses) {
      assertThat(response.statusCode()).isEqualTo(415);
      assertThat(response.body()).isEqualTo(error(415, "Unsupported Media Type"));
    }
  }

  @Test
  void predictionAnswers413ForImagesOverTheLimitWithOrWithoutContentLength() {
    MultipartBody body = new MultipartBody().file("image", "sample1.jpg", "image/jpeg", sample1);
    HttpResponse<String> declared = smallLimitHttp.post("/prediction", body);
    // chunked: no Content-Length, so Jetty's multipart limit is what stops it
    HttpResponse<String> chunked = smallLimitHttp.send(smallLimitHttp.request("/prediction")
        .header("Content-Type", body.contentType())
        .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body.bytes()))));
    for (HttpResponse<String> response : List.of(declared, chunked)) {
      assertThat(response.statusCode()).isEqualTo(413);
      assertThat(response.body()).isEqualTo(error(413, "Payload Too Large"));
    }
    HttpResponse<String> twoImages = http.post("/prediction", new MultipartBody()
        .file("image", "sample1.jpg", "image/jpeg", sample1).file("image", "sample2.jpg", "image/jpeg", sample2));
    assertThat(twoImages.statusCode()).isEqualTo(413);
    assertThat(twoImages.body()).isEqualTo(error(413, "Payload Too Large"));
    HttpResponse<String> analyze = smallLimitHttp.send(smallLimitHttp.request("/v1/analyze")
        .header("Content-Type", body.contentType())
        .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body.bytes()))));
    assertThat(analyze.statusCode()).isEqualTo(413);
    assertThat(analyze.body()).contains("an image may be at most 100 KB");
  }

  @Test
  void analyzeAnswersTheCliSchemaForEachImageInOrder() throws Exception {
    HttpResponse<String> response = http.post("/v1/analyze", new MultipartBody()
        .file("image", "sample1.jpg", "image/jpeg", sample1)
        .file("image", "sample2.jpg", "image/jpeg", sample2));

    assertThat(response.statusCode()).isEqualTo(200);
    JsonNode body = ResultJson.mapper().readTree(response.body());
    assertThat(body.get("status").toString()).isEqualTo("{\"code\":200,\"message\":\"Success Analyzing the Images\"}");
    JsonNode images = body.get("data").get("images");
    assertThat(images).hasSize(2);
    AnalysisRequest cliDefault = AnalysisRequest.facesAndEmotions();
    List<ImageAnalysis> expected = List.of(
        analyzer.analyze(sample1, "sample1.jpg", cliDefault), analyzer.analyze(sample2, "sample2.jpg", cliDefault));
    for (int i = 0; i < 2; i++) {
      ImageAnalysis served = ResultJson.parse(images.get(i).toString());
      assertThat(images.get(i).toString()).isEqualTo(ResultJson.line(served));
      assertThat(served).isEqualTo(Wire.asSent(expected.get(i)));
      assertThat(served.faces()).isNotEmpty().allSatisfy(face -> assertThat(face.emotion()).isNotNull());
    }
  }

  @Test
  void analyzeGivesAgeGenderAndLandmarksOnlyWhenAsked() throws Exception {
    HttpResponse<String> asked = http.post("/v1/analyze?age_gender=true&landmarks=true",
        new MultipartBody().file("image", "sample2.jpg", "image/jpeg", sample2));
    assertThat(asked.statusCode()).isEqualTo(200);
    ImageAnalysis result = ResultJson.parse(ResultJson.mapper().readTree(asked.body()).get("data").get("images").get(0).toString());
    assertThat(result).isEqualTo(Wire.asSent(analyzer.analyze(sample2, "sample2.jpg",
        AnalysisRequest.asked(true, false, false, null, null, AnalysisRequest.DEFAULT_OBJECT_THRESHOLD, null)
            .withFaceExtras(true, true))));
    assertThat(result.faces()).isNotEmpty().allSatisfy(face -> {
      assertThat(face.age()).isNotNull();
      assertThat(face.gender()).isNotNull();
      assertThat(face.landmarks68()).hasSize(68);
    });
    HttpResponse<String> plain = http.post("/v1/analyze", new MultipartBody().file("image", "sample2.jpg", "image/jpeg", sample2));
    assertThat(plain.body()).doesNotContain("\"age\"").doesNotContain("landmarks68");
  }

  @Test
  void analyzeTakesOptionsAsFormFieldsOrQueryParameters() throws Exception {
    HttpResponse<String> asField = http.post("/v1/analyze", new MultipartBody()
        .field("objects", "true").file("image", "sample2.jpg", "image/jpeg", sample2));
    HttpResponse<String> asQuery = http.post("/v1/analyze?objects=true&faces=false",
        new MultipartBody().file("image", "sample2.jpg", "image/jpeg", sample2));
    for (HttpResponse<String> response : List.of(asField, asQuery)) {
      assertThat(response.statusCode()).isEqualTo(200);
      ImageAnalysis result = ResultJson.parse(ResultJson.mapper().readTree(response.body()).get("data").get("images").get(0).toString());
      assertThat(result.faces()).isEmpty();
      assertThat(result.objects()).extracting(ImageAnalysis.DetectedObjectResult::label).contains("person");
    }

    HttpResponse<String> noClassifier = http.post("/v1/analyze?classifier=true",
        new MultipartBody().file("image", "sample2.jpg", "image/jpeg", sample2));
    assertThat(noClassifier.statusCode()).isEqualTo(400);
    assertThat(noClassifier.body()).isEqualTo(error(400,
        "Bad Request: this server has no classifier; start it with raut serve --classifier CARD_OR_ONNX"));
    HttpResponse<String> unknownClassifier = http.post("/v1/analyze?classifier=genres",
        new MultipartBody().file("image", "sample2.jpg", "image/jpeg", sample2));
    assertThat(unknownClassifier.statusCode()).isEqualTo(400);
    assertThat(unknownClassifier.body()).isEqualTo(error(400, "Bad Request: there is no imported classifier 'genres';"
        + " send true, false or one of the ids /v1/models lists under library"));
    HttpResponse<String> badFlag = http.post("/v1/analyze?faces=maybe",
        new MultipartBody().file("image", "sample2.jpg", "image/jpeg", sample2));
    assertThat(badFlag.statusCode()).isEqualTo(400);
    assertThat(badFlag.body()).contains("option 'faces' must be true or false");
  }

  @Test
  void analyzeReportsProblemsPerImageLikeTheCli() throws Exception {
    HttpResponse<String> response = http.post("/v1/analyze", new MultipartBody()
        .file("image", "sample2.jpg", "image/jpeg", sample2)
        .file("image", "notes.txt", "text/plain", TEXT)
        .file("image", "words.jpg", "image/jpeg", TEXT));

    assertThat(response.statusCode()).isEqualTo(200);
    JsonNode images = ResultJson.mapper().readTree(response.body()).get("data").get("images");
    assertThat(images).hasSize(3);
    assertThat(images.get(0).get("error").isNull()).isTrue();
    assertThat(images.get(1).get("error").get("code").asText()).isEqualTo("unsupported_type");
    assertThat(images.get(2).get("error").get("code").asText()).isEqualTo("not_an_image");
    assertThat(images.get(2).get("file").asText()).isEqualTo("words.jpg");
  }

  @Test
  void clientFileNamesAreOnlyLabels() throws Exception {
    HttpResponse<String> response = http.post("/v1/analyze", new MultipartBody()
        .file("image", "../../etc/cron.d/evil.jpg", "image/jpeg", sample2));
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(ResultJson.mapper().readTree(response.body()).get("data").get("images").get(0).get("file").asText())
        .isEqualTo("evil.jpg");
  }

  @Test
  void analyzeRefusesMoreImagesThanOneRequestMayCarry() {
    MultipartBody body = new MultipartBody();
    for (int i = 0; i <= AnalyzeHandler.MAX_IMAGES; i++) {
      body.file("image", "tiny" + i + ".jpg", "image/jpeg", TEXT);
    }
    HttpResponse<String> response = http.post("/v1/analyze", body);
    assertThat(response.statusCode()).isEqualTo(413);
    assertThat(response.body()).isEqualTo(error(413, "Payload Too Large: at most 16 images per request"));
  }

  @Test
  void modelsListsTheDefaultModelsAndTheUploadLimits() throws Exception {
    HttpResponse<String> response = http.get("/v1/models");
    assertThat(response.statusCode()).isEqualTo(200);
    JsonNode data = ResultJson.mapper().readTree(response.body()).get("data");
    assertThat(data.get("prediction").asText()).isEqualTo("objects");
    assertThat(data.get("models").findValuesAsText("id")).containsExactly("face-front", "face-back", "face-haar", "emotion", "objects",
        "embed-mobilenet-v3", "embed-mobilenet-v2", "embed-mobilenet-v3-texture", "face-expression", "face-age-gender",
        "face-landmark-68", "face-landmark-68-tiny", "face-recognition");
    assertThat(data.get("models").findValuesAsText("state")).containsOnly("ready");
    assertThat(data.get("classifier").isNull()).isTrue();
    assertThat(data.get("upload").get("max_image_bytes").asLong()).isEqualTo(ServerConfig.DEFAULT_MAX_UPLOAD_BYTES);
    assertThat(data.get("upload").get("types").toString()).contains("image/jpeg", "image/png", "image/webp");
  }

  @Test
  void healthAndUnknownPaths() {
    HttpResponse<String> health = http.get("/health");
    assertThat(health.statusCode()).isEqualTo(200);
    assertThat(health.body()).startsWith("{\"status\":{\"code\":200,\"message\":\"OK\"},\"data\":{\"workers\":2,");
    HttpResponse<String> missing = http.get("/nothing-here");
    assertThat(missing.statusCode()).isEqualTo(404);
    assertThat(missing.body()).isEqualTo(error(404, "Not Found"));
  }

  @Test
  void onLoopbackOnlyRequestsAddressedToLoopbackAreServed() throws Exception {
    assertThat(rawGet("/", "127.0.0.1:" + server.url().getPort())).startsWith("HTTP/1.1 200");
    assertThat(rawGet("/", "localhost:" + server.url().getPort())).startsWith("HTTP/1.1 200");
    // a page elsewhere that rebinds its own name to 127.0.0.1 still sends its name
    assertThat(rawGet("/", "attacker.example:" + server.url().getPort())).startsWith("HTTP/1.1 400")
        .endsWith(error(400, "Bad Request: this server answers only requests addressed to localhost or 127.0.0.1"));
    assertThat(AccessCheck.isLoopbackName("[::1]:5000")).isTrue();
    assertThat(AccessCheck.isLoopbackName("127.0.0.2")).isTrue();
    assertThat(AccessCheck.isLoopbackName("127.0.0.1.attacker.example")).isFalse();
    assertThat(AccessCheck.isLoopbackName("192.168.1.2:5000")).isFalse();
  }

  /** A GET with a Host header of our choosing (java.net.http does not let callers set Host). */
  private static String rawGet(String path, String host) throws Exception {
    try (java.net.Socket socket = new java.net.Socket("127.0.0.1", server.url().getPort())) {
      socket.setSoTimeout(10_000);
      socket.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n")
          .getBytes(StandardCharsets.US_ASCII));
      return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  @Test
  void theServerKnowsItsAddress() {
    URI url = server.url();
    assertThat(server.isRunning()).isTrue();
    assertThat(url.getHost()).isEqualTo("127.0.0.1");
    assertThat(url.getPort()).isPositive();
  }
}
