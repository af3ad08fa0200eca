package dev.raut.cli;

import dev.raut.core.analysis.DetectorChoice;
import dev.raut.core.analysis.AnalysisService;
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
import dev.raut.core.text.Language;
import dev.raut.core.text.Messages;
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
@Command(name = "teach", mixinStandardHelpOptions = true, sortOptions = false)
final class TeachCommand implements Callable<Integer> {
  @Parameters(paramLabel = "DATA", descriptionKey = "teach.data")
  Path data;

  @Option(names = "--name", required = true, paramLabel = "NAME", descriptionKey = "teach.name")
  String name;

  @Option(names = "--backbone", paramLabel = "ID", defaultValue = "accurate",
      completionCandidates = BackboneIds.class, descriptionKey = "teach.backbone")
  String backbone;

  @Option(names = "--split", paramLabel = "FRACTION", defaultValue = "0.2", descriptionKey = "teach.split")
  double split;

  @Option(names = "--head", paramLabel = "KIND", defaultValue = "auto", descriptionKey = "teach.head")
  String head;

  @Option(names = "--augment", descriptionKey = "teach.augment")
  boolean augment;

  @Option(names = "--scope", paramLabel = "SCOPE", defaultValue = "image", descriptionKey = "teach.scope")
  String scope;

  @Option(names = "--seed", paramLabel = "S", defaultValue = "42", descriptionKey = "teach.seed")
  long seed;

  @Option(names = "--out", paramLabel = "DIR", descriptionKey = "teach.out")
  Path out;

  @Option(names = "--threads", paramLabel = "N", descriptionKey = "teach.threads")
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
          Messages.text("cli.teach.unknownBackbone", backbone,
              String.join(", ", BackboneCatalog.all().stream().map(Backbone::id).toList()))));
    };
    HeadTraining.Choice headChoice;
    ClassifierScope classifierScope;
    try {
      headChoice = HeadTraining.Choice.valueOf(head.toUpperCase(Locale.ROOT));
      classifierScope = ClassifierScope.fromId(scope);
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), Messages.text("cli.teach.headOrScope", e.getMessage()));
    }
    if (split < 0 || split >= 1) {
      throw new CommandLine.ParameterException(spec.commandLine(), Messages.text("cli.teach.splitRange"));
    }
    ClassifierLibrary library = ClassifierLibrary.defaultLibrary();
    if (library.list().stream().anyMatch(e -> e.name().equalsIgnoreCase(name.strip()))) {
      throw new CommandLine.ParameterException(spec.commandLine(), Messages.text("cli.teach.nameTaken", name));
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
      // the embedding runs on the analysis service's threads, as every door's analysis does; its
      // engine loads a face detector only for --scope face
      try (OnnxEmbedder embedder = OnnxEmbedder.open(chosen, ModelStore.defaultStore(), 1);
          AnalysisService service = AnalysisService.over(Engine.openDefault(threadCount), threadCount)) {
        Engine engine = service.analyzer().join().engine();
        Teacher teacher = new Teacher(embedder, EmbeddingCache.defaultCache(),
            classifierScope == ClassifierScope.FACE ? engine.faceDetector(DetectorChoice.AUTO) : null)
            .on(service.lane("teach"));
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
          // the card keeps its provenance in English, whatever language the run spoke
          "Taught in Raut", chosen.displayName(), null, // not user text
          "The backbone's own input: the whole photo resized to " + chosen.inputSize() + " × " + chosen.inputSize() // not user text
              + ", RGB 0 to 255.", teaching.ownTestSplit() ? "class folders (train/ and test/)" : "class folders", // not user text
          null, List.of(result.training().reason(), heldOut(result, Language.ENGLISH), "Backbone licence: " + chosen.license())); // not user text
      ClassifierLibrary.Entry entry = library.saveTaught(name.strip(), result.onnx(), result.spec(), classifierScope,
          source, files);
      if (this.out != null) {
        Files.createDirectories(this.out);
        for (Map.Entry<String, byte[]> f : files.entrySet()) {
          Files.write(this.out.resolve(f.getKey()), f.getValue());
        }
        Files.write(this.out.resolve("model.onnx"), result.onnx());
      }
      out.println(Messages.text("cli.teach.saved", entry.name(), entry.id(), library.root()));
      out.println(Messages.text("cli.teach.useIt", entry.name()));
      out.flush();
      return RautCommand.EXIT_OK;
    } catch (TeachDataException | ModelLoadException e) {
      err.println(Messages.text("cli.teach.says", CliTexts.message(e)));
      err.flush();
      return RautCommand.EXIT_FAILURES;
    } catch (TeachCancelledException e) {
      err.println(Messages.text("cli.teach.cancelled"));
      err.flush();
      return RautCommand.EXIT_FAILURES;
    } catch (IOException e) {
      err.println(Messages.text("cli.teach.cannotWrite", e.getMessage()));
      err.flush();
      return RautCommand.EXIT_FAILURES;
    }
  }

  private static String heldOut(Teacher.Result result, Language language) {
    return result.report() == null ? Messages.text(language, "cli.teach.noHeldOut")
        : Messages.text(language, "cli.teach.heldOut", 100 * result.report().accuracy(),
            100 * result.report().balancedAccuracy(), result.report().total());
  }

  private static void describe(PrintWriter out, TeachingData data) {
    out.println(Messages.text(data.ownTestSplit() ? "cli.teach.dataOwnTest" : "cli.teach.dataSplit",
        data.classes().size(), data.train().size(), data.test().size()));
    Map<String, Integer> test = data.testCounts();
    data.trainCounts().forEach((c, n) -> out.printf("  %-28s %5d  %5d%n", c, n, test.get(c)));
    data.warnings().forEach(w -> out.println(Messages.text("cli.teach.warning", w)));
  }

  private static void report(PrintWriter out, Teacher.Result result, Backbone backbone) {
    out.println(Messages.text("cli.teach.embedded", backbone.displayName(), result.photosEmbedded(),
        result.photosFromCache(), result.skipped().size(), result.embedMillis() / 1000.0));
    result.skipped().forEach(s -> out.println(Messages.text("cli.teach.skipped", s.photo().name(), s.error().localMessage())));
    out.println(Messages.text("cli.teach.headTrained", result.training().head().kind(), result.trainMillis() / 1000.0,
        result.training().why().text()));
    if (result.report() != null) {
      out.println(heldOut(result, Messages.language()));
      out.print(TextReport.classificationReport(result.report(), 3));
      out.print(TextReport.confusionTable(result.report().matrix()));
    }
  }
}
