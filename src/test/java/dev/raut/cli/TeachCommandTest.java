package dev.raut.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.raut.core.teach.TeacherTest;
import dev.raut.testing.UserModels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * {@code raut teach} end to end with the real fast backbone on photos the test makes: taught,
 * saved in the library, and used by name from {@code raut analyze} on photos it never saw.
 */
class TeachCommandTest extends RautCliTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void teachesSavesAndTheModelWorksByName() throws Exception {
    Path photos = TeacherTest.makeDataset(dir.resolve("kinds"), 12, 21);
    Path report = dir.resolve("report");
    assertThat(raut("teach", photos.toString(), "--name", "Kinds", "--backbone", "fast", "--out", report.toString()))
        .as(err()).isZero();
    assertThat(out()).contains("3 classes, 30 photos to teach on, 6 held out (a stratified split)", "Held-out accuracy",
        "Saved as 'Kinds'");
    assertThat(report.resolve("teach.json")).exists();
    assertThat(report.resolve("report.html")).exists();
    assertThat(report.resolve("curves.png")).exists();
    JsonNode summary = JSON.readTree(report.resolve("teach.json").toFile());
    assertThat(summary.path("testAccuracy").asDouble()).as("chance is 1/3").isGreaterThan(0.8);
    assertThat(UserModels.libraryFolders(data)).hasSize(1);
    try (Stream<Path> files = Files.list(UserModels.libraryFolders(data).get(0))) {
      assertThat(files.map(f -> f.getFileName().toString())).contains("model.onnx", "card.json", "report.html");
    }

    // new photos of each kind, never seen: the saved model names them
    Path fresh = TeacherTest.makeDataset(dir.resolve("fresh"), 2, 99);
    int right = 0;
    int total = 0;
    for (String kind : TeacherTest.KINDS) {
      try (Stream<Path> files = Files.list(fresh.resolve(kind))) {
        for (Path photo : files.toList()) {
          assertThat(raut("analyze", photo.toString(), "--classifier", "Kinds")).isZero();
          JsonNode line = JSON.readTree(out().lines().findFirst().orElseThrow());
          right += line.get("classes").get(0).get("label").asText().equals(kind) ? 1 : 0;
          total++;
        }
      }
    }
    assertThat(right).as(right + " of " + total).isGreaterThanOrEqualTo(total - 1);

    // the name is taken now
    assertThat(raut("teach", photos.toString(), "--name", "kinds", "--backbone", "fast")).as(err()).isEqualTo(2);
  }

  @Test
  void oneClassIsRefusedAndNothingIsSaved() throws Exception {
    Path photos = TeacherTest.makeDataset(dir.resolve("kinds"), 3, 5);
    for (String gone : new String[] {"checkers", "stripes"}) {
      try (Stream<Path> files = Files.list(photos.resolve(gone))) {
        for (Path f : files.toList()) {
          Files.delete(f);
        }
      }
      Files.delete(photos.resolve(gone));
    }
    assertThat(raut("teach", photos.toString(), "--name", "One", "--backbone", "fast")).isEqualTo(1);
    assertThat(err()).contains("at least two classes");
    assertThat(UserModels.libraryFolders(data)).isEmpty();
  }
}
