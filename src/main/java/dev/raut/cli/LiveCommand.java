package dev.raut.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.raut.core.analysis.AnalysisRequest;
import dev.raut.core.analysis.AnalysisService;
import dev.raut.core.analysis.Analyzer;
import dev.raut.core.analysis.Engine;
import dev.raut.core.analysis.ResultJson;
import dev.raut.core.camera.CameraException;
import dev.raut.core.camera.FrameSource;
import dev.raut.core.camera.FrameSources;
import dev.raut.core.camera.LiveListener;
import dev.raut.core.camera.LiveOptions;
import dev.raut.core.camera.LivePipeline;
import dev.raut.core.camera.LiveResult;
import dev.raut.core.camera.LiveStats;
import dev.raut.core.camera.Pace;
import dev.raut.core.camera.ProcessMemory;
import dev.raut.core.camera.SourceStatus;
import dev.raut.core.camera.TrackedFace;
import dev.raut.core.emotion.EmotionViews;
import dev.raut.core.onnx.ModelLoadException;
import dev.raut.core.text.Messages;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code raut live}: the live pipeline without a window. One JSON line per analysed frame (the
 * analyze schema plus frame index, timestamp and tracked faces), then one stats line.
 */
@Command(name = "live", mixinStandardHelpOptions = true, sortOptions = false)
final class LiveCommand implements Callable<Integer> {
  enum Format { json }

  @Option(names = "--source", required = true, paramLabel = "DEVICE|URL|FILE", descriptionKey = "live.source")
  String source;

  @Option(names = "--user", paramLabel = "NAME", descriptionKey = "live.user")
  String user;

  @Option(names = "--password", paramLabel = "SECRET", descriptionKey = "live.password")
  String password;

  @Option(names = "--resolution", paramLabel = "WxH", descriptionKey = "live.resolution")
  String resolution;

  @Option(names = "--loop", descriptionKey = "live.loop")
  boolean loop;

  @Option(names = "--frames", paramLabel = "N", descriptionKey = "live.frames")
  long frames;

  @Option(names = "--pace", paramLabel = "PACE", defaultValue = "native", descriptionKey = "live.pace")
  String pace;





  @CommandLine.Mixin
  AnalysisOptions analysis;

  @Option(names = "--detector", paramLabel = "NAME", defaultValue = "front", descriptionKey = "live.detector")
  String detector;


  @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "json", descriptionKey = "live.format")
  Format format;

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws InterruptedException {
    // each face's emotion is read once per frame; the tracker smooths it (Analyzer.forLiveVideo)
    AnalysisRequest request = analysis.toRequest(detector, EmotionViews.SINGLE);
    Pace chosenPace = switch (pace.toLowerCase(java.util.Locale.ROOT)) {
      case "native" -> Pace.NATIVE;
      case "max" -> Pace.MAX;
      default -> throw new CommandLine.ParameterException(spec.commandLine(), Messages.text("cli.live.paceValue"));
    };
    if (frames < 0) {
      throw new CommandLine.ParameterException(spec.commandLine(), Messages.text("cli.live.framesRange"));
    }
    PrintWriter err = spec.commandLine().getErr();
    PrintWriter out = spec.commandLine().getOut();
    FrameSource frameSource;
    try {
      frameSource = FrameSources.fromSpec(source, user, password, resolution, loop);
    } catch (CameraException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), CliTexts.message(e));
    }
    // one thread is enough: a stream analyses one frame at a time (the capture has a thread of its own)
    try (AnalysisService service = AnalysisService.over(Analyzer.forLiveVideo(Engine.openDefault()), 1)) {
      Engine engine = service.analyzer().join().engine();
      engine.warmUp(request);
      LiveOptions options = LiveOptions.defaults().withPace(chosenPace).withMaxAnalysedFrames(frames);
      LivePipeline pipeline = new LivePipeline(service.analyzer().join(), frameSource, request, options, service);
      AtomicBoolean statsWritten = new AtomicBoolean();
      pipeline.addListener(new JsonLines(out, err));
      Thread onCtrlC = new Thread(() -> finish(pipeline, out, statsWritten), "raut-live-shutdown");
      Runtime.getRuntime().addShutdownHook(onCtrlC);
      pipeline.start();
      pipeline.awaitFinished(Duration.ofDays(365));
      finish(pipeline, out, statsWritten);
      Runtime.getRuntime().removeShutdownHook(onCtrlC);
      return pipeline.status().state() == SourceStatus.State.ERROR ? RautCommand.EXIT_FAILURES : RautCommand.EXIT_OK;
    } catch (ModelLoadException e) {
      err.println(Messages.text("cli.live.says", CliTexts.message(e)));
      err.flush();
      return RautCommand.EXIT_FAILURES;
    }
  }

  /** Stops the pipeline (releasing the source) and writes the stats line, once. */
  private static void finish(LivePipeline pipeline, PrintWriter out, AtomicBoolean statsWritten) {
    pipeline.close();
    if (statsWritten.compareAndSet(false, true)) {
      LiveStats s = pipeline.stats();
      Map<String, Object> stats = new LinkedHashMap<>();
      stats.put("frames", s.framesCaptured());
      stats.put("analysed", s.framesAnalysed());
      stats.put("analysisFps", s.runAnalysisFps());
      stats.put("latencyMsP50", s.latencyMsP50());
      stats.put("latencyMsP95", s.latencyMsP95());
      stats.put("rssMb", ProcessMemory.rssMb());
      synchronized (out) {
        out.println(ResultJson.line(Map.of("stats", stats)));
        out.flush();
      }
    }
  }

  /** Results to standard output, source states to standard error. */
  private static final class JsonLines implements LiveListener {
    private final ObjectMapper mapper = ResultJson.mapper();
    private final PrintWriter out;
    private final PrintWriter err;

    JsonLines(PrintWriter out, PrintWriter err) {
      this.out = out;
      this.err = err;
    }

    @Override
    public void onResult(LiveResult result) {
      ObjectNode line = mapper.createObjectNode();
      line.put("frame", result.frameIndex());
      line.put("timestampMs", Math.round(result.timestampMs() * 10) / 10.0);
      line.setAll((ObjectNode) mapper.valueToTree(result.analysis()));
      ArrayNode tracks = line.putArray("tracks");
      for (TrackedFace face : result.faces()) {
        ObjectNode track = tracks.addObject();
        track.put("id", face.id());
        if (face.smoothedEmotion() != null) {
          track.put("emotion", face.smoothedEmotion().label());
          track.put("score", face.smoothedEmotion().score());
        }
      }
      synchronized (out) {
        out.println(line);
      }
    }

    @Override
    public void onStatus(SourceStatus status) {
      synchronized (err) {
        err.println(Messages.text("cli.live.says", status.message()));
        err.flush();
      }
    }
  }
}
