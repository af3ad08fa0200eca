package dev.raut.core.classify;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.raut.core.onnx.ModelLoadException;
import dev.raut.core.onnx.OnnxModel;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Reads a user classifier's card, or makes one up for a bare .onnx file. A card is a JSON file:
 * <pre>{"name": "Batik motifs", "onnx": "batik.onnx", "labelsFile": "labels.txt",
 *  "spec": {"width": 224, "height": 224, "layout": "NCHW", "color": "RGB",
 *           "normalization": "MEAN_STD", "softmax": true}}</pre>
 * Paths in the card are relative to the card. Labels come from {@code spec.labels} or the labels
 * file (one per line).
 */
public final class ClassifierCards {
  private static final ObjectMapper JSON = new ObjectMapper();

  private ClassifierCards() {}

  /** A card ready to load: display name, the .onnx file, the preprocessing and what it looks at. */
  public record Loaded(String name, Path onnxFile, ClassifierSpec spec, ClassifierScope scope) {
    public Loaded(String name, Path onnxFile, ClassifierSpec spec) {
      this(name, onnxFile, spec, ClassifierScope.IMAGE);
    }
  }

  /**
   * Where an imported model came from, kept on its card: the user's file, its format and version,
   * why the preprocessing was chosen, when it was imported.
   */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Provenance(String sourceFile, String format, String frameworkVersion, String sha256,
      String preprocessingReason, String labelsSource, String importedAt, java.util.List<String> notes) {}

  @JsonIgnoreProperties(ignoreUnknown = true)
  record CardFile(String name, String onnx, String labelsFile, ClassifierSpec spec, String scope, Provenance source) {
    CardFile(String name, String onnx, String labelsFile, ClassifierSpec spec) {
      this(name, onnx, labelsFile, spec, null, null);
    }
  }

  public static Loaded read(Path path) {
    if (!Files.isRegularFile(path)) {
      throw new ModelLoadException("The classifier " + path + " does not exist.");
    }
    String file = path.getFileName().toString().toLowerCase();
    if (file.endsWith(".onnx")) {
      return guess(path);
    }
    CardFile card;
    try {
      card = JSON.readValue(path.toFile(), CardFile.class);
    } catch (IOException | IllegalArgumentException e) {
      throw new ModelLoadException("The classifier card " + path.getFileName() + " is not valid: " + e.getMessage(), e);
    }
    if (card.onnx() == null || card.spec() == null) {
      throw new ModelLoadException("The classifier card " + path.getFileName() + " needs \"onnx\" and \"spec\".");
    }
    Path dir = path.toAbsolutePath().getParent();
    ClassifierSpec spec = card.labelsFile() != null ? card.spec().withLabels(readLabels(dir.resolve(card.labelsFile())))
        : card.spec();
    String name = card.name() != null ? card.name() : stripExtension(path.getFileName().toString());
    ClassifierScope scope;
    try {
      scope = card.scope() == null ? ClassifierScope.IMAGE : ClassifierScope.fromId(card.scope());
    } catch (IllegalArgumentException e) {
      throw new ModelLoadException("The classifier card " + path.getFileName() + " has an unknown scope '"
          + card.scope() + "' (image or face).", e);
    }
    return new Loaded(name, dir.resolve(card.onnx()), spec, scope);
  }

  /** Where an imported classifier came from, as its card records it; empty for cards written by hand or bare .onnx files. */
  public static java.util.Optional<Provenance> provenance(Path card) {
    if (card.getFileName().toString().toLowerCase().endsWith(".onnx")) {
      return java.util.Optional.empty();
    }
    try {
      return java.util.Optional.ofNullable(JSON.readValue(card.toFile(), CardFile.class).source());
    } catch (IOException | IllegalArgumentException e) {
      throw new ModelLoadException("The classifier card " + card.getFileName() + " is not valid: " + e.getMessage(), e);
    }
  }

