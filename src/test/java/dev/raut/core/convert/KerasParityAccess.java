package dev.raut.core.convert;

/** Lets harnesses outside the package run the fixed-input parity check. */
public final class KerasParityAccess {
  private KerasParityAccess() {}

  public static float[] run(byte[] onnx, String input, long[] shape) throws Exception {
    return KerasParity.run(onnx, KerasParity.input(input, shape), shape);
  }

  public static float[] input(String name, long[] shape) {
    return KerasParity.input(name, shape);
  }

  public static double maxAbsDiff(float[] actual, double[] expected) {
    return KerasParity.maxAbsDiff(actual, expected);
  }
}
