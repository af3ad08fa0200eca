package dev.raut.cli;

import dev.raut.core.analysis.AnalysisService;
import dev.raut.core.analysis.Analyzer;
import dev.raut.core.analysis.DetectorChoice;
import dev.raut.core.analysis.Engine;
import dev.raut.core.analysis.ResultJson;
import dev.raut.core.geometry.Box;
import dev.raut.core.image.ImageDecodeException;
import dev.raut.core.image.ImageFiles;
import dev.raut.core.onnx.ModelLoadException;
import dev.raut.core.recognition.DescribedFace;
import dev.raut.core.recognition.FaceMatching;
import dev.raut.core.recognition.FaceRecognizer;
import dev.raut.core.text.Messages;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code raut faces verify|find}: face recognition, with DeepFace's answers. */
@Command(name = "faces", mixinStandardHelpOptions = true,
    subcommands = {FacesCommand.Verify.class, FacesCommand.Find.class})
final class FacesCommand implements Runnable {
  enum Format { json, table }

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** Options both subcommands share. */
  static final class Shared {
    @Option(names = "--detector", paramLabel = "NAME", defaultValue = "auto", descriptionKey = "faces.detector")
    String detector;

    @Option(names = "--threshold", paramLabel = "D", descriptionKey = "faces.threshold")
    double threshold = FaceMatching.THRESHOLD;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "json", descriptionKey = "faces.format")
    Format format;

