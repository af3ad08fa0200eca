package dev.raut.cli;

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
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code raut faces verify|find}: face recognition, with DeepFace's answers. */
@Command(name = "faces", mixinStandardHelpOptions = true,
    description = "Face recognition: is it the same person (verify), where else is this person (find).",
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
    @Option(names = "--detector", paramLabel = "NAME", defaultValue = "auto",
        description = "Face detector: front, back, haar or auto (default: ${DEFAULT-VALUE}).")
    String detector;

    @Option(names = "--threshold", paramLabel = "D",
        description = "Largest descriptor distance still taken as the same person (default: the measured one, ${DEFAULT-VALUE}).")
    double threshold = FaceMatching.THRESHOLD;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "json", description = "json or table (default: ${DEFAULT-VALUE}).")
    Format format;

    DetectorChoice detector(CommandLine command) {
      DetectorChoice choice;
      try {
        choice = DetectorChoice.parse(detector);
      } catch (IllegalArgumentException e) {
        throw new CommandLine.ParameterException(command, e.getMessage());
      }
      if (choice == DetectorChoice.NONE) {
        throw new CommandLine.ParameterException(command, "--detector none is not available here: recognition needs a face box");
      }
      if (threshold <= 0) {
        throw new CommandLine.ParameterException(command, "--threshold must be above 0");
      }
      return choice;
    }
  }

  /** The face the user chose ({@code index}, 0 = largest) of a photo, or a plain-words reason there is none. */
  static DescribedFace chosen(List<DescribedFace> faces, int index, Path file) {
    if (faces.isEmpty()) {
      throw new IllegalArgumentException("no face was found in " + file);
    }
    if (index < 0 || index >= faces.size()) {
      throw new IllegalArgumentException(file + " has " + faces.size() + " face(s); face " + index + " does not exist"
          + " (faces are numbered from 0, largest first)");
    }
    return faces.get(index);
  }

  static List<Double> box(Box b) {
    return List.of(round(b.x(), 10), round(b.y(), 10), round(b.width(), 10), round(b.height(), 10));
  }

  static double round(double v, double scale) {
    return Math.round(v * scale) / scale;
  }

  @Command(name = "verify", mixinStandardHelpOptions = true,
      description = {"Are the faces in two photos the same person? (the largest face of each, unless chosen)",
          "JSON keys as DeepFace.verify: verified, distance, threshold, faces ([x, y, w, h] in each photo's pixels).",
          "Exit code: 0 answered (same or not), 1 a photo could not be read or has no face, 2 usage error."})
  static final class Verify implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "A", description = "The first photo.")
    Path first;

    @Parameters(index = "1", paramLabel = "B", description = "The second photo.")
    Path second;

    @Option(names = "--face-a", paramLabel = "N", defaultValue = "0", description = "Which face of A, 0 = the largest (default).")
    int faceA;

    @Option(names = "--face-b", paramLabel = "N", defaultValue = "0", description = "Which face of B, 0 = the largest (default).")
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
          out.printf("%s (distance %.4f, threshold %.2f)%n", verified ? "same person" : "different people", distance,
              shared.threshold);
          out.printf("A %s face %s%nB %s face %s%n", first, box(a.box()), second, box(b.box()));
        }
        out.flush();
        return RautCommand.EXIT_OK;
      } catch (ImageDecodeException | IllegalArgumentException | ModelLoadException e) {
        err.println("raut faces verify: " + e.getMessage());
        err.flush();
        return RautCommand.EXIT_FAILURES;
      }
    }
  }

  @Command(name = "find", mixinStandardHelpOptions = true,
      description = {"Find a person's face in folders of photos, closest first (like DeepFace.find).",
          "JSON Lines: one match per line, {file, box, distance}; photos that cannot be read are reported on stderr.",
          "Exit code: 0 searched (matches or not), 1 the person's photo has no face or some photos failed, 2 usage error."})
  static final class Find implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "PERSON", description = "A photo of the person (largest face, unless --face).")
    Path person;

    @Parameters(index = "1..*", arity = "1..*", paramLabel = "FOLDER", description = "Photos and folders to search.")
    List<Path> inputs;

    @Option(names = "--face", paramLabel = "N", defaultValue = "0", description = "Which face of PERSON, 0 = the largest (default).")
    int face;

    @Option(names = "--all", description = "List every face found with its distance, not only those under the threshold.")
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
      try (Engine engine = Engine.openDefault()) {
        FaceRecognizer recognizer = new Analyzer(engine).recognizer(detector);
        DescribedFace wanted;
        try {
          wanted = chosen(recognizer.faces(person), face, person);
        } catch (ImageDecodeException | IllegalArgumentException e) {
          err.println("raut faces find: " + e.getMessage());
          err.flush();
          return RautCommand.EXIT_FAILURES;
        }
        List<Match> matches = new ArrayList<>();
        int failed = 0;
        for (Path file : files) {
          try {
            for (DescribedFace candidate : recognizer.faces(file)) {
              double distance = FaceMatching.distance(wanted.descriptor(), candidate.descriptor());
              boolean verified = FaceMatching.samePerson(distance, shared.threshold);
              if (verified || all) {
                matches.add(new Match(file.toString(), box(candidate.box()), round(distance, 10000), verified));
              }
            }
          } catch (ImageDecodeException e) {
            failed++;
            err.println("raut faces find: " + file + ": " + e.getMessage());
          }
        }
        matches.sort(Comparator.comparingDouble(Match::distance));
        if (shared.format == Format.json) {
          matches.forEach(m -> out.println(ResultJson.line(m)));
        } else {
          out.printf("%-8s  %-8s  %-28s  %s%n", "distance", "same", "box", "file");
          matches.forEach(m -> out.printf("%-8.4f  %-8s  %-28s  %s%n", m.distance(), m.verified() ? "yes" : "no",
              m.box(), m.file()));
          out.printf("%d match(es) under %.2f in %d photo(s)%n", matches.stream().filter(Match::verified).count(),
              shared.threshold, files.size());
        }
        out.flush();
        err.flush();
        return failed == 0 ? RautCommand.EXIT_OK : RautCommand.EXIT_FAILURES;
      } catch (ModelLoadException e) {
        err.println("raut faces find: " + e.getMessage());
        err.flush();
        return RautCommand.EXIT_FAILURES;
      }
    }
  }
}
