package dev.raut.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.raut.core.image.OpenCvNative;
import dev.raut.testing.CapturedConsole;
import dev.raut.testing.Samples;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.opencv.core.Mat;
import org.opencv.core.Size;
import org.opencv.imgcodecs.Imgcodecs;
import org.opencv.imgproc.Imgproc;

/** {@code raut faces verify|find} and {@code raut analyze --age-gender --landmarks} as a user runs them. */
class FacesCommandTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  @RegisterExtension
  final CapturedConsole console = new CapturedConsole();

  @TempDir
  Path dir;

  private String out() {
    return console.out();
  }

  /** The same photo at 60% size, re-encoded: the same people, other pixels. */
  private Path smallerCopy(Path photo) {
    OpenCvNative.ensureLoaded();
    Mat image = Imgcodecs.imread(photo.toString());
    Mat small = new Mat();
    try {
      Imgproc.resize(image, small, new Size(), 0.6, 0.6, Imgproc.INTER_AREA);
      Path copy = dir.resolve("smaller.jpg");
      Imgcodecs.imwrite(copy.toString(), small);
      return copy;
    } finally {
      image.release();
      small.release();
    }
  }

  @Test
  void verifyAnswersWithDeepFacesKeys() throws Exception {
    Path photo = Samples.photo(1);
    assertThat(RautCommand.execute("faces", "verify", photo.toString(), smallerCopy(photo).toString())).isZero();
    JsonNode same = JSON.readTree(out().strip());
    assertThat(same.fieldNames()).toIterable().containsExactly("verified", "distance", "threshold", "faces");
    assertThat(same.get("verified").asBoolean()).isTrue();
    assertThat(same.get("distance").asDouble()).isLessThan(same.get("threshold").asDouble());
    assertThat(same.get("faces")).hasSize(2);
    // boxes are in each photo's own pixels: the copy's box is 60% of the original's
    assertThat(same.get("faces").get(1).get(2).asDouble() / same.get("faces").get(0).get(2).asDouble()).isBetween(0.5, 0.7);

    console.resetOut();
    // two different people of one group photo are further apart than one person in two copies
    assertThat(RautCommand.execute("faces", "verify", photo.toString(), photo.toString(), "--face-b", "1")).isZero();
    JsonNode different = JSON.readTree(out().strip());
    assertThat(different.get("distance").asDouble()).isGreaterThan(same.get("distance").asDouble());
    assertThat(different.get("faces").get(1)).isNotEqualTo(different.get("faces").get(0));
  }

  @Test
  void verifyWithoutAFaceIsAPlainError() throws Exception {
    Path blank = dir.resolve("blank.png");
    OpenCvNative.ensureLoaded();
    Mat grey = new Mat(200, 200, org.opencv.core.CvType.CV_8UC3, new org.opencv.core.Scalar(128, 128, 128));
    Imgcodecs.imwrite(blank.toString(), grey);
    grey.release();
    assertThat(RautCommand.execute("faces", "verify", Samples.photo(1).toString(), blank.toString())).isEqualTo(1);
    assertThat(console.err()).contains("no face was found in " + blank);
  }

  @Test
  void findSaysWhichPhotoIsBrokenAndStillSearchesTheRest() throws Exception {
    Path folder = Files.createDirectories(dir.resolve("mixed"));
    Path photo = Samples.photo(1);
    Files.copy(photo, folder.resolve("a-same.jpg"));
    Files.write(folder.resolve("b-broken.jpg"), java.util.Arrays.copyOf(Files.readAllBytes(photo), 2000));
    Files.copy(Samples.photo(3), folder.resolve("c-other.jpg"));
    assertThat(RautCommand.execute("faces", "find", photo.toString(), folder.toString())).isEqualTo(RautCommand.EXIT_FAILURES);
    assertThat(console.err()).contains("b-broken.jpg").doesNotContain("Exception");
    assertThat(out()).contains("a-same.jpg");
  }

  @Test
  void findRanksTheSamePersonFirst() throws Exception {
    Path folder = Files.createDirectories(dir.resolve("photos"));
    Path photo = Samples.photo(1);
    Files.move(smallerCopy(photo), folder.resolve("copy.jpg"));
    Files.copy(Samples.photo(3), folder.resolve("other.jpg"));
    assertThat(RautCommand.execute("faces", "find", photo.toString(), folder.toString(), "--all")).isZero();
    List<JsonNode> matches = out().lines().map(line -> {
      try {
        return JSON.readTree(line);
      } catch (Exception e) {
        throw new AssertionError(line, e);
      }
    }).toList();
    assertThat(matches).hasSizeGreaterThan(2);
    assertThat(matches.get(0).get("file").asText()).endsWith("copy.jpg");
    assertThat(matches.get(0).get("verified").asBoolean()).isTrue();
    for (int i = 1; i < matches.size(); i++) {
      assertThat(matches.get(i).get("distance").asDouble()).isGreaterThanOrEqualTo(matches.get(i - 1).get("distance").asDouble());
    }
  }

  @Test
  void analyzeGivesAgeGenderAndLandmarksWhenAsked() throws Exception {
    assertThat(RautCommand.execute("analyze", Samples.photo(2).toString(), "--age-gender", "--landmarks")).isZero();
    JsonNode result = JSON.readTree(out().strip());
    assertThat(result.get("faces")).isNotEmpty();
    for (JsonNode face : result.get("faces")) {
      assertThat(face.get("age").asDouble()).isPositive();
      assertThat(face.get("gender").get("label").asText()).isIn("female", "male");
      assertThat(face.get("landmarks68")).hasSize(68);
    }
  }
}