    DetectorChoice detector(CommandLine command) {
      DetectorChoice choice;
      try {
        choice = DetectorChoice.parse(detector);
      } catch (IllegalArgumentException e) {
        throw new CommandLine.ParameterException(command, e.getMessage());
      }
      if (choice == DetectorChoice.NONE) {
        throw new CommandLine.ParameterException(command, Messages.text("cli.faces.noDetector"));
      }
      if (threshold <= 0) {
        throw new CommandLine.ParameterException(command, Messages.text("cli.faces.thresholdPositive"));
      }
      return choice;
    }
  }

  /** The face the user chose ({@code index}, 0 = largest) of a photo, or a plain-words reason there is none. */
  static DescribedFace chosen(List<DescribedFace> faces, int index, Path file) {
    if (faces.isEmpty()) {
      throw new IllegalArgumentException(Messages.text("cli.faces.noFace", file));
    }
    if (index < 0 || index >= faces.size()) {
      throw new IllegalArgumentException(Messages.text("cli.faces.noSuchFace", file, faces.size(), index));
    }
    return faces.get(index);
  }

  static List<Double> box(Box b) {
    return List.of(round(b.x(), 10), round(b.y(), 10), round(b.width(), 10), round(b.height(), 10));
  }

  static double round(double v, double scale) {
    return Math.round(v * scale) / scale;
  }

  @Command(name = "verify", mixinStandardHelpOptions = true)
  static final class Verify implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "A", descriptionKey = "faces.verify.a")
    Path first;

    @Parameters(index = "1", paramLabel = "B", descriptionKey = "faces.verify.b")
    Path second;

    @Option(names = "--face-a", paramLabel = "N", defaultValue = "0", descriptionKey = "faces.verify.face-a")
    int faceA;

    @Option(names = "--face-b", paramLabel = "N", defaultValue = "0", descriptionKey = "faces.verify.face-b")
    int faceB;

    @CommandLine.Mixin
    Shared shared = new Shared();

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
      DetectorChoice detector = shared.detector(spec.commandLine());
      PrintWriter out = spec.commandLine().getOut();
      PrintWriter err = spec.commandLine().getErr();
      try (Engine engine = Engine.openDefault()) {
        FaceRecognizer recognizer = new Analyzer(engine).recognizer(detector);
        DescribedFace a = chosen(recognizer.faces(first), faceA, first);
        DescribedFace b = chosen(recognizer.faces(second), faceB, second);
        double distance = FaceMatching.distance(a.descriptor(), b.descriptor());
        boolean verified = FaceMatching.samePerson(distance, shared.threshold);
        if (shared.format == Format.json) {
          Map<String, Object> answer = new LinkedHashMap<>();
          answer.put("verified", verified);
          answer.put("distance", round(distance, 10000));
          answer.put("threshold", shared.threshold);
          answer.put("faces", List.of(box(a.box()), box(b.box())));
          out.println(ResultJson.line(answer));
        } else {
          out.println(Messages.text(verified ? "cli.faces.same" : "cli.faces.different", distance, shared.threshold));
          out.println(Messages.text("cli.faces.which", "A", first, box(a.box())));
          out.println(Messages.text("cli.faces.which", "B", second, box(b.box())));
        }
        out.flush();
        return RautCommand.EXIT_OK;
      } catch (ImageDecodeException | IllegalArgumentException | ModelLoadException e) {
        err.println(Messages.text("cli.faces.verify.says", CliTexts.message(e)));
        err.flush();
        return RautCommand.EXIT_FAILURES;
      }
    }
  }

  @Command(name = "find", mixinStandardHelpOptions = true)
  static final class Find implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "PERSON", descriptionKey = "faces.find.person")
    Path person;

    @Parameters(index = "1..*", arity = "1..*", paramLabel = "FOLDER", descriptionKey = "faces.find.folder")
    List<Path> inputs;

    @Option(names = "--face", paramLabel = "N", defaultValue = "0", descriptionKey = "faces.find.face")
    int face;

    @Option(names = "--all", descriptionKey = "faces.find.all")
    boolean all;

    @CommandLine.Mixin
    Shared shared = new Shared();

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    record Match(String file, List<Double> box, double distance, boolean verified) {}

    @Override
    public Integer call() {
      DetectorChoice detector = shared.detector(spec.commandLine());
      PrintWriter out = spec.commandLine().getOut();
      PrintWriter err = spec.commandLine().getErr();
      List<Path> files = ImageFiles.expand(inputs);
      int threads = Runtime.getRuntime().availableProcessors();
      try (AnalysisService service = AnalysisService.over(Engine.openDefault(threads), threads)) {
        FaceRecognizer recognizer = service.analyzer().join().recognizer(detector);
        DescribedFace wanted;
        try {
          wanted = chosen(recognizer.faces(person), face, person);
        } catch (ImageDecodeException | IllegalArgumentException e) {
          err.println(Messages.text("cli.faces.find.says", CliTexts.message(e)));
          err.flush();
          return RautCommand.EXIT_FAILURES;
        }
        // the folder's photos on the service's threads, all cores; read back in the folder's order
        ExecutorService lane = service.lane("faces");
        List<Future<List<DescribedFace>>> found = new ArrayList<>();
        for (Path file : files) {
          found.add(lane.submit(() -> recognizer.faces(file)));
        }
        List<Match> matches = new ArrayList<>();
        int failed = 0;
        for (int i = 0; i < files.size(); i++) {
          Path file = files.get(i);
          try {
            for (DescribedFace candidate : found.get(i).get()) {
              double distance = FaceMatching.distance(wanted.descriptor(), candidate.descriptor());
              boolean verified = FaceMatching.samePerson(distance, shared.threshold);
              if (verified || all) {
                matches.add(new Match(file.toString(), box(candidate.box()), round(distance, 10000), verified));
              }
            }
          } catch (ExecutionException e) {
            if (!(e.getCause() instanceof ImageDecodeException decode)) {
              throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
            }
            failed++;
            err.println(Messages.text("cli.faces.find.says", file + ": " + CliTexts.message(decode)));
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return RautCommand.EXIT_FAILURES;
          }
        }
        matches.sort(Comparator.comparingDouble(Match::distance));
        if (shared.format == Format.json) {
          matches.forEach(m -> out.println(ResultJson.line(m)));
        } else {
          out.printf("%-8s  %-8s  %-28s  %s%n", Messages.text("cli.faces.find.distance"), Messages.text("cli.faces.find.same"),
              Messages.text("cli.faces.find.box"), Messages.text("cli.faces.find.file"));
          matches.forEach(m -> out.printf("%-8s  %-8s  %-28s  %s%n", Messages.number(m.distance(), 4),
              Messages.text(m.verified() ? "cli.faces.find.yes" : "cli.faces.find.no"), m.box(), m.file()));
          out.println(Messages.text("cli.faces.find.summary", matches.stream().filter(Match::verified).count(),
              shared.threshold, files.size()));
        }
        out.flush();
        err.flush();
        return failed == 0 ? RautCommand.EXIT_OK : RautCommand.EXIT_FAILURES;
      } catch (ModelLoadException e) {
        err.println(Messages.text("cli.faces.find.says", CliTexts.message(e)));
        err.flush();
        return RautCommand.EXIT_FAILURES;
      }
    }
  }
}
