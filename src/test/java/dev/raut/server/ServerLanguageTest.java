package dev.raut.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.raut.core.analysis.Analyzer;
import dev.raut.core.analysis.DetectorChoice;
import dev.raut.core.analysis.Engine;
import dev.raut.core.text.Language;
import dev.raut.core.text.Messages;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Error messages follow the request's language (Accept-Language, ?lang=); codes and keys stay the same. */
class ServerLanguageTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final byte[] TEXT = "just some words, no pixels\n".getBytes(StandardCharsets.UTF_8);
  private static Engine engine;
  private static RautServer server;
  private static Http http;

  @BeforeAll
  static void start() {
    engine = Engine.openDefault();
    server = new RautServer(new Analyzer(engine));
    http = new Http(server.start(ServerConfig.defaults().withPort(0).withWorkers(1, 4)));
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
  void aRefusalIsIndonesianForAnIndonesianBrowserWithTheSameStatus() throws Exception {
    MultipartBody noImage = new MultipartBody().field("image", "not a file");

    HttpResponse<String> english = http.post("/v1/analyze", noImage);
    HttpResponse<String> indonesian = http.post("/v1/analyze", noImage, "Accept-Language", "id-ID,id;q=0.9,en;q=0.8");

    assertThat(english.statusCode()).isEqualTo(400);
    assertThat(indonesian.statusCode()).isEqualTo(400);
    assertThat(JSON.readTree(english.body()).path("status").path("message").asText())
        .isEqualTo("Bad Request: no file field named 'image' in the form");
    assertThat(JSON.readTree(indonesian.body()).path("status").path("message").asText())
        .isEqualTo("Permintaan Tidak Valid: tidak ada kolom berkas bernama \u201cimage\u201d di formulir");
  }

  @Test
  void aPhotosErrorKeepsItsCodeAndSaysItselfInTheAskedLanguage() throws Exception {
    MultipartBody words = new MultipartBody().file("image", "kata.jpg", "image/jpeg", TEXT);

    JsonNode english = JSON.readTree(http.post("/v1/analyze", words).body()).path("data").path("images").get(0);
    JsonNode indonesian = JSON.readTree(http.post("/v1/analyze?lang=id", words, "Accept-Language", "en").body())
        .path("data").path("images").get(0);

    assertThat(indonesian.path("error").path("code").asText()).isEqualTo("not_an_image")
        .isEqualTo(english.path("error").path("code").asText());
    assertThat(english.path("error").path("message").asText()).isEqualTo("kata.jpg: This is a text file, not an image.");
    assertThat(indonesian.path("error").path("message").asText()).isEqualTo("kata.jpg: Ini berkas teks, bukan gambar.");
  }

  @Test
  void theWebPagesWordsComeInTheBrowsersLanguageOrTheChosenOne() throws Exception {
    JsonNode byBrowser = JSON.readTree(http.get("/texts", "Accept-Language", "id").body());
    JsonNode chosen = JSON.readTree(http.get("/texts?lang=en", "Accept-Language", "id").body());

    assertThat(byBrowser.path("language").asText()).isEqualTo("id");
    assertThat(byBrowser.path("texts").path("drop.here").asText()).isEqualTo("Letakkan foto di sini");
    assertThat(byBrowser.path("labels").path("happy").asText()).isEqualTo("senang");
    assertThat(byBrowser.path("labels").path("traffic light").asText()).isEqualTo("lampu lalu lintas");
    assertThat(chosen.path("language").asText()).isEqualTo("en");
    assertThat(chosen.path("texts").path("drop.here").asText()).isEqualTo("Drop photos here");
    assertThat(chosen.path("texts").path("analysingMany").asText()).isEqualTo("Analysing {0} photos\u2026");
  }

  @Test
  void thePagesOptionsSpeakBothLanguagesAndNameTheDetectorsAsTheAppDoes() throws Exception {
    for (Language language : Language.values()) {
      JsonNode texts = JSON.readTree(http.get("/texts?lang=" + language.tag()).body()).path("texts");
      for (DetectorChoice detector : DetectorChoice.values()) {
        assertThat(texts.path("detector." + detector.cliName()).asText()).as("%s in %s", detector, language)
            .isEqualTo(Messages.text(language, "app.detector." + detector.cliName()));
      }
    }
    JsonNode indonesian = JSON.readTree(http.get("/texts?lang=id").body()).path("texts");
    assertThat(indonesian.path("find.objects").asText()).isEqualTo("Objek (COCO-80)");
    assertThat(indonesian.path("find.all").asText()).isEqualTo("Wajah + emosi + objek");
    assertThat(indonesian.path("classifier.face").asText()).isEqualTo("{0} (setiap wajah)");
    assertThat(indonesian.path("detector.back").asText()).isEqualTo("BlazeFace belakang (foto grup)");
  }
}
