package dev.raut.cli;

import dev.raut.core.analysis.AnalysisService;
import dev.raut.core.analysis.Engine;
import dev.raut.core.text.Messages;
import dev.raut.server.PredictionTask;
import dev.raut.server.RautServer;
import dev.raut.server.ServerConfig;
import dev.raut.server.ServerStartException;
import dev.raut.server.Sizes;
import java.io.PrintWriter;
import java.net.URI;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code raut serve}: the local prediction server and its web page, until Ctrl+C. */
// its description's first line (cli.raut.serve.usage.description.0) is the summary `raut --help` lists: one whole sentence
@Command(name = "serve", mixinStandardHelpOptions = true, sortOptions = false)
final class ServeCommand implements Callable<Integer> {
  @Option(names = "--host", paramLabel = "HOST", defaultValue = ServerConfig.DEFAULT_HOST, descriptionKey = "serve.host")
  String host;

  @Option(names = "--port", paramLabel = "PORT", defaultValue = "5000", descriptionKey = "serve.port")
  int port;

  @ArgGroup(exclusive = true)
  Prediction prediction = new Prediction();

  static final class Prediction {
    @Option(names = "--classifier", paramLabel = "NAME_OR_FILE", descriptionKey = "serve.classifier")
    String classifier;

    @Option(names = "--task", paramLabel = "TASK", descriptionKey = "serve.task")
    String task;
  }

  @Option(names = "--emotion-model", paramLabel = "NAME", descriptionKey = "serve.emotion-model")
  String emotionModel;

  @Option(names = "--max-upload", paramLabel = "SIZE", defaultValue = "10MB", descriptionKey = "serve.max-upload")
  String maxUpload;

  @Option(names = "--token", paramLabel = "TOKEN", descriptionKey = "serve.token")
  String token = System.getenv("RAUT_TOKEN");

  @Option(names = "--threads", paramLabel = "N", descriptionKey = "serve.threads")
  int threads = Runtime.getRuntime().availableProcessors();

  @Option(names = "--queue", paramLabel = "N", descriptionKey = "serve.queue")
  Integer queue;

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    ServerConfig config = config();
    PrintWriter err = spec.commandLine().getErr();
    if (config.exposedBeyondLoopback() && config.token() == null) {
      String stars = "*".repeat(72);
      err.println(stars + System.lineSeparator() + Messages.text("cli.serve.noToken", config.host())
          + System.lineSeparator() + stars);
      err.flush();
    }
    Thread hook = null;
    try (AnalysisService service = AnalysisService.over(Engine.openDefault(threads), threads);
        RautServer server = new RautServer(service)) {
      URI url = server.start(config);
      CountDownLatch stopped = new CountDownLatch(1);
      Thread stopper = new Thread(() -> {
        server.stop();
        stopped.countDown();
      }, "raut-serve-shutdown");
      Runtime.getRuntime().addShutdownHook(stopper);
      hook = stopper;
      PrintWriter out = spec.commandLine().getOut();
      out.println(Messages.text("cli.serve.serving", url, url + "prediction"));
      String answers = config.classifier() != null ? Messages.text("cli.serve.answersClassifier", config.classifier())
          : config.prediction().cliName();
      out.println(Messages.text(config.token() != null ? "cli.serve.settingsToken" : "cli.serve.settings", answers,
          config.workers(), config.queueCapacity(), Sizes.format(config.maxUploadBytes())));
      out.println(Messages.text("cli.serve.stop"));
      out.flush();
      stopped.await();
      return RautCommand.EXIT_OK;
    } catch (ServerStartException e) {
      err.println(Messages.text("cli.serve.says", CliTexts.message(e)));
      err.flush();
      return RautCommand.EXIT_FAILURES;
    } catch (InterruptedException e) {
      // stopped from inside this JVM (a test, an embedding program): the server closes with the try
      if (hook != null) {
        Runtime.getRuntime().removeShutdownHook(hook);
      }
      Thread.currentThread().interrupt();
      return RautCommand.EXIT_OK;
    }
  }

  private ServerConfig config() {
    try {
      long maxUploadBytes = Sizes.parse(maxUpload);
      ServerConfig config = ServerConfig.defaults().withHost(host).withPort(port).withMaxUploadBytes(maxUploadBytes)
          .withToken(token == null || token.isEmpty() ? null : token)
          .withWorkers(threads, queue != null ? queue : 4 * Math.max(1, threads));
      config = config.withEmotionModel(ClassifierChoice.emotionModel(spec.commandLine(), emotionModel));
      if (prediction.classifier != null) {
        return config.withClassifier(ClassifierChoice.resolve(spec.commandLine(), "--classifier", prediction.classifier));
      }
      return prediction.task != null ? config.withPrediction(PredictionTask.parse(prediction.task)) : config;
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
    }
  }
}
