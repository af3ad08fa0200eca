package dev.raut.cli;

import dev.raut.core.analysis.AnalysisRequest;
import dev.raut.core.analysis.Analyzer;
import dev.raut.core.analysis.DetectorChoice;
import dev.raut.core.analysis.Engine;
import dev.raut.core.analysis.ImageAnalysis;
import dev.raut.core.model.ModelBundler;
import dev.raut.core.model.ModelCatalog;
import dev.raut.core.model.ModelStore;
import dev.raut.core.onnx.ModelLoadException;
import dev.raut.core.text.Labels;
import dev.raut.core.text.Messages;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.stream.Collectors;

/**
 * {@code raut --self-test}: loads every default model from the cache (in an installed app, the
 * bundled one), analyses the bundled sample photo and checks what a person sees in it: three faces
 * with emotions, and people among the objects. One summary line; exit 0, or 1 with the reason.
 */
final class SelfTest {
  private static final int EXPECTED_FACES = 3;

  private SelfTest() {}

  static int run(PrintWriter out, PrintWriter err) {
    long start = System.nanoTime();
    ModelStore store = ModelStore.defaultStore();
    Path photo = store.samplesDir(ModelCatalog.defaults().samples().id()).resolve(ModelBundler.SELF_TEST_PHOTO);
    try (Engine engine = new Engine(store, ModelCatalog.defaults(), 1)) {
      for (DetectorChoice detector : new DetectorChoice[] {DetectorChoice.FRONT, DetectorChoice.BACK, DetectorChoice.HAAR}) {
        engine.faceDetector(detector);
      }
      engine.emotion();
      engine.objects();
      Analyzer analyzer = new Analyzer(engine);
      ImageAnalysis faces = analyzer.analyze(photo, AnalysisRequest.facesAndEmotions());
      ImageAnalysis objects = analyzer.analyze(photo, AnalysisRequest.objectsOnly());
      String problem = problem(faces, objects);
      if (problem != null) {
        err.println(Messages.text("cli.selfTest.failed", problem));
        err.flush();
        return RautCommand.EXIT_FAILURES;
      }
      out.println(Messages.text("cli.selfTest.ok", store.root(), photo.getFileName(), faces.faces().size(),
          faces.faces().stream().map(f -> Labels.emotion(f.emotion().label())).collect(Collectors.joining(", ")),
          objects.objects().stream().filter(o -> o.label().equals("person")).count(), (System.nanoTime() - start) / 1e9));
      out.flush();
      return RautCommand.EXIT_OK;
    } catch (ModelLoadException e) {
      err.println(Messages.text("cli.selfTest.failed", CliTexts.message(e)));
      err.flush();
      return RautCommand.EXIT_FAILURES;
    }
  }

  private static String problem(ImageAnalysis faces, ImageAnalysis objects) {
    if (!faces.ok()) {
      return Messages.text("cli.selfTest.unreadable", faces.error().message());
    }
    if (faces.faces().size() != EXPECTED_FACES) {
      return Messages.text("cli.selfTest.faceCount", EXPECTED_FACES, faces.faces().size());
    }
    if (faces.faces().stream().anyMatch(f -> f.emotion() == null)) {
      return Messages.text("cli.selfTest.noEmotion");
    }
    if (objects.objects().stream().noneMatch(o -> o.label().equals("person"))) {
      return Messages.text("cli.selfTest.noPerson");
    }
    return null;
  }
}
