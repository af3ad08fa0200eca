package dev.raut.core.convert;

import java.util.List;

/**
 * A Keras-layers model (HDF5, .keras or TF.js layers) converted to ONNX, with what an importer
 * needs to guess the preprocessing. The ONNX model takes one float input [N, H, W, C] (NHWC, as in
 * Keras) named {@value KerasConverter#INPUT_NAME} and has one output named
 * {@value KerasConverter#OUTPUT_NAME}.
 *
 * @param inputShape the model's input in Keras order, -1 for unknown (batch first)
 * @param outputShape the model's output in Keras order
 * @param layerClasses every leaf layer's class name, nested models flattened, in config order
 * @param layerNames the same layers' names
 * @param kerasVersion as the file states it ("2.0.5", "3.6.0", "tfjs-layers 1.3.1"), or ""
 * @param outputIsSoftmax true when the model ends in a softmax (don't apply another)
 * @param notes plain-words remarks, e.g. which training-only layers became identities
 */
public record KerasConversion(byte[] onnx, long[] inputShape, long[] outputShape, List<String> layerClasses,
    List<String> layerNames, String kerasVersion, boolean outputIsSoftmax, List<String> notes) {
  public KerasConversion {
    layerClasses = List.copyOf(layerClasses);
    layerNames = List.copyOf(layerNames);
    notes = List.copyOf(notes);
  }
}
