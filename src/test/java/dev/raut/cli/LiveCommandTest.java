package dev.raut.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.raut.core.analysis.ResultJson;
import dev.raut.core.camera.LiveFixtures;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opencv.core.Mat;
import picocli.CommandLine;

class LiveCommandTest {
  @TempDir
  Path dir;

  private record Run(int exit, List<String> lines, String err) {}

  private static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exit = new CommandLine(new RautCommand()).setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true))
        .setExitCodeExceptionMapper(e -> RautCommand.EXIT_FAILURES).execute(args);
    return new Run(exit, out.toString().lines().toList(), err.toString());
  }

  @Test
  void writesOneJsonLinePerAnalysedFrameThenTheStatsLine() throws Exception {
    List<Mat> frames = LiveFixtures.sampleFrames(640, 480);
    Path avi;
    try {
      avi = LiveFixtures.writeMjpegAvi(dir.resolve("samples.avi"), frames, 30, 25);
    } finally {
      LiveFixtures.release(frames);
    }
    Run r = run("live", "--source", avi.toString(), "--frames", "8", "--pace", "max", "--detector", "front",
        "--emotions", "--format", "json");
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.lines()).hasSize(9);
    List<Long> indexes = new ArrayList<>();
    int faces = 0;
    for (String line : r.lines().subList(0, 8)) {
      JsonNode node = ResultJson.mapper().readTree(line);
      indexes.add(node.get("frame").asLong());
      assertThat(node.get("timestampMs").asDouble()).isEqualTo(node.get("frame").asLong() * 40.0);
      assertThat(node.get("width").asInt()).isEqualTo(640);
      assertThat(node.get("height").asInt()).isEqualTo(480);
      faces += node.get("faces").size();
      for (JsonNode face : node.get("faces")) {
        assertThat(face.get("box")).hasSize(4);
        assertThat(face.get("emotion").get("label").asText()).isNotBlank();
      }
      assertThat(node.get("tracks")).hasSameSizeAs(node.get("faces"));
    }
    assertThat(indexes).containsExactly(0L, 1L, 2L, 3L, 4L, 5L, 6L, 7L);
    assertThat(faces).isGreaterThanOrEqualTo(10);

    JsonNode stats = ResultJson.mapper().readTree(r.lines().get(8));
    assertThat(stats.size()).isEqualTo(1);
    JsonNode s = stats.get("stats");
    List<String> fields = new ArrayList<>();
    for (Iterator<String> it = s.fieldNames(); it.hasNext();) {
      fields.add(it.next());
    }
    assertThat(fields).containsExactly("frames", "analysed", "analysisFps", "latencyMsP50", "latencyMsP95", "rssMb");
    assertThat(s.get("analysed").asLong()).isEqualTo(8);
    // with back-pressure the capture thread is at most two frames ahead (one in the slot, one read)
    assertThat(s.get("frames").asLong()).isBetween(8L, 10L);
    assertThat(s.get("analysisFps").asDouble()).isGreaterThan(0);
    assertThat(s.get("latencyMsP95").asDouble()).isGreaterThanOrEqualTo(s.get("latencyMsP50").asDouble()).isGreaterThan(0);
    assertThat(s.get("rssMb").asDouble()).isGreaterThan(50);
  }

  @Test
  void aMissingVideoIsExitCodeOneWithAPlainMessage() {
    Run r = run("live", "--source", dir.resolve("missing.avi").toString(), "--format", "json");
    assertThat(r.exit()).isEqualTo(RautCommand.EXIT_FAILURES);
    assertThat(r.err()).contains("missing.avi does not exist");
    assertThat(r.lines()).hasSize(1).first().asString().startsWith("{\"stats\":{\"frames\":0,\"analysed\":0,");
  }

  @Test
  void cameraZeroOnAMachineWithoutCamerasEndsWithAMessageInsteadOfRetryingForever() {
    Run r = run("live", "--source", "0", "--frames", "3", "--format", "json");
    assertThat(r.exit()).isEqualTo(RautCommand.EXIT_FAILURES);
    assertThat(r.err()).containsAnyOf("No camera found", "The webcam driver could not start");
    assertThat(r.lines()).hasSize(1).first().asString().startsWith("{\"stats\":{\"frames\":0,");
  }

  @Test
  void aBadPaceIsAUsageError() {
    Run r = run("live", "--source", "x.avi", "--pace", "warp");
    assertThat(r.exit()).isNotZero();
    assertThat(r.err()).contains("--pace must be native or max");
  }
}
