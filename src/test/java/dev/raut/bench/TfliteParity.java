package dev.raut.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.raut.core.classify.ModelImport;
import dev.raut.core.classify.PreparedImport;
import dev.raut.core.convert.KerasParityAccess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/**
 * Dev harness for the Teachable Machine TFLite import: imports
 * ../shared/user-models/tm-tflite-skin-dermnet (the real file cannot be in CI), prints its
 * operators, format, labels and preprocessing, and checks the converted model against the
 * reference.json fixed inputs (max |diff| ≤ 1e-4; exits 1 otherwise). Run:
 * {@code mvn -q -B -Draut.skipFetch=true test-compile exec:java -Dexec.classpathScope=test
 * -Dexec.mainClass=dev.raut.bench.TfliteParity -Dexec.args=../shared/user-models/tm-tflite-skin-dermnet}
 */
public final class TfliteParity {
  private TfliteParity() {}

  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args.length > 0 ? args[0] : "../shared/user-models/tm-tflite-skin-dermnet");
    JsonNode ref = new ObjectMapper().readTree(dir.resolve("reference.json").toFile());
    boolean ok = true;
    for (Path source : new Path[] {dir.resolve("converted_tflite"), dir.resolve("converted_tflite/model_unquant.tflite")}) {
      try (PreparedImport p = ModelImport.prepare(source)) {
        System.out.printf("%s: %s (%s) in %d ms: %dx%dx%d %s, %s; labels from %s: %s%n", dir.relativize(source),
            p.format().displayName(), p.frameworkVersion(), p.conversionMillis(), p.spec().width(), p.spec().height(),
            p.spec().channels(), p.spec().normalization(), p.spec().fit(), p.labelsSource(), p.spec().labels());
        System.out.println("  " + p.preprocessingReason());
        byte[] onnx = Files.readAllBytes(p.onnx());
        long[] shape = {1, p.spec().height(), p.spec().width(), p.spec().channels()};
        for (JsonNode fixed : ref.path("fixed_inputs")) {
          double[] expected = new double[fixed.path("output").size()];
          for (int i = 0; i < expected.length; i++) {
            expected[i] = fixed.path("output").get(i).asDouble();
          }
          float[] actual = KerasParityAccess.run(onnx, fixed.path("name").asText(), shape);
          double diff = KerasParityAccess.maxAbsDiff(actual, expected);
          ok &= diff <= 1e-4;
          System.out.printf("  %-9s max |diff| %.3g%s%n", fixed.path("name").asText(), diff, diff <= 1e-4 ? "" : "  FAIL");
        }
      }
    }
    Map<String, Integer> ops = new TreeMap<>();
    for (String op : dev.raut.core.convert.KerasConverter.convertTflite(
        dir.resolve("converted_tflite/model_unquant.tflite")).layerClasses()) {
      ops.merge(op, 1, Integer::sum);
    }
    System.out.println("operators: " + ops);
    System.exit(ok ? 0 : 1);
  }
}
