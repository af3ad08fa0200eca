package dev.raut.core.convert;

/** A constant from the weights manifest, dequantised: float data or int data, never both. */
record TfTensor(String name, long[] shape, float[] floats, int[] ints) {
  boolean isFloat() {
    return floats != null;
  }

  int rank() {
    return shape.length;
  }
}
