package dev.raut.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.raut.core.analysis.AnalysisRequest;
import dev.raut.core.analysis.Analyzer;
import dev.raut.core.analysis.DetectorChoice;
import dev.raut.core.analysis.Engine;
import dev.raut.core.analysis.ImageAnalysis;
import dev.raut.core.image.DecodeTarget;
import dev.raut.core.image.DecodedImage;
import dev.raut.core.image.ImageDecoder;
import dev.raut.core.model.ModelStore;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Reader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opencv.core.Mat;
import org.opencv.core.Rect;
import org.opencv.imgcodecs.Imgcodecs;
import picocli.CommandLine;

/**
 * End to end through the CLI: face crops of the registry sample photos, each labelled with what the
 * emotion model predicts for it, then three labels deliberately changed, so the expected accuracy
 * and confusion cells are known exactly.
 */
class EvaluateCommandTest {
  private static final Path SAMPLES = ModelStore.defaultStore().samplesDir("face-api-samples");
  private static final int CHANGED = 3;

  @TempDir
  Path dir;

  /** A crop, the model's label for it, and the label the test dataset gives it. */
  private record Crop(Path file, String predicted, String truth) {}

  @Test
  void evaluatesALabelledFolderAndWritesConsistentReports() throws Exception {
    Path data = dir.resolve("faces");
    Path out = dir.resolve("report");
    List<Crop> crops = labelledCrops(dir.resolve("crops"));
    assertThat(crops).hasSizeGreaterThanOrEqualTo(20);

    // the most common label goes into a folder the label map must rename
    String mapped = mostCommonTruth(crops);
    String folderForMapped = "dataset-" + mapped;
    for (Crop crop : crops) {
      String folder = crop.truth().equals(mapped) ? folderForMapped : crop.truth();
      copyInto(crop.file(), data.resolve("test").resolve(folder));
    }
    // the train split must be ignored when a test split exists
    copyInto(crops.get(0).file(), data.resolve("train").resolve(crops.get(0).truth()));
    Path broken = data.resolve("test").resolve(crops.get(0).truth()).resolve("broken.jpg");
    Files.write(broken, java.util.Arrays.copyOf(Files.readAllBytes(crops.get(0).file()), 300));

    StringWriter stdout = new StringWriter();
    StringWriter stderr = new StringWriter();
    CommandLine cli = RautCommand.commandLine();
    cli.setOut(new PrintWriter(stdout));
    cli.setErr(new PrintWriter(stderr));
    int exit = cli.execute("evaluate", data.toString(), "--detector", "none", "--labels-map", folderForMapped + "=" + mapped,
        "--out", out.toString(), "--threads", "2");

    assertThat(exit).as(stderr.toString()).isEqualTo(RautCommand.EXIT_FAILURES); // the broken file
    assertThat(stderr.toString()).contains("1 of " + (crops.size() + 1) + " images could not be analysed");

    int n = crops.size();
    double expectedAccuracy = (double) (n - CHANGED) / n;
    Map<List<String>, Integer> expectedCells = new HashMap<>();
    crops.forEach(c -> expectedCells.merge(List.of(c.truth(), c.predicted()), 1, Integer::sum));
    TreeSet<String> expectedLabels = new TreeSet<>();
    crops.forEach(c -> {
      expectedLabels.add(c.truth());
      expectedLabels.add(c.predicted());
    });

    String text = stdout.toString();
    assertThat(text).contains("              precision    recall  f1-score   support")
        .contains("true \\ predicted")
        .contains("Evaluated " + n + " of " + (n + 1) + " images; no face found: 0; errors: 1.")
        .contains("broken.jpg");
    assertThat(text).containsPattern("\n {4}accuracy {27}" + Pattern.quote(String.format(Locale.ROOT, "%.2f", expectedAccuracy))
        + " +" + n + "\n");

    Path json = out.resolve("report.json");
    Path csv = out.resolve("predictions.csv");
    Path png = out.resolve("confusion.png");
    Path html = out.resolve("report.html");
    try (Stream<Path> files = Files.list(out)) {
      assertThat(files).containsExactlyInAnyOrder(json, csv, png, html);
    }

    JsonNode report = new ObjectMapper().readTree(json.toFile());
    assertThat(report.get("accuracy").asDouble()).isCloseTo(expectedAccuracy, within(1e-12));
    assertThat(report.get("counts").get("evaluated").asInt()).isEqualTo(n);
    assertThat(report.get("counts").get("errors").asInt()).isEqualTo(1);
    assertThat(report.get("counts").get("no_prediction").asInt()).isZero();
    assertThat(report.get("renamed_labels").get(folderForMapped).asText()).isEqualTo(mapped);
    assertThat(report.get("unknown_labels").size()).isZero();
    assertThat(report.get("errors").get(0).get("file").asText()).isEqualTo(crops.get(0).truth() + "/broken.jpg");
    List<String> labels = texts(report.get("confusion_matrix").get("labels"));
    assertThat(labels).containsExactlyElementsOf(expectedLabels);
    JsonNode counts = report.get("confusion_matrix").get("counts");
    for (int row = 0; row < labels.size(); row++) {
      for (int column = 0; column < labels.size(); column++) {
        assertThat(counts.get(row).get(column).asInt()).as("cell %s -> %s", labels.get(row), labels.get(column))
            .isEqualTo(expectedCells.getOrDefault(List.of(labels.get(row), labels.get(column)), 0));
      }
    }
    for (Crop changed : crops.subList(0, CHANGED)) {
      int row = labels.indexOf(changed.truth());
      int column = labels.indexOf(changed.predicted());
      assertThat(row).isNotEqualTo(column);
      assertThat(counts.get(row).get(column).asInt()).isPositive();
    }

    assertCsvAgreesWithJson(csv, report, labels);
    assertThat(ImageIO.read(png.toFile())).satisfies(image -> {
      assertThat(image).isNotNull();
      assertThat(image.getWidth()).isGreaterThan(200);
      assertThat(image.getHeight()).isGreaterThan(200);
    });
    assertHtmlIsSelfContained(Files.readString(html, StandardCharsets.UTF_8), labels);
  }

