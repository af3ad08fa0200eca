package dev.raut.cli;

import dev.raut.core.classify.ClassifierCards;
import dev.raut.core.classify.ClassifierLibrary;
import dev.raut.core.classify.ClassifierScope;
import dev.raut.core.classify.ClassifierSpec;
import dev.raut.core.classify.ModelImport;
import dev.raut.core.classify.ModelImportException;
import dev.raut.core.classify.PreparedImport;
import dev.raut.core.onnx.ModelLoadException;
import dev.raut.core.text.Messages;
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
@Command(name = "import", mixinStandardHelpOptions = true, sortOptions = false)
final class ModelsImport implements Callable<Integer> {
  @Parameters(paramLabel = "FILE_OR_FOLDER", descriptionKey = "models.import.file_or_folder")
  Path source;

  @Option(names = "--name", paramLabel = "NAME", descriptionKey = "models.import.name")
  String name;

  @Option(names = "--labels", paramLabel = "FILE", descriptionKey = "models.import.labels")
  Path labels;

  @Option(names = "--scope", paramLabel = "SCOPE", defaultValue = "image", descriptionKey = "models.import.scope")
  String scope;

  @Option(names = "--input-scale", paramLabel = "SCALE", descriptionKey = "models.import.input-scale")
  String inputScale;

  @Option(names = "--bgr", descriptionKey = "models.import.bgr")
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
      throw new CommandLine.ParameterException(command, CliTexts.message(e));
    }
    PrintWriter out = command.getOut();
    PrintWriter err = command.getErr();
    ClassifierLibrary library = ClassifierLibrary.defaultLibrary();
    String wanted = name != null && !name.isBlank() ? name.strip() : defaultName(source);
    ClassifierLibrary.Entry existing = ModelsCommand.find(library, wanted);
    if (existing != null) {
      // names are how every door finds a classifier: two of the same name would be ambiguous
      return fail(err, Messages.text("cli.import.nameTaken", existing.name(), existing.id()));
    }
    try (PreparedImport prepared = ModelImport.prepare(source)) {
      PreparedImport chosen = labels == null ? prepared
          : prepared.withLabels(ModelImport.readLabelsFile(labels), labels.getFileName().toString());
      ClassifierSpec finalSpec = overridden(chosen.spec(), scale, command);
      describe(out, chosen, finalSpec, scale != null, chosenScope);
      ClassifierLibrary.Entry entry = library.importPrepared(wanted, chosen, finalSpec, chosenScope);
      out.println(Messages.text("cli.import.imported", entry.name(), entry.id(), library.root()));
      out.println(Messages.text("cli.import.useIt", entry.name()));
      out.flush();
      return RautCommand.EXIT_OK;
    } catch (ModelImportException | ModelLoadException e) {
      return fail(err, CliTexts.message(e));
    } catch (UncheckedIOException e) {
      return fail(err, e.getMessage());
    }
  }

  /** The user's overrides on top of Raut's guess. */
  private ClassifierSpec overridden(ClassifierSpec guessed, ClassifierSpec.Normalization scale, CommandLine command) {
    ClassifierSpec.Normalization normalization = scale != null ? scale : guessed.normalization();
    ClassifierSpec.ColorOrder color = guessed.color();
    if (bgr && color == ClassifierSpec.ColorOrder.GREY) {
      throw new CommandLine.ParameterException(command, Messages.text("cli.import.bgrGrey"));
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
    out.println(p.format() == dev.raut.core.classify.ModelFormat.ONNX
        ? Messages.text("cli.import.read", p.source().getFileName(), p.format().displayName() + version)
        : Messages.text("cli.import.readConverted", p.source().getFileName(), p.format().displayName() + version,
            p.conversionMillis()));
    out.println(Messages.text(spec.channels() == 1 ? "cli.import.inputGrey" : "cli.import.inputColour", inputText(spec),
        spec.color()));
    out.println(scaleGiven ? Messages.text("cli.import.scalingGiven", scaleText(spec.normalization()))
        : Messages.text("cli.import.scalingGuessed", scaleText(spec.normalization()), p.preprocessingReason()));
    if (!scaleGiven && !p.preprocessingCertain()) {
      out.println(Messages.text("cli.import.aGuess"));
    }
    String labelList = String.join(", ", spec.labels());
    out.println(p.labelsSource() != null
        ? Messages.text("cli.import.labelsFrom", spec.labels().size(), labelList, p.labelsSource())
        : Messages.text("cli.import.labelsMadeUp", spec.labels().size(), labelList));
    out.println(Messages.text(scope == ClassifierScope.FACE ? "cli.import.scopeFace" : "cli.import.scopeImage"));
    if (scope == ClassifierScope.IMAGE && spec.channels() == 1 && Math.max(spec.width(), spec.height()) <= 96) {
      out.println(Messages.text("cli.import.smallGrey"));
    }
    p.notes().forEach(n -> out.println(Messages.text("cli.import.note", n)));
  }

  /** A card's contents, for {@code raut models info}. */
  static void printCard(PrintWriter out, ClassifierLibrary.Entry entry) {
    out.println(Messages.text("cli.card.title", entry.name(), entry.id()));
    out.println(Messages.text("cli.card.card", entry.card()));
    if (!entry.usable()) {
      out.println(Messages.text("cli.card.problem", entry.problem()));
      return;
    }
    ClassifierSpec spec = entry.spec();
    out.println(Messages.text(entry.scope() == ClassifierScope.FACE ? "cli.card.scopeFace" : "cli.card.scopeImage",
        entry.scope().id()));
    out.println(Messages.text("cli.card.input", inputText(spec) + ", " + spec.color() + ", " + spec.layout()));
    out.println(Messages.text(spec.softmax() ? "cli.card.scalingSoftmax" : "cli.card.scaling", scaleText(spec.normalization())));
    out.println(Messages.text("cli.card.labels", String.join(", ", spec.labels())));
    ClassifierCards.provenance(entry.card()).ifPresent(source -> {
      out.println(Messages.text("cli.card.source", source.sourceFile()));
      out.println(Messages.text("cli.card.format", formatAndVersion(source)));
      out.println(Messages.text("cli.card.sha", source.sha256()));
      out.println(Messages.text("cli.card.scalingWhy", source.preprocessingReason()));
      out.println(source.labelsSource() != null ? Messages.text("cli.card.labelsFrom", source.labelsSource())
          : Messages.text("cli.card.labelsMadeUp"));
      out.println(Messages.text("cli.card.imported", source.importedAt()));
      if (source.notes() != null) {
        source.notes().forEach(n -> out.println(Messages.text("cli.card.note", n)));
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
      case ZERO_ONE -> Messages.text("cli.scale.zeroOne");
      case MINUS_ONE_ONE -> Messages.text("cli.scale.minusOneOne");
      case MEAN_STD -> Messages.text("cli.scale.meanStd");
      case CAFFE -> Messages.text("cli.scale.caffe");
      case RAW -> Messages.text("cli.scale.raw");
    };
  }

  private static String defaultName(Path source) {
    String file = source.toAbsolutePath().normalize().getFileName().toString();
    int dot = file.lastIndexOf('.');
    return dot > 0 ? file.substring(0, dot) : file;
  }

  private static int fail(PrintWriter err, String message) {
    err.println(Messages.text("cli.import.says", message));
    err.flush();
    return RautCommand.EXIT_FAILURES;
  }
}
