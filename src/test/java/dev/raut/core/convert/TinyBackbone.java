package dev.raut.core.convert;

import java.util.List;
import java.util.Random;

/**
 * A small real backbone for teach tests: photo [N, 16, 16, 3] in 0..1 → 3x3 conv to 12 channels
 * (fixed seeded weights) → ReLU → mean over the image → [N, 12]. Colour and texture both move it.
 */
public final class TinyBackbone {
  public static final int SIZE = 16;

  private TinyBackbone() {}

  public static byte[] onnx() {
    OnnxGraphBuilder g = new OnnxGraphBuilder();
    g.claim("photo");
    g.claim("embedding");
    g.input("photo", new long[] {-1, SIZE, SIZE, 3}, ConversionOptions.DYNAMIC_BATCH_NAME);
    String nchw = g.node("Transpose", "nchw", List.of("photo"), OnnxGraphBuilder.ints("perm", Layouts.NHWC_TO_NCHW));
    Random r = new Random(11);
    float[] w = new float[12 * 3 * 3 * 3];
    for (int i = 0; i < w.length; i++) {
      w[i] = (float) r.nextGaussian();
    }
    String conv = g.node("Conv", "conv", List.of(nchw, g.floatInitializer("w", new long[] {12, 3, 3, 3}, w),
        g.floatInitializer("b", new long[] {12}, new float[12])), OnnxGraphBuilder.ints("kernel_shape", 3, 3),
        OnnxGraphBuilder.ints("pads", 1, 1, 1, 1));
    String relu = g.node("Relu", "relu", List.of(conv));
    g.nodeTo("ReduceMean", "embedding", List.of(relu), OnnxGraphBuilder.ints("axes", 2, 3),
        OnnxGraphBuilder.integer("keepdims", 0));
    g.output("embedding", new long[] {-1, 12}, ConversionOptions.DYNAMIC_BATCH_NAME);
    return g.toModelBytes("tiny test backbone");
  }
}
