package dev.raut.core.classify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.raut.core.classify.ModelImportException.Code;
import dev.raut.core.convert.ConversionException;
import dev.raut.core.convert.KerasConversion;
import dev.raut.core.convert.KerasConverter;
import dev.raut.core.onnx.ModelLoadException;
import dev.raut.core.text.Problem;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * Reads whatever model a user brings (a file, a folder, a Teachable Machine zip), converts it to
 * ONNX when it isn't one, and guesses how to feed it: input size and channels from the model,
 * pixel scaling from the format's convention, a scaling layer inside the model, or a recognisable
 * base network, and labels from the files that come with it. Every door (CLI, app, server) imports
 * through here, then stores the result with {@link ClassifierLibrary#importPrepared}.
 */
public final class ModelImport {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final byte[] HDF5_MAGIC = {(byte) 0x89, 'H', 'D', 'F', '\r', '\n', 0x1a, '\n'};
  private static final Pattern INDEXED_LABEL = Pattern.compile("^\\d+\\s+(.+)$");
  /** Largest total a zip may unpack to: a model zip is a few MB; a zip bomb is refused. */
  private static final long MAX_UNZIPPED_BYTES = 2L << 30;
  /** Layers that leave pixel values as they are, skipped when looking for a scaling layer at the start. */
  private static final Set<String> VALUE_PRESERVING_LAYERS = Set.of("InputLayer", "Dropout", "GaussianNoise",
      "RandomFlip", "RandomRotation", "RandomZoom", "RandomContrast", "RandomTranslation", "Resizing", "CenterCrop");

  private ModelImport() {}

  /**
   * Reads and converts {@code fileOrFolder}.
   *
   * @throws ModelImportException with a plain-words reason when the model can't be imported faithfully
   */
  public static PreparedImport prepare(Path fileOrFolder) {
    Path source = fileOrFolder.toAbsolutePath().normalize();
    if (!Files.exists(source)) {
      throw new ModelImportException(Code.NOT_FOUND, Problem.of("errors.import.notFound", source), List.of(source.toString()), null);
    }
    long start = System.nanoTime();
    Path work = createWorkDir();
    try {
      Path resolved = Files.isDirectory(source) ? source : unzipIfArchive(source, work);
      PreparedImport prepared = prepareResolved(source, resolved, work, start);
      return prepared;
    } catch (RuntimeException e) {
      deleteQuietly(work);
      throw e;
    }
  }

  private static PreparedImport prepareResolved(Path source, Path resolved, Path work, long start) {
    Path model = Files.isDirectory(resolved) ? findModelInFolder(resolved) : resolved;
    String name = model.getFileName().toString().toLowerCase(Locale.ROOT);
    byte[] head = readHead(model, 16);
    if (name.endsWith(".onnx")) {
      return prepareOnnx(source, model, work, start);
    }
    if (startsWith(head, HDF5_MAGIC)) {
      boolean teachable = name.equals("keras_model.h5");
      return prepareKeras(source, model, work, start, teachable ? ModelFormat.TEACHABLE_MACHINE_KERAS
          : ModelFormat.KERAS_H5, () -> KerasConverter.convertH5(model));
    }
    if (head.length >= 4 && head[0] == 'P' && head[1] == 'K') {
      return prepareKeras(source, model, work, start, ModelFormat.KERAS_V3, () -> KerasConverter.convertKerasArchive(model));
    }
    if (name.endsWith(".json")) {
      boolean teachable = Files.isRegularFile(model.resolveSibling("metadata.json"))
          && readJson(model.resolveSibling("metadata.json")).has("labels");
      return prepareKeras(source, model, work, start, teachable ? ModelFormat.TEACHABLE_MACHINE_TFJS
          : ModelFormat.TFJS_LAYERS, () -> KerasConverter.convertTfjsLayers(model));
    }
    if (head.length >= 8 && head[4] == 'T' && head[5] == 'F' && head[6] == 'L' && head[7] == '3') {
      return prepareKeras(source, model, work, start, teachableTflite(model) ? ModelFormat.TEACHABLE_MACHINE_TFLITE
          : ModelFormat.TFLITE, () -> KerasConverter.convertTflite(model));
    }
    if (name.endsWith(".pb")) {
      throw unsupported(model, "errors.import.tensorflowGraph.what", "errors.import.tensorflowGraph.todo");
    }
    if (name.endsWith(".pt") || name.endsWith(".pth")) {
      throw unsupported(model, "errors.import.pytorch.what", "errors.import.pytorch.todo");
    }
    if (name.endsWith(".tflite") || name.endsWith(".h5") || name.endsWith(".hdf5") || name.endsWith(".keras")) {
      throw new ModelImportException(Code.TRUNCATED, Problem.of("errors.import.incomplete", model.getFileName(),
          name.substring(name.lastIndexOf('.'))), List.of(model.toString()), null);
    }
    throw new ModelImportException(Code.UNKNOWN_FORMAT, Problem.of("errors.import.notAModel", model.getFileName()),
        List.of(model.toString()), null);
  }

  @FunctionalInterface
  private interface Conversion {
    KerasConversion run() throws ConversionException;
  }

  private static PreparedImport prepareKeras(Path source, Path model, Path work, long start, ModelFormat format,
      Conversion conversion) {
    if (Files.isDirectory(model.resolveSibling("variables")) && Files.isRegularFile(model.resolveSibling("saved_model.pb"))) {
      throw savedModel(model.getParent());
    }
    KerasConversion converted;
    try {
      converted = conversion.run();
    } catch (ConversionException e) {
      throw fromConversion(model, e);
    }
    Path onnx = work.resolve("model.onnx");
    try {
      Files.write(onnx, converted.onnx());
    } catch (IOException e) {
      throw new ModelImportException(Code.UNREADABLE, Problem.of("errors.import.cannotWrite", work, e.getMessage()), e);
    }
    long[] in = converted.inputShape();
    if (in.length != 4) {
      throw new ModelImportException(Code.MODEL_REFUSED, Problem.of("errors.import.inputRank", model.getFileName(),
          in.length - 1), List.of(model.toString()), null);
    }
    int outputs = outputCount(converted.outputShape(), model);
    Guess guess = guessScaling(format, converted);
    int channels = (int) in[3];
    if (channels != 1 && channels != 3) {
      throw new ModelImportException(Code.MODEL_REFUSED, Problem.of("errors.import.channels", model.getFileName(),
          channels), List.of(model.toString()), null);
    }
    int height = (int) in[1];
    int width = (int) in[2];
    List<String> notes = new ArrayList<>(converted.notes());
    if (height <= 0 || width <= 0) {
      height = 224;
      width = 224;
      notes.add("The model accepts any image size; Raut feeds it 224 × 224 pixels.");
    }
    Labels labels = findLabels(model, outputs);
    ClassifierSpec spec = new ClassifierSpec(width, height, ClassifierSpec.Layout.NHWC,
        channels == 1 ? ClassifierSpec.ColorOrder.GREY
            : guess.normalization() == ClassifierSpec.Normalization.CAFFE ? ClassifierSpec.ColorOrder.BGR
            : ClassifierSpec.ColorOrder.RGB, guess.normalization(), null, null,
        !converted.outputIsSoftmax(), labels.labels(), teachable(format) ? ClassifierSpec.Fit.CENTER_CROP
        : ClassifierSpec.Fit.STRETCH);
    String version = converted.kerasVersion().isEmpty() ? "" : (converted.kerasVersion().startsWith("tfjs")
        || converted.kerasVersion().startsWith("TensorFlow Lite") ? converted.kerasVersion()
        : "Keras " + converted.kerasVersion());
    return new PreparedImport(source, format, onnx, spec, guess.reason(), guess.certain(), labels.source(), outputs,
        version, (System.nanoTime() - start) / 1_000_000, notes, work);
  }

  private static PreparedImport prepareOnnx(Path source, Path onnx, Path work, long start) {
    ClassifierSpec spec;
    try {
      spec = ClassifierCards.guessSpec(onnx);
    } catch (ModelLoadException e) {
      throw new ModelImportException(Code.MODEL_REFUSED, Problem.of(e), e);
    }
    Labels labels = findLabels(onnx, spec.labels().size());
    boolean nchw = spec.layout() == ClassifierSpec.Layout.NCHW;
    String reason = nchw ? "ONNX models with channels first usually come from PyTorch, trained with ImageNet mean/std."
        : "ONNX models with channels last usually come from Keras, trained on pixels / 255.";
    return new PreparedImport(source, ModelFormat.ONNX, onnx, spec.withLabels(labels.labels()), reason, false,
        labels.source(), spec.labels().size(), "", (System.nanoTime() - start) / 1_000_000, List.of(), work);
  }

  /** How the pixels were scaled in training, and why Raut thinks so. */
  record Guess(ClassifierSpec.Normalization normalization, String reason, boolean certain) {}

  static Guess guessScaling(ModelFormat format, KerasConversion model) {
    List<String> classes = model.layerClasses();
    List<String> names = model.layerNames().stream().map(n -> n.toLowerCase(Locale.ROOT)).toList();
    int firstComputing = IntStream.range(0, classes.size())
        .filter(i -> !VALUE_PRESERVING_LAYERS.contains(classes.get(i))).findFirst().orElse(0);
    String first = classes.isEmpty() ? "" : classes.get(firstComputing);
    if (first.equals("Rescaling") || first.equals("Normalization")) {
      return new Guess(ClassifierSpec.Normalization.RAW, "The model scales the pixels itself (its first layer is "
          + first + "), so Raut gives it pixels from 0 to 255.", true);
    }
    if (teachable(format)) {
      return new Guess(ClassifierSpec.Normalization.MINUS_ONE_ONE,
          "Teachable Machine models are trained on the centre square of each photo, pixels scaled to -1 … 1.", true);
    }
    if (names.contains("conv1") && names.stream().anyMatch(n -> n.startsWith("expanded_conv") || n.startsWith("block_1_expand"))
        || names.contains("bn_conv1") && names.stream().anyMatch(n -> n.startsWith("block_")) ) {
      return new Guess(ClassifierSpec.Normalization.MINUS_ONE_ONE,
          "The model is built on MobileNetV2, whose Keras preprocessing scales pixels to -1 … 1.", true);
    }
    if (names.stream().anyMatch(n -> n.startsWith("conv_dw_1"))) {
      return new Guess(ClassifierSpec.Normalization.MINUS_ONE_ONE,
          "The model is built on MobileNet, whose Keras preprocessing scales pixels to -1 … 1.", true);
    }
    if (names.contains("conv1_conv") && names.stream().anyMatch(n -> n.startsWith("conv2_block1_1_conv"))
        && !names.stream().anyMatch(n -> n.endsWith("_preact_bn"))) {
      return new Guess(ClassifierSpec.Normalization.CAFFE,
          "The model is built on ResNet, whose Keras preprocessing is the Caffe style: BGR, minus the ImageNet mean.", true);
    }
    if (names.contains("block1_conv1") && names.contains("block2_conv1") && names.stream().noneMatch(n -> n.startsWith("block1_conv1_bn"))) {
      return new Guess(ClassifierSpec.Normalization.CAFFE,
          "The model is built on VGG, whose Keras preprocessing is the Caffe style: BGR, minus the ImageNet mean.", true);
    }
    if (names.contains("block1_conv1_bn") || names.stream().anyMatch(n -> n.startsWith("mixed")) && names.contains("conv2d_1")) {
      return new Guess(ClassifierSpec.Normalization.MINUS_ONE_ONE,
          "The model is built on Xception or Inception, whose Keras preprocessing scales pixels to -1 … 1.", true);
    }
    if (names.stream().anyMatch(n -> n.startsWith("conv2_block1_0_bn")) && names.contains("conv1/conv")) {
      return new Guess(ClassifierSpec.Normalization.MEAN_STD,
          "The model is built on DenseNet, whose Keras preprocessing uses the ImageNet mean and standard deviation.", true);
    }
    return new Guess(ClassifierSpec.Normalization.ZERO_ONE, "Most Keras models are trained on pixels divided by 255"
        + " (0 … 1); nothing in this model says otherwise. Check with a trial photo.", false);
  }

  private static boolean teachable(ModelFormat format) {
    return format == ModelFormat.TEACHABLE_MACHINE_KERAS || format == ModelFormat.TEACHABLE_MACHINE_TFJS
        || format == ModelFormat.TEACHABLE_MACHINE_TFLITE;
  }

  /**
   * Teachable Machine's TensorFlow Lite export: {@code model_unquant.tflite} (the floating-point
   * choice; the quantised one, {@code model.tflite}, is refused by the converter) with its
   * {@code labels.txt} of indexed lines beside it.
   */
  private static boolean teachableTflite(Path model) {
    String name = model.getFileName().toString().toLowerCase(Locale.ROOT);
    Path labels = model.resolveSibling("labels.txt");
    if (!name.equals("model_unquant.tflite") && !name.equals("model.tflite") || !Files.isRegularFile(labels)) {
      return false;
    }
    try {
      List<String> lines = Files.readAllLines(labels, StandardCharsets.UTF_8).stream().map(String::strip)
          .filter(l -> !l.isEmpty()).toList();
      return !lines.isEmpty() && lines.stream().allMatch(l -> INDEXED_LABEL.matcher(l).matches());
    } catch (IOException e) {
      return false;
    }
  }

  /** Where the labels came from (null source: made up as class_0, class_1, ...). */
  record Labels(List<String> labels, String source) {}

  static Labels findLabels(Path model, int outputs) {
    Path dir = model.toAbsolutePath().getParent();
    String base = model.getFileName().toString().replaceFirst("\\.[^.]+$", "");
    Path metadata = dir.resolve("metadata.json");
    if (Files.isRegularFile(metadata)) {
      JsonNode labels = readJson(metadata).path("labels");
      if (labels.isArray() && labels.size() > 0) {
        List<String> list = new ArrayList<>();
        labels.forEach(l -> list.add(l.asText()));
        return checked(list, "metadata.json", outputs, metadata);
      }
    }
    for (Path candidate : List.of(dir.resolve(base + ".labels.txt"), dir.resolve(base + "_labels.txt"),
        dir.resolve("labels.txt"))) {
      if (Files.isRegularFile(candidate)) {
        return checked(readLabelsFile(candidate), candidate.getFileName().toString(), outputs, candidate);
      }
    }
    return new Labels(IntStream.range(0, outputs).mapToObj(i -> "class_" + i).toList(), null);
  }

  private static Labels checked(List<String> labels, String from, int outputs, Path file) {
    if (labels.size() != outputs) {
      throw new ModelImportException(Code.LABELS_MISMATCH, Problem.of("errors.import.labelsFile", file.getFileName(),
          labels.size(), outputs), List.of(file.toString(), String.valueOf(labels.size()),
          String.valueOf(outputs)), null);
    }
    return new Labels(labels, from);
  }

  /**
   * A labels file: one label per line; Teachable Machine's {@code 0 cat} lines lose their index.
   * The indices are dropped only when every line has one.
   */
  public static List<String> readLabelsFile(Path file) {
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8).stream().map(String::strip).filter(l -> !l.isEmpty())
          .toList();
    } catch (IOException e) {
      throw new ModelImportException(Code.UNREADABLE, Problem.of("errors.import.labelsUnreadable", file, e.getMessage()),
          List.of(file.toString()), e);
    }
    if (lines.isEmpty()) {
      throw new ModelImportException(Code.LABELS_MISMATCH, Problem.of("errors.import.labelsEmpty", file.getFileName()),
          List.of(file.toString()), null);
    }
    boolean indexed = lines.stream().allMatch(l -> INDEXED_LABEL.matcher(l).matches());
    return indexed ? lines.stream().map(l -> INDEXED_LABEL.matcher(l).replaceFirst("$1").strip()).toList() : lines;
  }

  /** Pixel scaling by its CLI name: 0-1, -1-1, imagenet, caffe, raw. */
  public static ClassifierSpec.Normalization scalingByName(String name) {
    return switch (name.strip().toLowerCase(Locale.ROOT)) {
      case "0-1", "0..1", "zero-one" -> ClassifierSpec.Normalization.ZERO_ONE;
      case "-1-1", "-1..1", "minus-one-one", "tm" -> ClassifierSpec.Normalization.MINUS_ONE_ONE;
      case "imagenet", "mean-std" -> ClassifierSpec.Normalization.MEAN_STD;
      case "caffe" -> ClassifierSpec.Normalization.CAFFE;
      case "raw", "0-255" -> ClassifierSpec.Normalization.RAW;
      default -> throw new IllegalArgumentException("Unknown input scale '" + name
          + "': use 0-1, -1-1, imagenet, caffe or raw");
    };
  }

  private static int outputCount(long[] shape, Path model) {
    long count = 1;
    for (int i = 1; i < shape.length; i++) {
      if (shape[i] <= 0) {
        throw new ModelImportException(Code.MODEL_REFUSED, Problem.of("errors.import.outputUnknown", model.getFileName()),
            List.of(model.toString()), null);
      }
      count *= shape[i];
    }
    if (shape.length > 2 && count != shape[shape.length - 1]) {
      throw new ModelImportException(Code.MODEL_REFUSED, Problem.of("errors.import.outputMap", model.getFileName(),
          shape.length - 1), List.of(model.toString()), null);
    }
    return (int) count;
  }

  /** The one model file in a folder a user dropped (an unzipped export, a SavedModel, ...). */
  private static Path findModelInFolder(Path dir) {
    if (Files.isRegularFile(dir.resolve("saved_model.pb"))) {
      throw savedModel(dir);
    }
    for (String known : List.of("model.json", "keras_model.h5", "model.keras", "model.h5", "model.onnx")) {
      if (Files.isRegularFile(dir.resolve(known))) {
        return dir.resolve(known);
      }
    }
    List<Path> candidates;
    try (Stream<Path> files = Files.list(dir)) {
      candidates = files.filter(Files::isRegularFile).filter(p -> {
        String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
        return n.endsWith(".h5") || n.endsWith(".hdf5") || n.endsWith(".keras") || n.endsWith(".onnx")
            || n.endsWith(".tflite") || n.endsWith(".json") && !n.equals("metadata.json");
      }).sorted().toList();
    } catch (IOException e) {
      throw new ModelImportException(Code.UNREADABLE, Problem.of("errors.import.folderUnreadable", dir, e.getMessage()), e);
    }
    List<Path> subdirs = listSubfolders(dir);
    if (candidates.isEmpty() && subdirs.size() == 1) {
      return findModelInFolder(subdirs.get(0));
    }
    if (candidates.size() == 1) {
      return candidates.get(0);
    }
    if (candidates.isEmpty()) {
      throw new ModelImportException(Code.UNKNOWN_FORMAT, Problem.of("errors.import.folderEmpty", dir.getFileName()),
          List.of(dir.toString()), null);
    }
    throw new ModelImportException(Code.UNKNOWN_FORMAT, Problem.of("errors.import.folderSeveral", dir.getFileName(),
        String.join(", ", candidates.stream().map(p -> p.getFileName().toString()).toList())), List.of(dir.toString()), null);
  }

  private static List<Path> listSubfolders(Path dir) {
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(Files::isDirectory).filter(p -> !p.getFileName().toString().startsWith("__MACOSX")).toList();
    } catch (IOException e) {
      return List.of();
    }
  }

  private static ModelImportException savedModel(Path dir) {
    return unsupported(dir, "errors.import.savedModel.what", "errors.import.savedModel.todo");
  }

  /** A format Raut cannot import faithfully: what it is, and what to export instead. */
  private static ModelImportException unsupported(Path file, String whatKey, String todoKey) {
    Problem what = Problem.of(whatKey);
    return new ModelImportException(Code.UNSUPPORTED_FORMAT, Problem.of("errors.import.unsupported", file.getFileName(),
        what, Problem.of(todoKey)), List.of(file.toString(), what.english()), null);
  }

  private static ModelImportException fromConversion(Path model, ConversionException e) {
    Code code = switch (e.reason()) {
      case UNREADABLE -> Code.UNREADABLE;
      case TRUNCATED -> Code.TRUNCATED;
      case WEIGHTS_ONLY -> Code.WEIGHTS_ONLY;
      case MISSING_PART -> Code.MISSING_PART;
      case UNSUPPORTED_LAYER -> Code.UNSUPPORTED_LAYER;
      case CUSTOM_LAYER -> Code.CUSTOM_LAYER;
      case BAD_CONFIG -> Code.BAD_CONFIG;
      case OTHER -> Code.MODEL_REFUSED;
    };
    // the converter's own sentence names the layer or op in English; its code tells the doors the rest
    return new ModelImportException(code, e.getMessage(), List.of(model.toString()), e);
  }

  /** A Teachable Machine download is a zip of the export folder: unpacked into the work folder. */
  private static Path unzipIfArchive(Path file, Path work) {
    byte[] head = readHead(file, 4);
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    if (!(head.length >= 2 && head[0] == 'P' && head[1] == 'K') || name.endsWith(".keras")) {
      return file;
    }
    Path target = work.resolve("unzipped");
    long total = 0;
    boolean kerasArchive = false;
    try (InputStream in = Files.newInputStream(file); ZipInputStream zip = new ZipInputStream(in)) {
      Files.createDirectories(target);
      for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
        Path out = target.resolve(entry.getName()).normalize();
        if (!out.startsWith(target)) {
          throw new ModelImportException(Code.UNREADABLE, Problem.of("errors.import.zipOutside", file.getFileName(),
              entry.getName()), List.of(file.toString()), null);
        }
        kerasArchive |= entry.getName().equals("config.json");
        if (entry.isDirectory()) {
          Files.createDirectories(out);
          continue;
        }
        Files.createDirectories(out.getParent());
        total += Files.copy(zip, out);
        if (total > MAX_UNZIPPED_BYTES) {
          throw new ModelImportException(Code.UNREADABLE, Problem.of("errors.import.zipTooBig", file.getFileName()),
              List.of(file.toString()), null);
        }
      }
    } catch (IOException e) {
      throw new ModelImportException(Code.TRUNCATED, Problem.of("errors.import.zipDamaged", file.getFileName(),
          e.getMessage()), List.of(file.toString()), e);
    }
    // a .keras archive that lost its extension stays one file for the .keras reader
    return kerasArchive ? file : target;
  }

  private static Path createWorkDir() {
    try {
      return Files.createTempDirectory("raut-import-");
    } catch (IOException e) {
      throw new ModelImportException(Code.UNREADABLE, Problem.of("errors.import.noTempFolder", e.getMessage()), e);
    }
  }

  private static byte[] readHead(Path file, int n) {
    try (InputStream in = Files.newInputStream(file)) {
      return in.readNBytes(n);
    } catch (IOException e) {
      throw new ModelImportException(Code.UNREADABLE, Problem.of("errors.import.cannotRead", file, e.getMessage()),
          List.of(file.toString()), e);
    }
  }



  private static boolean startsWith(byte[] data, byte[] prefix) {
    if (data.length < prefix.length) {
      return false;
    }
    for (int i = 0; i < prefix.length; i++) {
      if (data[i] != prefix[i]) {
        return false;
      }
    }
    return true;
  }

  private static JsonNode readJson(Path file) {
    try {
      return JSON.readTree(file.toFile());
    } catch (IOException e) {
      throw new ModelImportException(Code.UNREADABLE, Problem.of("errors.import.badJson", file.getFileName(), e.getMessage()),
          List.of(file.toString()), e);
    }
  }

  private static void deleteQuietly(Path dir) {
    try (Stream<Path> walk = Files.walk(dir)) {
      walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException ignored) {
      // best effort: a temp folder
    }
  }
}