  @Test
  void usageErrorsExitWithTwo() {
    StringWriter stderr = new StringWriter();
    CommandLine cli = RautCommand.commandLine();
    cli.setErr(new PrintWriter(stderr));
    cli.setOut(new PrintWriter(new StringWriter()));

    assertThat(cli.execute("evaluate", dir.toString(), "--task", "poems")).isEqualTo(RautCommand.EXIT_USAGE);
    assertThat(stderr.toString()).contains("Unknown task 'poems'");
    assertThat(cli.execute("evaluate", dir.toString(), "--task", "classify")).isEqualTo(RautCommand.EXIT_USAGE);
    assertThat(cli.execute("evaluate", dir.resolve("missing").toString())).isEqualTo(RautCommand.EXIT_USAGE);
    assertThat(stderr.toString()).contains("does not exist");
  }

  private static void assertCsvAgreesWithJson(Path csv, JsonNode report, List<String> labels) throws IOException {
    List<CSVRecord> rows;
    try (Reader reader = Files.newBufferedReader(csv, StandardCharsets.UTF_8)) {
      rows = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(reader).getRecords();
    }
    JsonNode predictions = report.get("predictions");
    assertThat(rows).hasSize(predictions.size());
    int[][] matrix = new int[labels.size()][labels.size()];
    int correct = 0;
    int errors = 0;
    for (int i = 0; i < rows.size(); i++) {
      CSVRecord row = rows.get(i);
      JsonNode p = predictions.get(i);
      assertThat(row.get("file")).isEqualTo(p.get("file").asText());
      assertThat(row.get("truth")).isEqualTo(p.get("truth").asText());
      assertThat(row.get("status")).isEqualTo(p.get("status").asText());
      if (row.get("status").equals("predicted")) {
        assertThat(row.get("prediction")).isEqualTo(p.get("prediction").asText());
        assertThat(Double.parseDouble(row.get("confidence"))).isEqualTo(p.get("confidence").asDouble());
        matrix[labels.indexOf(row.get("truth"))][labels.indexOf(row.get("prediction"))]++;
        correct += row.get("truth").equals(row.get("prediction")) ? 1 : 0;
      } else {
        assertThat(row.get("status")).isEqualTo("error");
        assertThat(row.get("prediction")).isEmpty();
        assertThat(row.get("error")).isNotEmpty();
        errors++;
      }
    }
    JsonNode counts = report.get("confusion_matrix").get("counts");
    for (int r = 0; r < labels.size(); r++) {
      for (int c = 0; c < labels.size(); c++) {
        assertThat(matrix[r][c]).isEqualTo(counts.get(r).get(c).asInt());
      }
    }
    assertThat((double) correct / report.get("counts").get("evaluated").asInt()).isEqualTo(report.get("accuracy").asDouble());
    assertThat(errors).isEqualTo(report.get("counts").get("errors").asInt());
  }

