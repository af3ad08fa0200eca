package dev.raut.core.convert;

/**
 * NHWC (TF) ↔ NCHW (ONNX) bookkeeping. Inside the ONNX graph every 4-D activation is NCHW; shapes
 * are always tracked in TF (NHWC) order so TF attributes can be read as they are.
 */
final class Layouts {
  static final long[] NHWC_TO_NCHW = {0, 3, 1, 2};
  static final long[] NCHW_TO_NHWC = {0, 2, 3, 1};

  private Layouts() {
  }

  /** Position of NHWC axis {@code axis} (0..3) in NCHW. */
  static long nchwAxis(long axis) {
    return NCHW_TO_NHWC[(int) axis];
  }

  static long[] toNchw(long[] nhwcShape) {
    return new long[] {nhwcShape[0], nhwcShape[3], nhwcShape[1], nhwcShape[2]};
  }

  /**
   * TF's VALID / SAME rule for a window sliding over H and W of an NHWC shape, shared by every
   * converter: fills {@code out[0..2]} (N, and H and W, -1 where the size is unknown) and returns
   * the ONNX pads [top, left, bottom, right]; SAME pads the odd pixel at the bottom/right. Returns
   * null for SAME on an unknown size, where the pads can't be known: the caller uses ONNX's
   * SAME_UPPER (exact without dilation) or refuses.
   */
  static long[] tfPads(boolean same, long[] in, long[] window, long[] strides, long[] dilations, long[] out) {
    out[0] = in[0];
    long[] pads = new long[4];
    boolean known = in[1] >= 0 && in[2] >= 0;
    for (int axis = 0; axis < 2; axis++) {
      long size = in[axis + 1];
      long span = (window[axis] - 1) * dilations[axis] + 1;
      if (!same) {
        out[axis + 1] = size < 0 ? -1 : Math.floorDiv(size - span, strides[axis]) + 1;
      } else if (known) {
        long o = Math.floorDiv(size + strides[axis] - 1, strides[axis]);
        long total = Math.max((o - 1) * strides[axis] + span - size, 0);
        out[axis + 1] = o;
        pads[axis] = total / 2;
        pads[axis + 2] = total - total / 2;
      } else {
        out[axis + 1] = -1;
      }
    }
    return same && !known ? null : pads;
  }

  /** Conv2D kernel HWIO → ONNX OIHW. */
  static float[] hwioToOihw(float[] k, long[] hwio) {
    int h = (int) hwio[0], w = (int) hwio[1], in = (int) hwio[2], out = (int) hwio[3];
    float[] result = new float[k.length];
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        for (int i = 0; i < in; i++) {
          for (int o = 0; o < out; o++) {
            result[((o * in + i) * h + y) * w + x] = k[((y * w + x) * in + i) * out + o];
          }
        }
      }
    }
    return result;
  }

  /**
   * Depthwise kernel [H, W, C, M] → grouped-conv weight [C*M, 1, H, W]; TF orders output channel
   * c*M + m, which is exactly ONNX's group-major order with group = C.
   */
  static float[] depthwiseToOnnx(float[] k, long[] hwcm) {
    int h = (int) hwcm[0], w = (int) hwcm[1], c = (int) hwcm[2], m = (int) hwcm[3];
    float[] result = new float[k.length];
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        for (int ch = 0; ch < c; ch++) {
          for (int j = 0; j < m; j++) {
            result[((ch * m + j) * h + y) * w + x] = k[((y * w + x) * c + ch) * m + j];
          }
        }
      }
    }
    return result;
  }

  /** A constant broadcast against a 4-D NHWC tensor, padded to rank 4 and laid out NCHW. */
  static float[] broadcastConstantToNchw(float[] values, long[] shape, long[] nchwShapeOut) {
    long[] nhwc = {1, 1, 1, 1};
    System.arraycopy(shape, 0, nhwc, 4 - shape.length, shape.length);
    int n = (int) nhwc[0], h = (int) nhwc[1], w = (int) nhwc[2], c = (int) nhwc[3];
    float[] result = new float[values.length];
    for (int b = 0; b < n; b++) {
      for (int y = 0; y < h; y++) {
        for (int x = 0; x < w; x++) {
          for (int ch = 0; ch < c; ch++) {
            result[((b * c + ch) * h + y) * w + x] = values[((b * h + y) * w + x) * c + ch];
          }
        }
      }
    }
    System.arraycopy(toNchw(nhwc), 0, nchwShapeOut, 0, 4);
    return result;
  }
}
