package dev.raut.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.raut.core.classify.ModelImport;
import dev.raut.core.classify.ModelImportException;
import dev.raut.core.classify.PreparedImport;
import java.nio.file.Files;
import java.nio.file.Path;

/** Dev harness: imports each real user model under a folder (../shared/user-models) and reports parity. */
public final class UserModelParity {
  public static void main(String[] args) throws Exception {
    Path root = Path.of(args.length > 0 ? args[0] : "../shared/user-models");
    for (String[] m : new String[][] {
        {"fer2013-mini-xception", "fer2013_mini_XCEPTION.102-0.66.hdf5"},
        {"cifar10-java-h5-and-keras", "cifar10_model.h5"},
        {"cifar10-java-h5-and-keras", "cifar10_model.keras"},
        {"tm-keras-catdog", "model"},
        {"tm-tfjs-nevus-melanoma", "model"},
        {"tm-tflite-skin-dermnet", "converted_tflite"}}) {
      Path model = root.resolve(m[0]).resolve(m[1]);
      try (PreparedImport p = ModelImport.prepare(model)) {
        System.out.printf("%-50s %s %s in %d ms: %dx%dx%d %s (%s) labels %s from %s%n", m[0] + "/" + m[1],
            p.format(), p.frameworkVersion(), p.conversionMillis(), p.spec().width(), p.spec().height(),
            p.spec().channels(), p.spec().normalization(), p.preprocessingReason(), p.spec().labels(), p.labelsSource());
        JsonNode ref = new ObjectMapper().readTree(root.resolve(m[0]).resolve("reference.json").toFile());
        byte[] onnx = Files.readAllBytes(p.onnx());
        long[] shape = {1, p.spec().height(), p.spec().width(), p.spec().channels()};
        JsonNode fixedInputs = ref.path("fixed_inputs");
        for (JsonNode other : ref.path("additional_models")) {
          if (other.path("model_file").asText().endsWith(m[1])) {
            fixedInputs = other.path("fixed_inputs");
          }
        }
        for (JsonNode fixed : fixedInputs) {
          double[] expected = new double[fixed.path("output").size()];
          for (int i = 0; i < expected.length; i++) {
            expected[i] = fixed.path("output").get(i).asDouble();
          }
          float[] actual = dev.raut.core.convert.KerasParityAccess.run(onnx, fixed.path("name").asText(), shape);
          System.out.printf("    %-9s max |diff| %.3g%n", fixed.path("name").asText(),
              dev.raut.core.convert.KerasParityAccess.maxAbsDiff(actual, expected));
        }
      } catch (ModelImportException e) {
        System.out.printf("%-50s refused (%s): %s%n", m[0] + "/" + m[1], e.codeId(), e.getMessage());
      }
    }
  }
}
