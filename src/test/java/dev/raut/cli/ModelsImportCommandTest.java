package dev.raut.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.raut.core.analysis.ResultCsv;
import dev.raut.testing.Samples;
import dev.raut.testing.UserModels;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code raut models import} and the doors that use an imported model, as a user runs them: the real
 * Keras 2.0.5 FER2013 file, a data folder of the test's own, the sample photos.
 */
class ModelsImportCommandTest extends RautCliTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private int importFer(String name) {
    return raut("models", "import", UserModels.FER2013.toString(), "--name", name, "--scope", "face",
        "--input-scale", "-1-1");
  }

  @Test
  void importListInfoAnalyzeAndRemoveAFaceModel() throws Exception {
    assertThat(importFer("My FER")).isZero();
    assertThat(out()).contains("Keras HDF5 (.h5), Keras 2.0.5, converted to ONNX in ", "64x64x1 (grey)",
        "-1 to 1 (--input-scale)", "7 — angry, disgust, fear, happy, sad, surprise, neutral",
        "(from fer2013_mini_XCEPTION.102-0.66.labels.txt)", "each face", "Imported 'My FER' as my-fer-");
    assertThat(UserModels.libraryFolders(data)).hasSize(1);
    String id = UserModels.libraryFolders(data).get(0).getFileName().toString();

    assertThat(raut("models", "list")).isZero();
    String row = out().lines().filter(l -> l.startsWith("My FER")).findFirst().orElseThrow();
    assertThat(row.split("\\s{2,}|\\s(?=\\d+$)")).contains(id, "face", "64x64x1", "7");
    assertThat(row).contains("Keras HDF5 (.h5), Keras 2.0.5");

    assertThat(raut("models", "info", "my fer")).isZero();
    assertThat(out()).contains("My FER (" + id + "), imported classifier", "scope:       face",
        "labels:      angry, disgust, fear, happy, sad, surprise, neutral",
        "source:      " + UserModels.FER2013.toAbsolutePath(), "onnx sha256: ", "labels from: fer2013_mini");

    // face scope: faces are found although only the classifier was asked for, each with the seven labels
    assertThat(raut("analyze", Samples.photo(1).toString(), "--classifier", "My FER")).isZero();
    JsonNode byName = JSON.readTree(out().lines().findFirst().orElseThrow());
    assertThat(byName.get("classes")).isEmpty();
    assertThat(byName.get("faces")).hasSize(3);
    for (JsonNode face : byName.get("faces")) {
      assertThat(face.path("emotion").isMissingNode() || face.get("emotion").isNull()).isTrue();
      assertThat(face.get("classes")).hasSize(5);
      assertThat(face.get("classes").findValuesAsText("label")).isSubsetOf(UserModels.FER2013_LABELS);
      assertThat(face.get("classes").get(0).get("score").asDouble())
          .isGreaterThanOrEqualTo(face.get("classes").get(4).get("score").asDouble());
    }
    // the id works too, and gives the same answer
    assertThat(raut("analyze", Samples.photo(1).toString(), "--classifier", id)).isZero();
    assertThat(JSON.readTree(out().lines().findFirst().orElseThrow())).isEqualTo(byName);

    // the user's model in the emotion model's place: every score, in the model's label order
    assertThat(raut("analyze", Samples.photo(1).toString(), "--emotion-model", "My FER")).isZero();
    JsonNode asEmotion = JSON.readTree(out().lines().findFirst().orElseThrow());
    assertThat(asEmotion.get("faces")).hasSize(3);
    for (int i = 0; i < 3; i++) {
      JsonNode emotion = asEmotion.get("faces").get(i).get("emotion");
      List<String> order = new ArrayList<>();
      emotion.get("scores").fieldNames().forEachRemaining(order::add);
      assertThat(order).isEqualTo(UserModels.FER2013_LABELS);
      JsonNode top = byName.get("faces").get(i).get("classes").get(0);
      assertThat(emotion.get("label").asText()).isEqualTo(top.get("label").asText());
      assertThat(emotion.get("score").asDouble()).isEqualTo(top.get("score").asDouble());
      assertThat(emotion.get("scores").get(top.get("label").asText()).asDouble()).isEqualTo(top.get("score").asDouble());
    }

    // CSV: one row per face class, the face's index, its box
    Path csv = dir.resolve("out.csv");
    assertThat(raut("analyze", Samples.photo(1).toString(), "--classifier", "My FER", "--format", "csv",
        "--out", csv.toString())).isZero();
    List<String> rows = Files.readAllLines(csv);
    assertThat(rows.stream().filter(r -> r.contains(",face,"))).hasSize(3);
    assertThat(rows.stream().filter(r -> r.contains(",face_class,"))).hasSize(15)
        .allSatisfy(r -> assertThat(r.split(",", -1)).hasSize(ResultCsv.HEADER.split(",").length));
    assertThat(raut("analyze", Samples.photo(1).toString(), "--classifier", "My FER", "--format", "table")).isZero();
    assertThat(out()).containsPattern("sample1.jpg  1920x\\d+  3 faces: (angry|disgust|fear|happy|sad|surprise|neutral)"
        + " \\d+%, ");

    assertThat(raut("models", "remove", "MY FER")).isZero();
    assertThat(out()).contains("Removed 'My FER' (" + id + ")");
    assertThat(UserModels.libraryFolders(data)).isEmpty();
    assertThat(raut("models", "list")).isZero();
    assertThat(out()).contains("No imported classifiers");
  }

  @Test
  void withoutADetectorTheWholeImageIsTheFace() throws Exception {
    assertThat(importFer("fer")).isZero();
    assertThat(raut("analyze", Samples.photo(2).toString(), "--classifier", "fer", "--detector", "none")).isZero();
    JsonNode result = JSON.readTree(out().lines().findFirst().orElseThrow());
    assertThat(result.get("faces")).hasSize(1);
    JsonNode face = result.get("faces").get(0);
    assertThat(face.get("box").toString()).isEqualTo("[0.0,0.0,1920.0," + result.get("height").asInt() + ".0]");
    assertThat(face.get("classes")).hasSize(5);
  }

  @Test
  void aTruncatedFileIsRefusedAndNothingIsStored() throws Exception {
    byte[] whole = Files.readAllBytes(UserModels.FER2013);
    Path truncated = dir.resolve("fer_truncated.hdf5");
    Files.write(truncated, Arrays.copyOf(whole, whole.length / 2));

    assertThat(raut("models", "import", truncated.toString(), "--scope", "face")).isEqualTo(RautCommand.EXIT_FAILURES);
    assertThat(err()).startsWith("raut models import: ").containsIgnoringCase("truncated").contains("fer_truncated.hdf5");
    assertThat(UserModels.libraryFolders(data)).isEmpty();
  }

  @Test
  void aWeightsOnlyFileIsRefusedWithWhatToDo() throws Exception {
    // the same file without its model config: what model.save_weights() writes instead of model.save()
    byte[] bytes = Files.readAllBytes(UserModels.FER2013);
    String text = new String(bytes, StandardCharsets.ISO_8859_1);
    int at = text.indexOf("model_config");
    assertThat(at).isPositive();
    assertThat(text.indexOf("model_config", at + 1)).isNegative();
    bytes[at + 7] = 'X';
    Path weightsOnly = dir.resolve("weights_only.h5");
    Files.write(weightsOnly, bytes);

    assertThat(raut("models", "import", weightsOnly.toString())).isEqualTo(RautCommand.EXIT_FAILURES);
    assertThat(err()).contains("weights_only.h5", "model.save");
    assertThat(UserModels.libraryFolders(data)).isEmpty();
  }

  @Test
  void aLabelsFileWithTheWrongCountIsRefused() throws Exception {
    Path labels = dir.resolve("three.txt");
    Files.writeString(labels, "0 cat\n1 dog\n2 bird\n");
    assertThat(raut("models", "import", UserModels.FER2013.toString(), "--labels", labels.toString()))
        .isEqualTo(RautCommand.EXIT_FAILURES);
    assertThat(err()).contains("The model has 7 outputs but three.txt gives 3 labels");
    assertThat(UserModels.libraryFolders(data)).isEmpty();
  }

  @Test
  void aMissingFileAndBadOptionsAreRefused() throws Exception {
    Path missing = dir.resolve("nowhere/model.h5");
    assertThat(raut("models", "import", missing.toString())).isEqualTo(RautCommand.EXIT_FAILURES);
    assertThat(err()).contains(missing.toString(), "does not exist");
    assertThat(raut("models", "import", UserModels.FER2013.toString(), "--scope", "body")).isEqualTo(RautCommand.EXIT_USAGE);
    assertThat(err()).contains("Unknown scope 'body'");
    assertThat(raut("models", "import", UserModels.FER2013.toString(), "--input-scale", "0-100"))
        .isEqualTo(RautCommand.EXIT_USAGE);
    assertThat(err()).contains("Unknown input scale '0-100'");
    assertThat(raut("models", "import", UserModels.FER2013.toString(), "--bgr")).isEqualTo(RautCommand.EXIT_USAGE);
    assertThat(err()).contains("grey images");
    assertThat(UserModels.libraryFolders(data)).isEmpty();
  }

  @Test
  void namesAreUniqueAndUnknownNamesAreUsageErrors() throws Exception {
    assertThat(raut("models", "import", UserModels.FER2013.toString(), "--input-scale", "-1-1")).isZero();
    assertThat(out()).contains("Imported 'fer2013_mini_XCEPTION.102-0.66' as ", "whole photo",
        "if this is a face model, such as FER2013 emotions, use --scope face");
    assertThat(raut("models", "import", UserModels.FER2013.toString())).isEqualTo(RautCommand.EXIT_FAILURES);
    assertThat(err()).contains("already has a classifier named 'fer2013_mini_XCEPTION.102-0.66'");
    assertThat(UserModels.libraryFolders(data)).hasSize(1);

    assertThat(raut("analyze", Samples.photo(1).toString(), "--classifier", "genres")).isEqualTo(RautCommand.EXIT_USAGE);
    assertThat(err()).contains("--classifier 'genres' is neither a file nor a classifier in your library.",
        "Your library has: fer2013_mini_XCEPTION.102-0.66 (");
    // an image-scope model cannot read each face's emotion
    assertThat(raut("analyze", Samples.photo(1).toString(), "--emotion-model", "fer2013_mini_XCEPTION.102-0.66"))
        .isEqualTo(RautCommand.EXIT_USAGE);
    assertThat(err()).contains("looks at the whole photo (scope image)", "--scope face");
    assertThat(raut("models", "remove", "genres")).isEqualTo(RautCommand.EXIT_USAGE);
    assertThat(err()).contains("No imported classifier 'genres'");
  }
}
