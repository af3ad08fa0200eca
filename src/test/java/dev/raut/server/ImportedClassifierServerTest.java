package dev.raut.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.raut.cli.RautCommand;
import dev.raut.core.analysis.AnalysisRequest;
import dev.raut.core.analysis.Analyzer;
import dev.raut.core.analysis.DetectorChoice;
import dev.raut.core.analysis.Engine;
import dev.raut.core.analysis.ImageAnalysis;
import dev.raut.core.analysis.ResultJson;
import dev.raut.core.classify.ClassifierLibrary;
import dev.raut.testing.UserModels;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code raut serve --classifier NAME} with a model imported by {@code raut models import}: the
 * seed-style {@code /prediction}, {@code /v1/models} and {@code /v1/analyze} over a real HTTP client
 * on loopback, the answers checked against the same pipeline run in-process.
 */
class ImportedClassifierServerTest {
  private static final Pattern URL = Pattern.compile("Raut is serving on (http://\\S+/)");

  @TempDir
  Path data;

  private AutoCloseable dataFolder;
  private byte[] sample1;

  @BeforeEach
  void importTheUsersModel() {
    dataFolder = UserModels.dataFolder(data);
    for (String[] asked : new String[][] {{"fer-face", "face"}, {"fer-photo", "image"}}) {
      assertThat(RautCommand.execute("models", "import", UserModels.FER2013.toString(), "--name", asked[0], "--scope",
          asked[1], "--input-scale", "-1-1")).isZero();
    }
    sample1 = TestPhotos.bytes(TestPhotos.sample(1));
  }

  @AfterEach
  void restore() throws Exception {
    dataFolder.close();
  }

  @Test
  void aWholePhotoClassifierAnswersPredictionByName() throws Exception {
    ImageAnalysis expected = inProcess(new AnalysisRequest(false, false, false, card("fer-photo"), DetectorChoice.AUTO, 0));
    ImageAnalysis.ClassScore top = expected.classes().get(0);
    try (Serve serve = new Serve("--classifier", "fer-photo")) {
      HttpResponse<String> response = serve.http.post("/prediction",
          new MultipartBody().file("image", "sample1.jpg", "image/jpeg", sample1));
      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(response.body()).isEqualTo("{\"status\":{\"code\":200,\"message\":\"Success Predicting the Image\"},"
          + "\"data\":{\"image_types_prediction\":\"" + top.label() + "\",\"confidence\":" + ResultJson.score(top.score()) + "}}");

      JsonNode models = ResultJson.mapper().readTree(serve.http.get("/v1/models").body()).get("data");
      assertThat(models.get("prediction").asText()).isEqualTo("classifier");
      assertThat(models.get("classifier").get("name").asText()).isEqualTo("fer-photo");
      assertThat(models.get("classifier").get("id").asText()).isEqualTo(models.get("library").get(1).get("id").asText());
      assertThat(models.get("classifier").get("scope").asText()).isEqualTo("image");
      assertThat(models.get("library").findValuesAsText("name")).containsExactly("fer-face", "fer-photo");
      assertThat(models.get("library").findValuesAsText("scope")).containsExactly("face", "image");
      assertThat(models.get("library").get(0).get("labels")).hasSize(7);
    }
  }

  @Test
  void aFaceClassifierAnswersForTheLargestFaceAndPerFaceInAnalyze() throws Exception {
    ImageAnalysis expected = inProcess(new AnalysisRequest(false, false, false, card("fer-face"), DetectorChoice.AUTO, 0));
    assertThat(expected.faces()).hasSize(3);
    ImageAnalysis.ClassScore top = expected.faces().stream()
        .max(Comparator.comparingDouble(f -> f.box().width() * f.box().height())).orElseThrow().classes().get(0);
    try (Serve serve = new Serve("--classifier", "fer-face", "--emotion-model", "fer-face")) {
      HttpResponse<String> response = serve.http.post("/prediction",
          new MultipartBody().file("image", "sample1.jpg", "image/jpeg", sample1));
      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(response.body()).isEqualTo("{\"status\":{\"code\":200,\"message\":\"Success Predicting the Image\"},"
          + "\"data\":{\"image_types_prediction\":\"" + top.label() + "\",\"confidence\":" + ResultJson.score(top.score()) + "}}");

      HttpResponse<String> analyzed = serve.http.post("/v1/analyze?classifier=true&emotions=true",
          new MultipartBody().file("image", "sample1.jpg", "image/jpeg", sample1));
      assertThat(analyzed.statusCode()).isEqualTo(200);
      JsonNode image = ResultJson.mapper().readTree(analyzed.body()).get("data").get("images").get(0);
      assertThat(image.get("classes")).isEmpty();
      assertThat(image.get("faces")).hasSize(3);
      for (int i = 0; i < 3; i++) {
        JsonNode face = image.get("faces").get(i);
        ImageAnalysis.Face want = expected.faces().get(i);
        assertThat(face.get("classes").get(0).get("label").asText()).isEqualTo(want.classes().get(0).label());
        assertThat(face.get("classes").get(0).get("score").asDouble()).isEqualTo(ResultJson.score(want.classes().get(0).score()));
        // the user's model also reads the emotion, so both say the same
        assertThat(face.get("emotion").get("label").asText()).isEqualTo(want.classes().get(0).label());
        assertThat(face.get("emotion").get("scores")).hasSize(7);
      }
    }
  }

