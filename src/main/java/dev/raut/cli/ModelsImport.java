package dev.raut.cli;

import dev.raut.core.classify.ClassifierCards;
import dev.raut.core.classify.ClassifierLibrary;
import dev.raut.core.classify.ClassifierScope;
import dev.raut.core.classify.ClassifierSpec;
import dev.raut.core.classify.ModelImport;
import dev.raut.core.classify.ModelImportException;
import dev.raut.core.classify.PreparedImport;
import dev.raut.core.onnx.ModelLoadException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code raut models import}: converts a user's Keras, TF.js, Teachable Machine or ONNX model once,
 * shows what Raut found and guessed (so a wrong guess can be overridden on the spot), and stores it
 * in the library, where every door finds it by name.
 */
@Command(name = "import", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Import your own classifier into your library: Keras (.h5, .hdf5, .keras), a TensorFlow.js layers"
        + " model (model.json), a Teachable Machine export (zip or folder) or an ONNX file.",
        "Then use it by name: raut analyze PHOTOS --classifier NAME.",
        "Exit code: 0 imported, 1 the model was refused (nothing is stored), 2 usage error."})
final class ModelsImport implements Callable<Integer> {
  @Parameters(paramLabel = "FILE_OR_FOLDER", description = "The model file, its folder, or a Teachable Machine zip.")
  Path source;

  @Option(names = "--name", paramLabel = "NAME", description = "Its name in the library (default: the file name).")
  String name;

  @Option(names = "--labels", paramLabel = "FILE",
      description = "Labels file, one per line in the model's output order ('0 cat' lines are fine).")
  Path labels;

  @Option(names = "--scope", paramLabel = "SCOPE", defaultValue = "image",
      description = "image (the whole photo) or face (each detected face's crop, like an emotion or age model)."
          + " Default: ${DEFAULT-VALUE}.")
  String scope;

  @Option(names = "--input-scale", paramLabel = "SCALE",
      description = "How the training pixels were scaled, if Raut's guess is wrong: 0-1 (pixels / 255), -1-1,"
          + " imagenet (mean/std), caffe (BGR minus the ImageNet mean) or raw (0-255).")
  String inputScale;