  private static void assertHtmlIsSelfContained(String html, List<String> labels) throws IOException {
    assertThat(html).startsWith("<!DOCTYPE html>").contains("<table class=\"report\">").contains("<table class=\"confusion\">")
        .contains("Most confident mistakes").contains("Errors (1)").doesNotContain("http://").doesNotContain("https://");
    labels.forEach(label -> assertThat(html).contains("<td>" + label + "</td>"));
    Matcher images = Pattern.compile("src=\"data:image/(png|jpeg);base64,([A-Za-z0-9+/=]+)\"").matcher(html);
    int png = 0;
    int jpeg = 0;
    while (images.find()) {
      BufferedImage image = ImageIO.read(new ByteArrayInputStream(Base64.getDecoder().decode(images.group(2))));
      assertThat(image).isNotNull();
      if (images.group(1).equals("png")) {
        png++;
      } else {
        jpeg++;
      }
    }
    assertThat(png).as("heatmap and bars").isEqualTo(2);
    assertThat(jpeg).as("thumbnails of the changed labels").isGreaterThanOrEqualTo(CHANGED);
    assertThat(html.split("<img ").length - 1).isEqualTo(png + jpeg);
  }

  /**
   * Crops every face the default detector finds in the sample photos, asks the model (as the
   * evaluation will: --detector none) what each crop shows, and keeps that as the label — except
   * for the first {@link #CHANGED} crops, which get a different label.
   */
  private static List<Crop> labelledCrops(Path folder) throws Exception {
    Files.createDirectories(folder);
    List<Crop> crops = new ArrayList<>();
    ImageDecoder decoder = new ImageDecoder();
    try (Engine engine = Engine.openDefault()) {
      Analyzer analyzer = new Analyzer(engine, decoder);
      List<String> modelLabels = engine.emotion().labels();
      for (int s = 1; s <= 6; s++) {
        Path photo = SAMPLES.resolve("sample" + s + ".jpg");
        ImageAnalysis faces = analyzer.analyze(photo, AnalysisRequest.facesAndEmotions());
        assertThat(faces.ok()).isTrue();
        try (DecodedImage image = decoder.decode(photo, DecodeTarget.fullResolution())) {
          for (int f = 0; f < faces.faces().size(); f++) {
            Path file = folder.resolve(String.format("s%d_face%02d.jpg", s, f));
            Mat crop = image.mat().submat(square(faces.faces().get(f).box(), image.width(), image.height()));
            try {
              assertThat(Imgcodecs.imwrite(file.toString(), crop)).isTrue();
            } finally {
              crop.release();
            }
            String predicted = analyzer.analyze(file, AnalysisRequest.facesAndEmotions().withDetector(DetectorChoice.NONE))
                .faces().get(0).emotion().label();
            String truth = crops.size() < CHANGED
                ? modelLabels.get((modelLabels.indexOf(predicted) + 1) % modelLabels.size())
                : predicted;
            crops.add(new Crop(file, predicted, truth));
          }
        }
      }
    }
    return crops;
  }

  /** A square around the face box, a little larger, inside the image. */
  private static Rect square(dev.raut.core.geometry.Box box, int width, int height) {
    double side = Math.max(box.width(), box.height()) * 1.2;
    double cx = box.centerX();
    double cy = box.centerY();
    int x = (int) Math.max(0, Math.round(cx - side / 2));
    int y = (int) Math.max(0, Math.round(cy - side / 2));
    int w = (int) Math.min(width - x, Math.round(side));
    int h = (int) Math.min(height - y, Math.round(side));
    return new Rect(x, y, w, h);
  }

  private static String mostCommonTruth(List<Crop> crops) {
    Map<String, Integer> counts = new HashMap<>();
    crops.forEach(c -> counts.merge(c.truth(), 1, Integer::sum));
    return counts.entrySet().stream().max(Map.Entry.<String, Integer>comparingByValue().thenComparing(Map.Entry.comparingByKey()))
        .orElseThrow().getKey();
  }

  private static void copyInto(Path file, Path folder) throws IOException {
    Files.createDirectories(folder);
    Files.copy(file, folder.resolve(file.getFileName()));
  }

  private static List<String> texts(JsonNode array) {
    List<String> values = new ArrayList<>();
    array.forEach(node -> values.add(node.asText()));
    return values;
  }
}
