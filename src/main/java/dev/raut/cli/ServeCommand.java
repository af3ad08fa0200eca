package dev.raut.cli;

import dev.raut.core.analysis.Analyzer;
import dev.raut.core.analysis.Engine;
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
@Command(name = "serve", mixinStandardHelpOptions = true, sortOptions = false,
    // the first line is the summary `raut --help` lists: one whole sentence
    description = {"Serve the models and a drag-and-drop web page over HTTP on this machine, until Ctrl+C.",
        "Endpoints: POST /prediction (Postman-compatible), POST /v1/analyze (the CLI's JSON), GET /v1/models,",
        "GET /health, and the web page at /."})
final class ServeCommand implements Callable<Integer> {
  @Option(names = "--host", paramLabel = "HOST", defaultValue = ServerConfig.DEFAULT_HOST,
      description = "Address to listen on (default: ${DEFAULT-VALUE}, this machine only). 0.0.0.0 opens it to the network.")
  String host;

  @Option(names = "--port", paramLabel = "PORT", defaultValue = "5000", description = "Port (default: ${DEFAULT-VALUE}; 0 = any free port).")
  int port;

  @ArgGroup(exclusive = true)
  Prediction prediction = new Prediction();

  static final class Prediction {
    @Option(names = "--classifier", paramLabel = "NAME_OR_FILE",
        description = "Your classifier (a name from 'raut models list', a card .json or an .onnx): /prediction answers"
            + " its top class (of the largest face, for a face-scope classifier).")
    String classifier;

    @Option(names = "--task", paramLabel = "TASK", description = "What /prediction answers without --classifier: objects"
        + " (the most confident object, default) or emotion (the emotion of the largest face).")
    String task;
  }

  @Option(names = "--emotion-model", paramLabel = "NAME",
      description = "Read faces' emotions with your own face-scope classifier instead of the built-in model ('default' = built-in).")
  String emotionModel;

  @Option(names = "--max-upload", paramLabel = "SIZE", defaultValue = "10MB", description = "Largest image accepted (default: ${DEFAULT-VALUE}).")
  String maxUpload;

  @Option(names = "--token", paramLabel = "TOKEN",
      description = "Require 'Authorization: Bearer TOKEN' on every endpoint but /health. Also read from RAUT_TOKEN.")
  String token = System.getenv("RAUT_TOKEN");

  @Option(names = "--threads", paramLabel = "N", description = "Images analysed at the same time (default: number of cores).")
  int threads = Runtime.getRuntime().availableProcessors();

  @Option(names = "--queue", paramLabel = "N", description = "Requests that may wait for a thread before the server answers 503 (default: 4 per thread).")
  Integer queue;

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    ServerConfig config = config();
    PrintWriter err = spec.commandLine().getErr();
    if (config.exposedBeyondLoopback() && config.token() == null) {
      err.println("""
          ************************************************************************
          WARNING: raut serve listens on %s without a token.
          Anyone who can reach this machine can send it images and read the results.
          Use --token (or RAUT_TOKEN), or keep --host 127.0.0.1.
          ************************************************************************""".formatted(config.host()));
      err.flush();
    }
    Thread hook = null;
    try (Engine engine = Engine.openDefault(); RautServer server = new RautServer(new Analyzer(engine))) {
      URI url = server.start(config);
      CountDownLatch stopped = new CountDownLatch(1);
      Thread stopper = new Thread(() -> {
        server.stop();
        stopped.countDown();
      }, "raut-serve-shutdown");
      Runtime.getRuntime().addShutdownHook(stopper);
      hook = stopper;
      PrintWriter out = spec.commandLine().getOut();
      out.println("Raut is serving on " + url + " (open it in a browser, or POST images to " + url + "prediction)");
      out.println("/prediction answers: " + (config.classifier() != null ? "the classifier " + config.classifier()
          : config.prediction().cliName()) + "; " + config.workers() + (config.workers() == 1 ? " thread, " : " threads, ")
          + config.queueCapacity() + " waiting at most, images up to " + Sizes.format(config.maxUploadBytes()) + (config.token() != null ? ", token required" : ""));
      out.println("Press Ctrl+C to stop.");
      out.flush();
      stopped.await();
      return RautCommand.EXIT_OK;
    } catch (ServerStartException e) {
      err.println("raut serve: " + e.getMessage());
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