  @Test
  void analyzeUsesAnImportedClassifierNamedByItsIdWithoutClassifierOnTheCommandLine() throws Exception {
    ImageAnalysis wholePhoto = inProcess(new AnalysisRequest(false, false, false, card("fer-photo"), DetectorChoice.AUTO, 0));
    ImageAnalysis perFace = inProcess(new AnalysisRequest(false, false, false, card("fer-face"), DetectorChoice.AUTO, 0));
    try (Serve serve = new Serve()) {
      JsonNode library = ResultJson.mapper().readTree(serve.http.get("/v1/models").body()).get("data").get("library");
      String faceId = library.get(0).get("id").asText();
      String photoId = library.get(1).get("id").asText();

      JsonNode photo = analyzed(serve, "/v1/analyze?faces=false&classifier=" + photoId);
      assertThat(photo.get("classes").findValuesAsText("label"))
          .containsExactlyElementsOf(wholePhoto.classes().stream().map(ImageAnalysis.ClassScore::label).toList());
      JsonNode faces = analyzed(serve, "/v1/analyze?faces=true&emotions=false&classifier=" + faceId);
      assertThat(faces.get("classes")).isEmpty();
      assertThat(faces.get("faces")).hasSize(perFace.faces().size());
      for (int i = 0; i < perFace.faces().size(); i++) {
        assertThat(faces.get("faces").get(i).get("classes").get(0).get("label").asText())
            .isEqualTo(perFace.faces().get(i).classes().get(0).label());
      }

      // an id, never a path: a card on disk that is not in the library is refused like any unknown name
      HttpResponse<String> byPath = serve.http.post("/v1/analyze?classifier=" + card("fer-photo"),
          new MultipartBody().file("image", "sample1.jpg", "image/jpeg", sample1));
      assertThat(byPath.statusCode()).isEqualTo(400);
      assertThat(byPath.body()).contains("there is no imported classifier");
    }
  }

  @Test
  void anUnknownNameIsAUsageErrorBeforeAnyPortOpens() {
    assertThat(RautCommand.execute("serve", "--port", "0", "--classifier", "genres")).isEqualTo(RautCommand.EXIT_USAGE);
    assertThat(RautCommand.execute("serve", "--port", "0", "--emotion-model", "fer-photo"))
        .isEqualTo(RautCommand.EXIT_USAGE);
  }

  private JsonNode analyzed(Serve serve, String path) throws Exception {
    HttpResponse<String> response = serve.http.post(path, new MultipartBody().file("image", "sample1.jpg", "image/jpeg", sample1));
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return ResultJson.mapper().readTree(response.body()).get("data").get("images").get(0);
  }

  private static String card(String name) {
    return ClassifierLibrary.defaultLibrary().resolve(name).orElseThrow().toString();
  }

  private ImageAnalysis inProcess(AnalysisRequest request) {
    try (Engine engine = Engine.openDefault()) {
      return new Analyzer(engine).analyze(sample1, "sample1.jpg", request);
    }
  }

  /** {@code raut serve ARGS --port 0} on a thread of its own, stopped by interrupting it. */
  private static final class Serve implements AutoCloseable {
    final Http http;
    private final Thread thread;
    private final AtomicInteger exit = new AtomicInteger(-1);

    Serve(String... args) throws InterruptedException {
      StringWriter out = new StringWriter();
      String[] all = new String[args.length + 3];
      all[0] = "serve";
      all[1] = "--port";
      all[2] = "0";
      System.arraycopy(args, 0, all, 3, args.length);
      thread = new Thread(() -> exit.set(RautCommand.commandLine().setOut(new PrintWriter(out, true)).execute(all)),
          "raut-serve-test");
      thread.start();
      long deadline = System.nanoTime() + 60_000_000_000L;
      Matcher url = URL.matcher("");
      while (!url.reset(out.toString()).find()) {
        assertThat(thread.isAlive()).as("raut serve stopped early with exit code %s: %s", exit, out).isTrue();
        assertThat(System.nanoTime()).as("raut serve did not start within 60 s").isLessThan(deadline);
        Thread.sleep(50);
      }
      http = new Http(URI.create(url.group(1)));
    }

    @Override
    public void close() throws InterruptedException {
      thread.interrupt();
      thread.join(30_000);
      assertThat(thread.isAlive()).isFalse();
      assertThat(exit.get()).isZero();
    }
  }
}
