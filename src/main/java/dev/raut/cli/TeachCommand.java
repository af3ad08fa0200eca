package dev.raut.cli;

import dev.raut.core.analysis.DetectorChoice;
import dev.raut.core.analysis.Engine;
import dev.raut.core.classify.ClassifierCards;
import dev.raut.core.classify.ClassifierLibrary;
import dev.raut.core.classify.ClassifierScope;
import dev.raut.core.image.ImageDecoder;
import dev.raut.core.model.ModelStore;
import dev.raut.core.onnx.ModelLoadException;
import dev.raut.core.teach.Backbone;
import dev.raut.core.teach.BackboneCatalog;
import dev.raut.core.teach.EmbeddingCache;
import dev.raut.core.teach.HeadTraining;
import dev.raut.core.teach.OnnxEmbedder;
import dev.raut.core.teach.TeachCancelledException;
import dev.raut.core.teach.TeachDataException;
import dev.raut.core.teach.Teacher;
import dev.raut.core.teach.TeachingData;
import dev.raut.evaluate.report.TeachReportFiles;
import dev.raut.evaluate.report.TextReport;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code raut teach}: a classifier taught from labelled folders, saved in the model library. */
@Command(name = "teach", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Teach a classifier from labelled photos: a folder of class folders (with or without train/ and"
        + " test/), or a CSV of path,label.",
        "The result goes into your model library, usable by name in every door (--classifier NAME).",
        "Exit code: 0 taught and saved, 1 the data or models could not be used (or cancelled), 2 usage error."})
final class TeachCommand implements Callable<Integer> {
  @Parameters(paramLabel = "DATA", description = "A folder of class folders, or a CSV of path,label.")
  Path data;

  @Option(names = "--name", required = true, paramLabel = "NAME", description = "Name in the model library.")
  String name;

  @Option(names = "--backbone", paramLabel = "ID", defaultValue = "accurate",
      description = "fast, accurate, or a backbone id (${COMPLETION-CANDIDATES}); default: ${DEFAULT-VALUE}.",
      completionCandidates = BackboneIds.class)
  String backbone;

  @Option(names = "--split", paramLabel = "FRACTION", defaultValue = "0.2",
      description = "Part of each class held back for the test when the data has no test folder (default: ${DEFAULT-VALUE}).")
  double split;

  @Option(names = "--head", paramLabel = "KIND", defaultValue = "auto",
      description = "logreg, mlp or auto (chosen on a validation part; default: ${DEFAULT-VALUE}).")
  String head;

  @Option(names = "--augment", description = "Also teach on each training photo mirrored.")
  boolean augment;

  @Option(names = "--scope", paramLabel = "SCOPE", defaultValue = "image",
      description = "image (whole photos) or face (each photo's largest face; default: ${DEFAULT-VALUE}).")
  String scope;

  @Option(names = "--seed", paramLabel = "S", defaultValue = "42", description = "Seed of the split and the MLP (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--out", paramLabel = "DIR", description = "Also write the report files (teach.json, curves.png, report.html, confusion.png) here.")
  Path out;