  /**
   * Checks a card's model file against the SHA-256 its provenance recorded on import, for doors that
   * load a classifier copied from elsewhere (the Spark job's shipped archives). Cards without a
   * recorded hash (written by hand, bare .onnx files) pass.
   *
   * @throws ModelLoadException when the file differs from what was imported
   */
  public static void checkRecordedHash(Path card) {
    Path onnx = read(card).onnxFile();
    String recorded = provenance(card).map(Provenance::sha256).orElse(null);
    if (recorded == null || recorded.isBlank()) {
      return;
    }
    String actual;
    try {
      actual = dev.raut.core.model.Sha256.of(onnx);
    } catch (IOException e) {
      throw new ModelLoadException("The classifier model " + onnx + " cannot be read: " + e.getMessage(), e);
    }
    if (!actual.equalsIgnoreCase(recorded)) {
      throw new ModelLoadException("The classifier model " + onnx + " has SHA-256 " + actual + " but its card recorded "
          + recorded + " when it was imported: the copy is damaged or was changed. Copy the classifier's folder again.");
    }
  }

  /**
   * A bare .onnx: labels from {@code NAME.labels.txt} or {@code labels.txt} beside it, else class_0..;
   * layout and size from the input shape; normalisation by convention (NCHW exports are usually
   * PyTorch with ImageNet mean/std, NHWC ones Keras with 0..1).
   */
  public static Loaded guess(Path onnx) {
    ClassifierSpec shapeOnly = guessSpec(onnx);
    String base = stripExtension(onnx.getFileName().toString());
    Path dir = onnx.toAbsolutePath().getParent();
    for (Path labels : List.of(dir.resolve(base + ".labels.txt"), dir.resolve("labels.txt"))) {
      if (Files.isRegularFile(labels)) {
        return new Loaded(base, onnx, shapeOnly.withLabels(readLabels(labels)));
      }
    }
    return new Loaded(base, onnx, shapeOnly);
  }

  /** The preprocessing guessed from the model's input and output shapes, labels class_0... */
  public static ClassifierSpec guessSpec(Path onnx) {
    try (OnnxModel model = OnnxModel.load(onnx, onnx.getFileName().toString(), 1)) {
      long[] in = model.inputShape();
      if (in.length != 4) {
        throw new ModelLoadException(onnx.getFileName() + " takes a " + in.length
            + "-D input; an image classifier takes [1,C,H,W] or [1,H,W,C].");
      }
      boolean nchw = in[1] == 1 || in[1] == 3;
      int channels = (int) (nchw ? in[1] : in[3]);
      int height = (int) (nchw ? in[2] : in[1]);
      int width = (int) (nchw ? in[3] : in[2]);
      if (height <= 0 || width <= 0) {
        height = 224;
        width = 224;
      }
      long classes = 1;
      for (long d : model.outputShape(0)) {
        classes *= Math.max(1, d);
      }
      List<String> labels = IntStream.range(0, (int) classes).mapToObj(i -> "class_" + i).toList();
      return new ClassifierSpec(width, height, nchw ? ClassifierSpec.Layout.NCHW : ClassifierSpec.Layout.NHWC,
          channels == 1 ? ClassifierSpec.ColorOrder.GREY : ClassifierSpec.ColorOrder.RGB,
          nchw ? ClassifierSpec.Normalization.MEAN_STD : ClassifierSpec.Normalization.ZERO_ONE, null, null, true, labels);
    }
  }

  public static List<String> readLabels(Path file) {
    try {
      List<String> labels = new ArrayList<>();
      for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
        String label = line.strip();
        if (!label.isEmpty()) {
          labels.add(label);
        }
      }
      if (labels.isEmpty()) {
        throw new ModelLoadException("The labels file " + file.getFileName() + " is empty.");
      }
      return labels;
    } catch (IOException e) {
      throw new ModelLoadException("The labels file " + file + " cannot be read: " + e.getMessage(), e);
    }
  }

  private static String stripExtension(String name) {
    int dot = name.lastIndexOf('.');
    return dot > 0 ? name.substring(0, dot) : name;
  }
}
