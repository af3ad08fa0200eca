package dev.raut.bench;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import dev.raut.core.model.ModelCard;
import dev.raut.core.model.ModelCatalog;
import dev.raut.core.model.ModelStore;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;

/** Exploratory: one inference's thread CPU time and wall time per ONNX Runtime session option, per built-in model. */
public final class OrtOptionsProbe {
  private static final ThreadMXBean CPU = ManagementFactory.getThreadMXBean();

  public static void main(String[] args) throws Exception {
    OrtEnvironment env = OrtEnvironment.getEnvironment();
    ModelStore store = ModelStore.defaultStore();
    ModelCatalog catalog = ModelCatalog.defaults();
    int iterations = args.length > 0 ? Integer.parseInt(args[0]) : 100;
    for (String id : List.of(ModelCatalog.FACE_BACK, ModelCatalog.FACE_FRONT, ModelCatalog.EMOTION, ModelCatalog.FACE_EXPRESSION)) {
      ModelCard card = catalog.get(id);
      String file = store.artifact(id, card.artifact().file()).toString();
      for (String variant : List.of("all", "extended", "basic", "all+dnz", "all+nomempattern", "all+noarena", "all+2threads")) {
        OrtSession.SessionOptions o = new OrtSession.SessionOptions();
        o.setOptimizationLevel(switch (variant.split("\\+")[0]) {
          case "extended" -> OrtSession.SessionOptions.OptLevel.EXTENDED_OPT;
          case "basic" -> OrtSession.SessionOptions.OptLevel.BASIC_OPT;
          default -> OrtSession.SessionOptions.OptLevel.ALL_OPT;
        });
        o.setIntraOpNumThreads(variant.endsWith("2threads") ? 2 : 1);
        if (variant.endsWith("dnz")) {
          o.addConfigEntry("session.set_denormal_as_zero", "1");
        }
        if (variant.endsWith("nomempattern")) {
          o.setMemoryPatternOptimization(false);
        }
        if (variant.endsWith("noarena")) {
          o.setCPUArenaAllocator(false);
        }
        if (variant.endsWith("2threads")) {
          o.addConfigEntry("session.intra_op.allow_spinning", "0");
        }
        try (OrtSession session = env.createSession(file, o)) {
          String input = session.getInputNames().iterator().next();
          long[] shape = ((ai.onnxruntime.TensorInfo) session.getInputInfo().get(input).getInfo()).getShape();
          for (int n : shape[0] == 1 ? new int[] {1} : new int[] {1, 2, 4}) {
            long[] s = shape.clone();
            s[0] = n;
            int floats = (int) Arrays.stream(s).reduce(1, (a, b) -> a * b);
            ByteBuffer bytes = ByteBuffer.allocateDirect(floats * 4).order(ByteOrder.nativeOrder());
            FloatBuffer fb = bytes.asFloatBuffer();
            Random r = new Random(1);
            for (int i = 0; i < floats; i++) {
              fb.put(i, r.nextFloat() * 2 - 1);
            }
            double cpu = 0;
            double wall = 0;
            for (int i = 0; i < iterations + 10; i++) {
              long c0 = CPU.getCurrentThreadCpuTime();
              long w0 = System.nanoTime();
              try (OnnxTensor t = OnnxTensor.createTensor(env, fb, s); OrtSession.Result res = session.run(Map.of(input, t))) {
                res.get(0);
              }
              if (i >= 10) {
                cpu += (CPU.getCurrentThreadCpuTime() - c0) / 1e6;
                wall += (System.nanoTime() - w0) / 1e6;
              }
            }
            System.out.printf("%-16s %-18s n=%d  cpu %6.3f ms  wall %6.3f ms%n", id, variant, n, cpu / iterations, wall / iterations);
          }
        }
      }
    }
  }
}
