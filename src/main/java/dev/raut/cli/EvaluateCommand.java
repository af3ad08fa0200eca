package dev.raut.cli;

import dev.raut.core.analysis.AnalysisService;
import dev.raut.core.analysis.Analyzer;
import dev.raut.core.analysis.DetectorChoice;
import dev.raut.core.analysis.Engine;
import dev.raut.core.evaluate.Dataset;
import dev.raut.core.evaluate.DatasetException;
import dev.raut.core.evaluate.DatasetReader;
import dev.raut.core.evaluate.EvaluationResult;
import dev.raut.core.evaluate.EvaluationRunner;
import dev.raut.core.emotion.EmotionModel;
import dev.raut.core.emotion.EmotionViews;
import dev.raut.core.evaluate.EvaluationSettings;
import dev.raut.core.evaluate.EvaluationTask;
import dev.raut.core.evaluate.LabelMap;
import dev.raut.core.image.ImageDecoder;
import dev.raut.core.onnx.ModelLoadException;
import dev.raut.core.text.Messages;
import dev.raut.evaluate.report.EvaluationReportFiles;
import dev.raut.evaluate.report.TextReport;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code raut evaluate}: accuracy, per-class report and confusion matrix of a model on labelled photos. */
@Command(name = "evaluate", mixinStandardHelpOptions = true, sortOptions = false)
final class EvaluateCommand implements Callable<Integer> {
  /** How long Ctrl-C waits for the report of the images done so far before the JVM exits anyway. */
  private static final int CANCEL_GRACE_SECONDS = 10;

  @Parameters(paramLabel = "DATASET", descriptionKey = "evaluate.dataset")
  Path dataset;

  @Option(names = "--task", paramLabel = "TASK", defaultValue = "emotion", descriptionKey = "evaluate.task")
  String task;

  @Option(names = "--classifier", paramLabel = "NAME_OR_FILE", descriptionKey = "evaluate.classifier")
  String classifier;

  @Option(names = "--detector", paramLabel = "NAME", defaultValue = "auto", descriptionKey = "evaluate.detector")
  String detector;

  @Option(names = "--labels-map", paramLabel = "FILE|a=b,c=d", descriptionKey = "evaluate.labels-map")
  String labelsMap;

  @Option(names = "--out", paramLabel = "DIR", descriptionKey = "evaluate.out")
  Path out;

  @Option(names = "--object-threshold", paramLabel = "P", defaultValue = "0.3", descriptionKey = "evaluate.object-threshold")
  double objectThreshold;

  @Option(names = "--thorough", descriptionKey = "evaluate.thorough")
  boolean thorough;

  @Option(names = "--emotion-model", paramLabel = "NAME", descriptionKey = "evaluate.emotion-model")
  String emotionModel;

  @Option(names = "--digits", paramLabel = "N", defaultValue = "2", descriptionKey = "evaluate.digits")
  int digits;

  @Option(names = "--threads", paramLabel = "N", descriptionKey = "evaluate.threads")
  int threads = Runtime.getRuntime().availableProcessors();

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter err = spec.commandLine().getErr();
    PrintWriter stdout = spec.commandLine().getOut();
    EvaluationSettings settings = settings();
    Dataset data;
    try {
      data = DatasetReader.read(dataset);
    } catch (DatasetException e) {
      return fail(err, e.getMessage(), RautCommand.EXIT_USAGE);
    }
    ImageDecoder decoder = new ImageDecoder();
    try (CancelOnShutdown ctrlC = new CancelOnShutdown(CANCEL_GRACE_SECONDS);
        AnalysisService service = AnalysisService.over(new Analyzer(Engine.openDefault(threads), decoder), threads)) {
      ProgressBar progress = new ProgressBar(err, TerminalCheck.stderrIsTerminal());
      EvaluationResult result = new EvaluationRunner(service).run(data, settings, progress::update, ctrlC.flag());
      progress.finish();
      stdout.print(TextReport.of(result, digits));
      stdout.flush();
      if (out != null) {
        EvaluationReportFiles.write(result, out, decoder);
        err.println(Messages.text("cli.evaluate.wrote", String.join(", ", EvaluationReportFiles.JSON,
            EvaluationReportFiles.CSV, EvaluationReportFiles.HEATMAP, EvaluationReportFiles.HTML), out));
        err.flush();
      }
      if (!result.complete()) {
        return fail(err, Messages.text("cli.evaluate.cancelled", result.predictions().size(), data.images().size()),
            RautCommand.EXIT_FAILURES);
      }
      if (!result.errors().isEmpty()) {
        return fail(err, Messages.text("cli.evaluate.failed", result.errors().size(), result.predictions().size()),
            RautCommand.EXIT_FAILURES);
      }
      return RautCommand.EXIT_OK;
    } catch (ModelLoadException e) {
      return fail(err, CliTexts.message(e), RautCommand.EXIT_FAILURES);
    } catch (IOException | UncheckedIOException e) {
      return fail(err, Messages.text("cli.evaluate.cannotWrite", out, e.getMessage()), RautCommand.EXIT_FAILURES);
    }
  }

  private EvaluationSettings settings() {
    try {
      if (objectThreshold < 0 || objectThreshold > 1) {
        throw new IllegalArgumentException(Messages.text("cli.error.objectThreshold"));
      }
      if (digits < 1 || digits > 8) {
        throw new IllegalArgumentException(Messages.text("cli.evaluate.digitsRange"));
      }
      LabelMap map = labelsMap == null ? LabelMap.empty() : LabelMap.parse(labelsMap);
      String card = classifier == null ? null : ClassifierChoice.resolve(spec.commandLine(), "--classifier", classifier);
      return new EvaluationSettings(EvaluationTask.parse(task), DetectorChoice.parse(detector), card, map, objectThreshold,
          thorough ? EmotionViews.THOROUGH : EmotionViews.FAST, emotionModel(emotionModel));
    } catch (IllegalArgumentException | DatasetException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), CliTexts.message(e));
    }
  }

  private static EmotionModel emotionModel(String id) {
    if (id == null || id.strip().equalsIgnoreCase("default")) {
      return null;
    }
    EmotionModel model = EmotionModel.find(id);
    if (model == null) {
      throw new IllegalArgumentException(Messages.text("cli.evaluate.emotionModel", EmotionModel.ids(), id));
    }
    return model;
  }

  private static int fail(PrintWriter err, String message, int exitCode) {
    err.println(Messages.text("cli.evaluate.says", message));
    err.flush();
    return exitCode;
  }
}