  @Option(names = "--threads", paramLabel = "N", description = "Photos embedded in parallel (default: number of cores).")
  Integer threads;

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  static final class BackboneIds implements Iterable<String> {
    @Override
    public java.util.Iterator<String> iterator() {
      return BackboneCatalog.all().stream().map(Backbone::id).iterator();
    }
  }

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Backbone chosen = switch (backbone.toLowerCase(Locale.ROOT)) {
      case "accurate" -> BackboneCatalog.accurate();
      case "fast" -> BackboneCatalog.fast();
      default -> BackboneCatalog.find(backbone).orElseThrow(() -> new CommandLine.ParameterException(spec.commandLine(),
          "Unknown backbone '" + backbone + "'. Use fast, accurate or one of: "
              + String.join(", ", BackboneCatalog.all().stream().map(Backbone::id).toList())));
    };
    HeadTraining.Choice headChoice;
    ClassifierScope classifierScope;
    try {
      headChoice = HeadTraining.Choice.valueOf(head.toUpperCase(Locale.ROOT));
      classifierScope = ClassifierScope.fromId(scope);
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--head takes logreg, mlp or auto; --scope takes"
          + " image or face (" + e.getMessage() + ")");
    }
    if (split < 0 || split >= 1) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--split must be at least 0 and below 1");
    }
    ClassifierLibrary library = ClassifierLibrary.defaultLibrary();
    if (library.list().stream().anyMatch(e -> e.name().equalsIgnoreCase(name.strip()))) {
      throw new CommandLine.ParameterException(spec.commandLine(), "The library already has a model named '" + name
          + "'. Choose another --name, or remove it with 'raut models remove " + name + "'.");
    }
    int threadCount = threads == null ? Runtime.getRuntime().availableProcessors() : Math.max(1, threads);
    Teacher.Settings settings = new Teacher.Settings(headChoice, augment, seed, threadCount);
    boolean tty = TerminalCheck.stderrIsTerminal();
    try (CancelOnShutdown cancel = new CancelOnShutdown(10)) {
      TeachingData teaching = TeachingData.read(data, split, seed, () -> cancel.flag().get());
      describe(out, teaching);
      out.flush();
      Teacher.Result result;
      ProgressBar bar = new ProgressBar(err, tty);
      try (OnnxEmbedder embedder = OnnxEmbedder.open(chosen, ModelStore.defaultStore(), 1);
          Engine engine = classifierScope == ClassifierScope.FACE ? Engine.openDefault() : null) {
        Teacher teacher = new Teacher(embedder, EmbeddingCache.defaultCache(),
            engine == null ? null : engine.faceDetector(DetectorChoice.AUTO));
        result = teacher.teach(teaching, settings, (stage, done, total) -> {
          if (stage.equals("embedding")) {
            bar.update(done, total);
          }
        }, () -> cancel.flag().get());
      } finally {
        bar.finish();
      }
      TeachReportFiles.Summary summary = TeachReportFiles.summary(result, name.strip(), settings, split);
      Map<String, byte[]> files = TeachReportFiles.files(result, summary, new ImageDecoder());
      report(out, result, chosen);
      ClassifierCards.Provenance source = new ClassifierCards.Provenance(data.toAbsolutePath().toString(),
          "Taught in Raut", chosen.displayName(), null,
          "The backbone's own input: the whole photo resized to " + chosen.inputSize() + " × " + chosen.inputSize()
              + ", RGB 0 to 255.", teaching.ownTestSplit() ? "class folders (train/ and test/)" : "class folders",
          null, List.of(result.training().reason(), heldOut(result), "Backbone licence: " + chosen.license()));
      ClassifierLibrary.Entry entry = library.saveTaught(name.strip(), result.onnx(), result.spec(), classifierScope,
          source, files);
      if (this.out != null) {
        Files.createDirectories(this.out);
        for (Map.Entry<String, byte[]> f : files.entrySet()) {
          Files.write(this.out.resolve(f.getKey()), f.getValue());
        }
        Files.write(this.out.resolve("model.onnx"), result.onnx());
      }
      out.printf("Saved as '%s' (id %s) in %s%n", entry.name(), entry.id(), library.root());
      out.printf("Use it: raut analyze PHOTOS --classifier \"%s\"%n", entry.name());
      out.flush();
      return RautCommand.EXIT_OK;
    } catch (TeachDataException | ModelLoadException e) {
      err.println("raut teach: " + e.getMessage());
      err.flush();
      return RautCommand.EXIT_FAILURES;
    } catch (TeachCancelledException e) {
      err.println("raut teach: cancelled; nothing was saved.");
      err.flush();
      return RautCommand.EXIT_FAILURES;
    } catch (IOException e) {
      err.println("raut teach: cannot write the report: " + e.getMessage());
      err.flush();
      return RautCommand.EXIT_FAILURES;
    }
  }

  private static String heldOut(Teacher.Result result) {
    return result.report() == null ? "No photos were held out, so there is no test accuracy."
        : String.format(Locale.ROOT, "Held-out accuracy %.1f%% (balanced %.1f%%) on %d photos.",
            100 * result.report().accuracy(), 100 * result.report().balancedAccuracy(), result.report().total());
  }

  private static void describe(PrintWriter out, TeachingData data) {
    out.printf("%d classes, %d photos to teach on, %d held out (%s)%n", data.classes().size(), data.train().size(),
        data.test().size(), data.ownTestSplit() ? "the data's test folder" : "a stratified split");
    Map<String, Integer> test = data.testCounts();
    data.trainCounts().forEach((c, n) -> out.printf("  %-28s %5d  %5d%n", c, n, test.get(c)));
    data.warnings().forEach(w -> out.println("warning: " + w));
  }

  private static void report(PrintWriter out, Teacher.Result result, Backbone backbone) {
    out.printf("Backbone %s: %d photos embedded, %d from the cache, %d skipped, in %.1f s%n", backbone.displayName(),
        result.photosEmbedded(), result.photosFromCache(), result.skipped().size(), result.embedMillis() / 1000.0);
    result.skipped().forEach(s -> out.printf("  skipped %s: %s%n", s.photo().name(), s.error().message()));
    out.printf("Head: %s, trained in %.1f s. %s%n", result.training().head().kind(), result.trainMillis() / 1000.0,
        result.training().reason());
    if (result.report() != null) {
      out.println(heldOut(result));
      out.print(TextReport.classificationReport(result.report(), 3));
      out.print(TextReport.confusionTable(result.report().matrix()));
    }
  }
}
