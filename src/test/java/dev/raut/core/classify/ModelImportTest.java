package dev.raut.core.classify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.raut.core.classify.ModelImportException.Code;
import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import io.jhdf.api.WritableGroup;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Importing the files users bring: each format found and converted with its labels and pixel
 * scaling guessed; each kind of bad file refused with a code and a message that names the file
 * and what to do, and nothing left in the library.
 */
class ModelImportTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  static Path keras(String fixture) throws URISyntaxException {
    return Path.of(ModelImportTest.class.getResource("/dev/raut/core/convert/keras/" + fixture).toURI());
  }

  static Path fer2013() throws URISyntaxException {
    return Path.of(ModelImportTest.class.getResource(
        "/dev/raut/core/convert/keras-real/fer2013-mini-xception/fer2013_mini_XCEPTION.102-0.66.hdf5").toURI());
  }

  @Test
  void teachableMachineZipGivesItsLabelsAndMinusOneToOne() throws Exception {
    try (PreparedImport p = ModelImport.prepare(keras("tm_tfjs_f32/tm_model.zip"))) {
      assertThat(p.format()).isEqualTo(ModelFormat.TEACHABLE_MACHINE_TFJS);
      assertThat(p.spec().labels()).containsExactly("alpha", "beta", "gamma");
      assertThat(p.labelsSource()).isEqualTo("metadata.json");
      assertThat(p.spec().normalization()).isEqualTo(ClassifierSpec.Normalization.MINUS_ONE_ONE);
      assertThat(p.preprocessingCertain()).isTrue();
      assertThat(p.spec().width()).isEqualTo(32);
      assertThat(p.spec().softmax()).as("the model ends in softmax: not applied twice").isFalse();
      assertThat(p.spec().fit()).isEqualTo(ClassifierSpec.Fit.CENTER_CROP);
      assertThat(p.onnx()).exists();
    }
  }

  @Test
  void teachableMachineKerasExportReadsIndexedLabelsTxt() throws Exception {
    try (PreparedImport p = ModelImport.prepare(keras("tm_keras_h5"))) {
      assertThat(p.format()).isEqualTo(ModelFormat.TEACHABLE_MACHINE_KERAS);
      assertThat(p.spec().labels()).containsExactly("alpha", "beta", "gamma");
      assertThat(p.labelsSource()).isEqualTo("labels.txt");
      assertThat(p.frameworkVersion()).isEqualTo("Keras 2.4.0");
    }
  }

  @Test
  void realKeras205FileImportsGreyWithItsLabelsFile() throws Exception {
    try (PreparedImport p = ModelImport.prepare(fer2013())) {
      assertThat(p.format()).isEqualTo(ModelFormat.KERAS_H5);
      assertThat(p.spec().channels()).isEqualTo(1);
      assertThat(p.spec().color()).isEqualTo(ClassifierSpec.ColorOrder.GREY);
      assertThat(p.spec().labels()).containsExactly("angry", "disgust", "fear", "happy", "sad", "surprise", "neutral");
      assertThat(p.preprocessingCertain()).as("nothing in the file says how pixels were scaled").isFalse();
    }
  }

  @Test
  void temporaryFilesGoAwayOnClose() throws Exception {
    Path work;
    try (PreparedImport p = ModelImport.prepare(keras("keras3_keras/model.keras"))) {
      work = p.workDir();
      assertThat(p.format()).isEqualTo(ModelFormat.KERAS_V3);
      assertThat(work).isDirectory();
    }
    assertThat(work).doesNotExist();
  }

  @Test
  void truncatedH5IsRefusedAsTruncated(@TempDir Path dir) throws Exception {
    Path cut = dir.resolve("fer2013.hdf5");
    byte[] all = Files.readAllBytes(fer2013());
    Files.write(cut, java.util.Arrays.copyOf(all, all.length / 3));
    assertRefused(cut, Code.TRUNCATED, "fer2013.hdf5", "again");
    // cut near the end, the file still parses: only its own stated length gives it away
    Files.write(cut, java.util.Arrays.copyOf(all, all.length - all.length / 100));
    assertRefused(cut, Code.TRUNCATED, "fer2013.hdf5", "bytes long");
  }

  @Test
  void weightsOnlyH5AsksForTheWholeModel(@TempDir Path dir) throws Exception {
    Path weights = dir.resolve("weights.h5");
    try (WritableHdfFile h5 = HdfFile.write(weights)) {
      h5.putAttribute("layer_names", new String[] {"dense"});
      WritableGroup dense = h5.putGroup("dense");
      dense.putAttribute("weight_names", new String[] {"dense/kernel:0"});
      dense.putGroup("dense").putDataset("kernel:0", new float[][] {{1f, 2f}});
    }
    assertRefused(weights, Code.WEIGHTS_ONLY, "weights.h5", "model.save");
  }

  @Test
  void kerasArchiveWithoutItsWeightsNamesTheMissingEntry(@TempDir Path dir) throws Exception {
    Path broken = dir.resolve("model.keras");
    try (ZipFile source = new ZipFile(keras("keras3_keras/model.keras").toFile());
        ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(broken))) {
      for (ZipEntry e : java.util.Collections.list(source.entries())) {
        if (!e.getName().equals("model.weights.h5")) {
          out.putNextEntry(new ZipEntry(e.getName()));
          source.getInputStream(e).transferTo(out);
        }
      }
    }
    assertRefused(broken, Code.MISSING_PART, "model.weights.h5", "model.save");
  }

  @Test
  void modelJsonWithoutItsShardNamesTheShard(@TempDir Path dir) throws Exception {
    Path copy = copyFolder(keras("tm_tfjs_f32_2shards"), dir.resolve("export"));
    Files.delete(copy.resolve("group1-shard2of2.bin"));
    assertRefused(copy.resolve("model.json"), Code.MISSING_PART, "group1-shard2of2.bin", "Copy every file");
  }

  @Test
  void unknownLayerIsNamedWithItsClass(@TempDir Path dir) throws Exception {
    Path copy = copyFolder(keras("flatten_order"), dir.resolve("m"));
    rewriteFirstLayer(copy.resolve("model.json"), "Conv3D");
    assertRefused(copy.resolve("model.json"), Code.UNSUPPORTED_LAYER, "Conv3D", "not support");
  }

  @Test
  void lambdaLayerIsRefusedWithWhatToDo(@TempDir Path dir) throws Exception {
    Path copy = copyFolder(keras("flatten_order"), dir.resolve("m"));
    rewriteFirstLayer(copy.resolve("model.json"), "Lambda");
    assertRefused(copy.resolve("model.json"), Code.CUSTOM_LAYER, "Lambda", "Rescaling");
  }

  @Test
  void labelsFileThatDoesNotFitIsCaught(@TempDir Path dir) throws Exception {
    Path copy = copyFolder(keras("tm_keras_h5"), dir.resolve("tm"));
    Files.writeString(copy.resolve("labels.txt"), "0 alpha\n1 beta\n");
    assertRefused(copy, Code.LABELS_MISMATCH, "labels.txt", "3 outputs");
    try (PreparedImport p = ModelImport.prepare(keras("tm_keras_h5"))) {
      assertThatThrownBy(() -> p.withLabels(List.of("a", "b"), "my-labels.txt"))
          .isInstanceOfSatisfying(ModelImportException.class, e -> assertThat(e.code()).isEqualTo(Code.LABELS_MISMATCH))
          .hasMessageContaining("my-labels.txt");
    }
  }

  @Test
  void brokenTfliteAndSavedModelAreRefused(@TempDir Path dir) throws Exception {
    // TFLite files are converted now (TfliteConverterTest); one that is only a header is truncated
    Path tflite = dir.resolve("model_unquant.tflite");
    Files.write(tflite, new byte[] {0x1c, 0, 0, 0, 'T', 'F', 'L', '3', 0, 0, 0, 0});
    assertRefused(tflite, Code.TRUNCATED, "model_unquant.tflite", "truncated", "download it again");
    Path saved = Files.createDirectories(dir.resolve("saved/variables"));
    Files.write(saved.resolveSibling("saved_model.pb"), new byte[] {8, 1});
    assertRefused(saved.getParent(), Code.UNSUPPORTED_FORMAT, "SavedModel", "model.keras");
  }

  @Test
  void notAModelAtAll(@TempDir Path dir) throws Exception {
    Path text = Files.writeString(dir.resolve("notes.txt"), "hello");
    assertRefused(text, Code.UNKNOWN_FORMAT, "notes.txt", ".h5");
    assertRefused(dir.resolve("missing.h5"), Code.NOT_FOUND, "missing.h5", "does not exist");
  }

  @Test
  void importIsAllOrNothing(@TempDir Path dir) throws Exception {
    ClassifierLibrary library = new ClassifierLibrary(dir.resolve("library"));
    try (PreparedImport p = ModelImport.prepare(keras("tm_tfjs_f32"))) {
      ClassifierSpec wrongSize = new ClassifierSpec(64, 64, ClassifierSpec.Layout.NHWC, ClassifierSpec.ColorOrder.RGB,
          ClassifierSpec.Normalization.MINUS_ONE_ONE, null, null, false, p.spec().labels());
      assertThatThrownBy(() -> library.importPrepared("TM", p, wrongSize, ClassifierScope.IMAGE))
          .isInstanceOf(ModelImportException.class).hasMessageContaining("32");
      assertThat(library.list()).isEmpty();
      ClassifierLibrary.Entry entry = library.importPrepared("My TM model", p, p.spec(), ClassifierScope.FACE);
      assertThat(library.list()).extracting(ClassifierLibrary.Entry::name).containsExactly("My TM model");
      assertThat(library.list().get(0).scope()).isEqualTo(ClassifierScope.FACE);
      assertThat(library.resolve("my tm model")).contains(entry.card());
      try (Stream<Path> left = Files.list(library.root())) {
        assertThat(left.map(f -> f.getFileName().toString())).noneMatch(f -> f.startsWith("."));
      }
      JsonNode card = JSON.readTree(entry.card().toFile());
      assertThat(card.path("source").path("format").asText()).isEqualTo("Teachable Machine (TensorFlow.js)");
      assertThat(card.path("source").path("preprocessingReason").asText()).contains("Teachable Machine");
    }
  }

  private static void assertRefused(Path model, Code code, String... messageParts) {
    assertThatThrownBy(() -> ModelImport.prepare(model).close())
        .isInstanceOfSatisfying(ModelImportException.class, e -> assertThat(e.code()).isEqualTo(code))
        .hasMessageContainingAll(messageParts);
  }

  private static void rewriteFirstLayer(Path modelJson, String className) throws IOException {
    ObjectNode root = (ObjectNode) JSON.readTree(modelJson.toFile());
    JsonNode topology = root.path("modelTopology");
    JsonNode config = topology.has("model_config") ? topology.path("model_config") : topology;
    JsonNode layers = config.path("config").path("layers");
    for (JsonNode layer : layers) {
      if (!layer.path("class_name").asText().equals("InputLayer")) {
        ((ObjectNode) layer).put("class_name", className);
        break;
      }
    }
    Files.writeString(modelJson, JSON.writeValueAsString(root), StandardCharsets.UTF_8);
  }

  private static Path copyFolder(Path from, Path to) throws IOException {
    Files.createDirectories(to);
    try (Stream<Path> files = Files.list(from)) {
      for (Path f : files.toList()) {
        Files.copy(f, to.resolve(f.getFileName()));
      }
    }
    return to;
  }

}
