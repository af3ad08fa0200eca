package dev.raut.cli;

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
@Command(name = "evaluate", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Measure a model on your labelled photos: per-class precision, recall, F1, accuracy and the confusion matrix.",
        "DATASET is a folder with one sub-folder per class (a test/, val/ or train/ level is recognised)"
            + " or a CSV of image,label rows (paths relative to the CSV, or in images/ next to it).",
        "Exit code: 0 fine, 1 some files could not be analysed, a model is unavailable or the run was cancelled, 2 usage error."})
final class EvaluateCommand implements Callable<Integer> {
  /** How long Ctrl-C waits for the report of the images done so far before the JVM exits anyway. */
  private static final int CANCEL_GRACE_SECONDS = 10;

  @Parameters(paramLabel = "DATASET", description = "A folder of class folders, or a CSV of image,label rows.")
  Path dataset;

  @Option(names = "--task", paramLabel = "TASK", defaultValue = "emotion",
      description = "emotion (largest face's emotion), objects (top object) or classify (top class of --classifier)"
          + " (default: ${DEFAULT-VALUE}).")
  String task;

  @Option(names = "--classifier", paramLabel = "NAME_OR_FILE",
      description = "The classifier for --task classify: a name from 'raut models list', a card (.json) or an .onnx.")
  String classifier;

  @Option(names = "--detector", paramLabel = "NAME", defaultValue = "auto",
      description = "Face detector for emotion: front, back, haar, auto, or none for pre-cropped faces (default: ${DEFAULT-VALUE}).")
  String detector;

  @Option(names = "--labels-map", paramLabel = "FILE|a=b,c=d",
      description = "Rename dataset labels to the model's, e.g. happiness=happy,anger=angry, or a file of a=b lines.")
  String labelsMap;

  @Option(names = "--out", paramLabel = "DIR",
      description = "Also write report.json, predictions.csv, confusion.png and report.html into DIR.")
  Path out;

  @Option(names = "--object-threshold", paramLabel = "P", defaultValue = "0.3",
      description = "Minimum object score for --task objects (default: ${DEFAULT-VALUE}).")
  double objectThreshold;

  @Option(names = "--thorough", description = "Read each face at five positions (and mirrored) for the emotion: the model at its most accurate, five times the emotion cost.")
  boolean thorough;

  @Option(names = "--emotion-model", paramLabel = "NAME",
      description = "The built-in emotion model to measure: mini-xception, face-expression or blend"
          + " (default: the best measured for the input).")
  String emotionModel;

  @Option(names = "--digits", paramLabel = "N", defaultValue = "2", description = "Decimals in the terminal report (default: ${DEFAULT-VALUE}).")
  int digits;

  @Option(names = "--threads", paramLabel = "N", description = "Images analysed in parallel (default: number of cores).")
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
    try (CancelOnShutdown ctrlC = new CancelOnShutdown(CANCEL_GRACE_SECONDS); Engine engine = Engine.openDefault()) {
      ProgressBar progress = new ProgressBar(err, TerminalCheck.stderrIsTerminal());
      EvaluationResult result = new EvaluationRunner(new Analyzer(engine, decoder), threads)
          .run(data, settings, progress::update, ctrlC.flag());
      progress.finish();
      stdout.print(TextReport.of(result, digits));
      stdout.flush();
      if (out != null) {
        EvaluationReportFiles.write(result, out, decoder);
        err.println("raut evaluate: wrote " + String.join(", ", EvaluationReportFiles.JSON, EvaluationReportFiles.CSV,
            EvaluationReportFiles.HEATMAP, EvaluationReportFiles.HTML) + " to " + out);
        err.flush();
      }
      if (!result.complete()) {
        return fail(err, "cancelled after " + result.predictions().size() + " of " + data.images().size() + " images.",
            RautCommand.EXIT_FAILURES);
      }
      if (!result.errors().isEmpty()) {
        return fail(err, result.errors().size() + " of " + result.predictions().size() + " images could not be analysed (listed above).",
            RautCommand.EXIT_FAILURES);
      }
      return RautCommand.EXIT_OK;
    } catch (ModelLoadException e) {
      return fail(err, e.getMessage(), RautCommand.EXIT_FAILURES);
    } catch (IOException | UncheckedIOException e) {
      return fail(err, "cannot write the report to " + out + ": " + e.getMessage(), RautCommand.EXIT_FAILURES);
    }
  }

  private EvaluationSettings settings() {
    try {
      if (objectThreshold < 0 || objectThreshold > 1) {
        throw new IllegalArgumentException("--object-threshold must be between 0 and 1");
      }
      if (digits < 1 || digits > 8) {
        throw new IllegalArgumentException("--digits must be between 1 and 8");
      }
      LabelMap map = labelsMap == null ? LabelMap.empty() : LabelMap.parse(labelsMap);
      String card = classifier == null ? null : ClassifierChoice.resolve(spec.commandLine(), "--classifier", classifier);
      return new EvaluationSettings(EvaluationTask.parse(task), DetectorChoice.parse(detector), card, map, objectThreshold,
          thorough ? EmotionViews.THOROUGH : EmotionViews.FAST, emotionModel(emotionModel));
    } catch (IllegalArgumentException | DatasetException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
    }
  }

  private static EmotionModel emotionModel(String id) {
    if (id == null || id.strip().equalsIgnoreCase("default")) {
      return null;
    }
    EmotionModel model = EmotionModel.find(id);
    if (model == null) {
      throw new IllegalArgumentException("--emotion-model must be one of " + EmotionModel.ids() + " (or default): " + id);
    }
    return model;
  }

  private static int fail(PrintWriter err, String message, int exitCode) {
    err.println("raut evaluate: " + message);
    err.flush();
    return exitCode;
  }
}
