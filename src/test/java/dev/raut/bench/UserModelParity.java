package dev.raut.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.raut.core.classify.ModelImport;
import dev.raut.core.classify.ModelImportException;
import dev.raut.core.classify.PreparedImport;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Dev harness for the closing note: imports each real user model under a folder
 * (../shared/user-models), reports the fixed-input parity against the TF.js reference beside it,
 * and classifies the model's test images through Raut's own decode and resize, against their
 * folder labels and the reference's predictions. Run:
 * {@code mvn -q -B -Draut.skipFetch=true test-compile exec:java -Dexec.classpathScope=test
 * -Dexec.mainClass=dev.raut.bench.UserModelParity -Dexec.args=../shared/user-models}
 */
public final class UserModelParity {
  /** The default emotion model (human-models' mini-Xception, converted from TF.js) on the same inputs. */
  static void compareWithDefaultEmotion(byte[] imported) throws Exception {
    Path emotion = dev.raut.core.model.ModelStore.defaultStore().artifact("emotion", "emotion.onnx");
    byte[] builtIn = Files.readAllBytes(emotion);
    long[] shape = {1, 64, 64, 1};
    ai.onnxruntime.OrtEnvironment env = ai.onnxruntime.OrtEnvironment.getEnvironment();
    try (ai.onnxruntime.OrtSession s = env.createSession(builtIn)) {
      for (String input : new String[] {"zeros", "ones", "ramp", "ramp_pm1"}) {
        float[] x = dev.raut.core.convert.KerasParityAccess.input(input, shape);
        float[] mine = dev.raut.core.convert.KerasParityAccess.run(imported, input, shape);
        try (ai.onnxruntime.OnnxTensor t = ai.onnxruntime.OnnxTensor.createTensor(env, java.nio.FloatBuffer.wrap(x), shape);
            ai.onnxruntime.OrtSession.Result r = s.run(java.util.Map.of(s.getInputNames().iterator().next(), t))) {
          float[] theirs = ((float[][]) r.get(0).getValue())[0];
          double[] d = new double[theirs.length];
          for (int i = 0; i < d.length; i++) {
            d[i] = theirs[i];
          }
          System.out.printf("    vs default emotion model on %-8s max |diff| %.3g (top-1 %d vs %d)%n", input,
              dev.raut.core.convert.KerasParityAccess.maxAbsDiff(mine, d), argmax(mine), argmax(theirs));
        }
      }
    }
  }

  static int argmax(float[] v) {
    int best = 0;
    for (int i = 1; i < v.length; i++) {
      if (v[i] > v[best]) {
        best = i;
      }
    }
    return best;
  }

  /** The authors' own pixel scaling where the file cannot say it (oarriaga's preprocess_input v2). */
  static void predict(Path dir, PreparedImport p, JsonNode ref, boolean minusOneToOne) throws Exception {
    dev.raut.core.classify.ClassifierSpec spec = minusOneToOne
        ? p.spec().withNormalization(dev.raut.core.classify.ClassifierSpec.Normalization.MINUS_ONE_ONE) : p.spec();
    int agreeLabel = 0;
    int labelled = 0;
    int agreeRef = 0;
    double maxDiff = 0;
    try (dev.raut.core.classify.ClassifierTrial trial = dev.raut.core.classify.ClassifierTrial.open(p.onnx(), "m", spec)) {
      for (JsonNode pred : ref.path("predictions")) {
        Path image = dir.resolve(pred.path("image").asText());
        java.util.List<dev.raut.core.classify.ClassPrediction> got = trial.classify(image);
        String folder = image.getParent().getFileName().toString();
        if (spec.labels().stream().anyMatch(l -> l.equalsIgnoreCase(folder))) {
          labelled++;
          agreeLabel += got.get(0).label().equalsIgnoreCase(folder) ? 1 : 0;
        }
        agreeRef += got.get(0).label().equals(pred.path("top1").asText()) ? 1 : 0;
        for (int i = 0; i < spec.labels().size(); i++) {
          String label = spec.labels().get(i);
          double mine = got.stream().filter(c -> c.label().equals(label)).findFirst().orElseThrow().score();
          maxDiff = Math.max(maxDiff, Math.abs(mine - pred.path("probs").get(i).asDouble()));
        }
      }
    }
    System.out.printf("    test images: %d; top-1 = folder label %d of %d; top-1 = TF.js reference %d of %d;"
        + " max |prob diff| vs reference %.3f%n", ref.path("predictions").size(), agreeLabel, labelled, agreeRef,
        ref.path("predictions").size(), maxDiff);
  }

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
        java.util.List<String> refLabels = new java.util.ArrayList<>();
        ref.path("labels").forEach(l -> refLabels.add(l.asText()));
        PreparedImport labelled = p.labelsFound() ? p : p.withLabels(refLabels, "SOURCE.txt");
        predict(root.resolve(m[0]), labelled, ref, m[0].startsWith("fer2013"));
        if (m[0].startsWith("fer2013")) {
          compareWithDefaultEmotion(onnx);
        }
      } catch (ModelImportException e) {
        System.out.printf("%-50s refused (%s): %s%n", m[0] + "/" + m[1], e.codeId(), e.getMessage());
      }
    }
  }
}
