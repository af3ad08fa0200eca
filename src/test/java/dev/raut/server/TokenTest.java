package dev.raut.server;

import static dev.raut.server.Http.error;
import static org.assertj.core.api.Assertions.assertThat;

import dev.raut.core.analysis.Analyzer;
import dev.raut.core.analysis.Engine;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** With a token, every endpoint but /health (and the static page) needs {@code Authorization: Bearer T}. */
class TokenTest {
  private static final String TOKEN = "correct-horse-battery";

  private static Engine engine;
  private static RautServer server;
  private static Http http;
  private static MultipartBody photo;

  @BeforeAll
  static void start() {
    engine = Engine.openDefault();
    server = new RautServer(new Analyzer(engine));
    http = new Http(server.start(ServerConfig.defaults().withPort(0).withWorkers(2, 4).withToken(TOKEN)));
    photo = new MultipartBody().file("image", "sample2.jpg", "image/jpeg", TestPhotos.bytes(TestPhotos.sample(2)));
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

  @Test
  void withoutTheTokenEveryApiEndpointAnswers401() {
    for (HttpResponse<String> response : java.util.List.of(
        http.get("/"), http.get("/v1/models"), http.post("/prediction", photo), http.post("/v1/analyze", photo),
        http.get("/prediction"), http.get("/nothing-here"))) {
      assertThat(response.statusCode()).as(response.uri().toString()).isEqualTo(401);
      assertThat(response.body()).isEqualTo(error(401, "Unauthorized"));
      assertThat(response.headers().firstValue("WWW-Authenticate")).hasValue("Bearer realm=\"raut\"");
    }
  }

  @Test
  void aWrongTokenOrSchemeIs401() {
    assertThat(http.post("/prediction", photo, "Authorization", "Bearer wrong").statusCode()).isEqualTo(401);
    assertThat(http.post("/prediction", photo, "Authorization", "Bearer " + TOKEN + "x").statusCode()).isEqualTo(401);
    assertThat(http.post("/prediction", photo, "Authorization", "Basic " + TOKEN).statusCode()).isEqualTo(401);
  }

  @Test
  void theRightTokenOpensEveryEndpoint() {
    String[] auth = {"Authorization", "Bearer " + TOKEN};
    assertThat(http.get("/", auth).body()).isEqualTo("{\"status\":{\"code\":200,\"message\":\"Success fetching the API\"},\"data\":null}");
    assertThat(http.get("/v1/models", auth).statusCode()).isEqualTo(200);
    HttpResponse<String> prediction = http.post("/prediction", photo, auth);
    assertThat(prediction.statusCode()).isEqualTo(200);
    assertThat(prediction.body()).contains("\"image_types_prediction\":\"person\"");
    assertThat(http.post("/v1/analyze", photo, auth).statusCode()).isEqualTo(200);
    assertThat(http.get("/prediction", auth).statusCode()).isEqualTo(405);
  }

  @Test
  void healthAndThePageNeedNoToken() {
    assertThat(http.get("/health").statusCode()).isEqualTo(200);
    HttpResponse<String> page = http.get("/", "Accept", "text/html");
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body()).contains("id=\"token-box\"");
    assertThat(http.get("/web/app.js").statusCode()).isEqualTo(200);
  }
}