  @Option(names = "--bgr", description = "The model was trained on BGR pixels (OpenCV's cv2.imread order), not RGB.")
  boolean bgr;

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    CommandLine command = spec.commandLine();
    ClassifierScope chosenScope;
    ClassifierSpec.Normalization scale;
    try {
      chosenScope = ClassifierScope.fromId(scope);
      scale = inputScale == null ? null : ModelImport.scalingByName(inputScale);
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(command, e.getMessage());
    }
    PrintWriter out = command.getOut();
    PrintWriter err = command.getErr();
    ClassifierLibrary library = ClassifierLibrary.defaultLibrary();
    String wanted = name != null && !name.isBlank() ? name.strip() : defaultName(source);
    ClassifierLibrary.Entry existing = ModelsCommand.find(library, wanted);
    if (existing != null) {
      // names are how every door finds a classifier: two of the same name would be ambiguous
      return fail(err, "Your library already has a classifier named '" + existing.name() + "' (" + existing.id()
          + "). Choose another --name, or remove it first with 'raut models remove " + existing.id() + "'.");
    }
    try (PreparedImport prepared = ModelImport.prepare(source)) {
      PreparedImport chosen = labels == null ? prepared
          : prepared.withLabels(ModelImport.readLabelsFile(labels), labels.getFileName().toString());
      ClassifierSpec finalSpec = overridden(chosen.spec(), scale, command);
      describe(out, chosen, finalSpec, scale != null, chosenScope);
      ClassifierLibrary.Entry entry = library.importPrepared(wanted, chosen, finalSpec, chosenScope);
      out.println("Imported '" + entry.name() + "' as " + entry.id() + " into " + library.root());
      out.println("Use it with: raut analyze PHOTOS --classifier \"" + entry.name() + "\"");
      out.flush();
      return RautCommand.EXIT_OK;
    } catch (ModelImportException e) {
      return fail(err, e.getMessage());
    } catch (ModelLoadException | UncheckedIOException e) {
      return fail(err, e.getMessage());
    }
  }

  /** The user's overrides on top of Raut's guess. */
  private ClassifierSpec overridden(ClassifierSpec guessed, ClassifierSpec.Normalization scale, CommandLine command) {
    ClassifierSpec.Normalization normalization = scale != null ? scale : guessed.normalization();
    ClassifierSpec.ColorOrder color = guessed.color();
    if (bgr && color == ClassifierSpec.ColorOrder.GREY) {
      throw new CommandLine.ParameterException(command, "--bgr: this model takes grey images, which have no colour order.");
    }
    // Keras' "caffe" preprocessing flips RGB to BGR before subtracting its BGR mean
    if (color == ClassifierSpec.ColorOrder.RGB && (bgr || normalization == ClassifierSpec.Normalization.CAFFE)) {
      color = ClassifierSpec.ColorOrder.BGR;
    }
    boolean sameScale = normalization == guessed.normalization();
    return new ClassifierSpec(guessed.width(), guessed.height(), guessed.layout(), color, normalization,
        sameScale ? guessed.mean() : null, sameScale ? guessed.std() : null, guessed.softmax(), guessed.labels());
  }

  private static void describe(PrintWriter out, PreparedImport p, ClassifierSpec spec, boolean scaleGiven,
      ClassifierScope scope) {
    String version = p.frameworkVersion().isEmpty() ? "" : ", " + p.frameworkVersion();
    out.println("Read " + p.source().getFileName() + ": " + p.format().displayName() + version
        + (p.format() == dev.raut.core.classify.ModelFormat.ONNX ? "" : ", converted to ONNX in " + p.conversionMillis() + " ms"));
    out.println("  input:    " + inputText(spec) + " (" + (spec.channels() == 1 ? "grey" : "colour, " + spec.color()) + ")");
    out.println("  scaling:  " + scaleText(spec.normalization()) + (scaleGiven ? " (--input-scale)"
        : " — " + p.preprocessingReason()));
    if (!scaleGiven && !p.preprocessingCertain()) {
      out.println("            (a guess: if the answers look wrong, import again with --input-scale 0-1|-1-1|imagenet|caffe|raw)");
    }
    out.println("  labels:   " + spec.labels().size() + " — " + String.join(", ", spec.labels())
        + (p.labelsSource() != null ? " (from " + p.labelsSource() + ")" : " (made up: give --labels FILE)"));
    out.println("  scope:    " + (scope == ClassifierScope.FACE ? "each face (answers in faces[].classes)"
        : "whole photo (answers in classes)"));
    if (scope == ClassifierScope.IMAGE && spec.channels() == 1 && Math.max(spec.width(), spec.height()) <= 96) {
      out.println("            (small grey input: if this is a face model, such as FER2013 emotions, use --scope face)");
    }
    p.notes().forEach(n -> out.println("  note:     " + n));
  }

  /** A card's contents, for {@code raut models info}. */
  static void printCard(PrintWriter out, ClassifierLibrary.Entry entry) {
    out.println(entry.name() + " (" + entry.id() + "), imported classifier");
    out.println("  card:        " + entry.card());
    if (!entry.usable()) {
      out.println("  problem:     " + entry.problem());
      return;
    }
    ClassifierSpec spec = entry.spec();
    out.println("  scope:       " + entry.scope().id() + (entry.scope() == ClassifierScope.FACE ? " (each face's crop)"
        : " (the whole photo)"));
    out.println("  input:       " + inputText(spec) + ", " + spec.color() + ", " + spec.layout());
    out.println("  scaling:     " + scaleText(spec.normalization()) + (spec.softmax() ? ", softmax applied by Raut" : ""));
    out.println("  labels:      " + String.join(", ", spec.labels()));
    ClassifierCards.provenance(entry.card()).ifPresent(source -> {
      out.println("  source:      " + source.sourceFile());
      out.println("  format:      " + formatAndVersion(source));
      out.println("  onnx sha256: " + source.sha256());
      out.println("  scaling why: " + source.preprocessingReason());
      out.println("  labels from: " + (source.labelsSource() != null ? source.labelsSource() : "made up"));
      out.println("  imported:    " + source.importedAt());
      if (source.notes() != null) {
        source.notes().forEach(n -> out.println("  note:        " + n));
      }
    });
  }

  static String formatAndVersion(ClassifierCards.Provenance source) {
    String version = source.frameworkVersion() == null || source.frameworkVersion().isEmpty()
        ? "" : ", " + source.frameworkVersion();
    return source.format() + version;
  }

  static String inputText(ClassifierSpec spec) {
    return spec.width() + "x" + spec.height() + "x" + spec.channels();
  }

  /** The settings in plain words, as the app names them. */
  static String scaleText(ClassifierSpec.Normalization n) {
    return switch (n) {
      case ZERO_ONE -> "0 to 1 (pixels / 255)";
      case MINUS_ONE_ONE -> "-1 to 1";
      case MEAN_STD -> "ImageNet mean/std";
      case CAFFE -> "Caffe BGR mean";
      case RAW -> "0 to 255 (raw pixels)";
    };
  }

  private static String defaultName(Path source) {
    String file = source.toAbsolutePath().normalize().getFileName().toString();
    int dot = file.lastIndexOf('.');
    return dot > 0 ? file.substring(0, dot) : file;
  }

  private static int fail(PrintWriter err, String message) {
    err.println("raut models import: " + message);
    err.flush();
    return RautCommand.EXIT_FAILURES;
  }
}
