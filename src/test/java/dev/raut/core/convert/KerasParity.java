package dev.raut.core.convert;

import ai.onnxruntime.OrtException;
import java.util.List;

/**
 * The fixed inputs the Keras fixture generators feed (tools/keras-fixtures, and the references
 * beside the real user models): zeros, ones, ramp x[i] = (i % 251) / 250 and ramp_pm1 = 2 ramp - 1
 * over the row-major [1, H, W, C] tensor; and a converted model run on them in a fresh session.
 */
final class KerasParity {
  static final List<String> INPUTS = List.of("zeros", "ones", "ramp", "ramp_pm1");

  private KerasParity() {}

  static float[] input(String name, long[] shape) {
    long count = 1;
    for (long d : shape) {
      count *= d;
    }
    float[] x = new float[(int) count];
    for (int i = 0; i < x.length; i++) {
      double ramp = (i % 251) / 250.0;
      x[i] = (float) switch (name) {
        case "zeros" -> 0.0;
        case "ones" -> 1.0;
        case "ramp" -> ramp;
        case "ramp_pm1" -> 2 * ramp - 1;
        default -> throw new IllegalArgumentException(name);
      };
    }
    return x;
  }

  /** Runs the converted model's one input → one output, in a session of its own. */
  static float[] run(byte[] onnx, float[] input, long[] shape) throws OrtException {
    return OnnxOutputs.run(onnx, KerasConverter.INPUT_NAME, input, shape).values().iterator().next();
  }

  static double maxAbsDiff(float[] actual, double[] expected) {
    if (actual.length != expected.length) {
      throw new AssertionError("output has " + actual.length + " values, expected " + expected.length);
    }
    double max = 0;
    for (int i = 0; i < actual.length; i++) {
      max = Math.max(max, Math.abs(actual[i] - expected[i]));
    }
    return max;
  }
}
