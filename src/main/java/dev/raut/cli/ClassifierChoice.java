package dev.raut.cli;

import dev.raut.core.classify.ClassifierCards;
import dev.raut.core.classify.ClassifierLibrary;
import dev.raut.core.classify.ClassifierScope;
import dev.raut.core.onnx.ModelLoadException;
import dev.raut.core.text.Messages;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine;

/**
 * Turns what a user typed after {@code --classifier} or {@code --emotion-model} into a card path:
 * a card or .onnx file, or the name or id of a classifier imported with {@code raut models import}.
 * The doors resolve before they start, so a typo is a usage error, not a failure on every image.
 */
final class ClassifierChoice {
  /** What {@code --emotion-model} takes to mean the built-in model. */
  static final String BUILT_IN = "default";

  private ClassifierChoice() {}

  /**
   * The card (or .onnx) path of {@code nameOrPath}. A value written as a path (a folder separator, or
   * .json / .onnx at the end) is kept even when missing, so the model loader says the file does not
   * exist; an unknown bare name is a usage error listing the library's classifiers.
   */
  static String resolve(CommandLine command, String option, String nameOrPath) {
    ClassifierLibrary library = ClassifierLibrary.defaultLibrary();
    return library.resolve(nameOrPath).map(Path::toString).orElseGet(() -> {
      if (looksLikePath(nameOrPath)) {
        return nameOrPath;
      }
      throw new CommandLine.ParameterException(command, Messages.text("cli.classifier.unknown", option, nameOrPath,
          libraryNames(library)));
    });
  }

  private static boolean looksLikePath(String value) {
    String lower = value.toLowerCase(java.util.Locale.ROOT);
    return value.contains("/") || value.contains(java.io.File.separator) || lower.endsWith(".json")
        || lower.endsWith(".onnx");
  }

  /**
   * The card of a face-scope classifier that reads emotions instead of the built-in model, or null
   * for {@code default}. A whole-photo classifier is refused: it would read the photo, not each face.
   */
  static String emotionModel(CommandLine command, String nameOrPath) {
    if (nameOrPath == null || nameOrPath.strip().equalsIgnoreCase(BUILT_IN)) {
      return null;
    }
    String card = resolve(command, "--emotion-model", nameOrPath);
    ClassifierCards.Loaded loaded;
    try {
      loaded = ClassifierCards.read(Path.of(card));
    } catch (ModelLoadException e) {
      throw new CommandLine.ParameterException(command, "--emotion-model: " + CliTexts.message(e));
    }
    if (loaded.scope() != ClassifierScope.FACE) {
      throw new CommandLine.ParameterException(command, Messages.text("cli.classifier.notFaceScope", nameOrPath));
    }
    return card;
  }

  /** The library's classifiers in one sentence, for error messages. */
  static String libraryNames(ClassifierLibrary library) {
    List<String> names = library.list().stream().filter(ClassifierLibrary.Entry::usable)
        .map(e -> e.name() + " (" + e.id() + ")").toList();
    return names.isEmpty()
        ? Messages.text("cli.classifier.libraryEmpty", library.root())
        : Messages.text("cli.classifier.libraryHas", String.join(", ", names));
  }
}
