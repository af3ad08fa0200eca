package dev.raut.core.convert;

import java.nio.file.Path;

/**
 * Converts Keras-layers models to ONNX: Keras HDF5 files (Keras 2 and 3), Keras 3 {@code .keras}
 * archives and TF.js layers models ({@code model.json}). Each reader turns its file into the same
 * {@link KerasModelFile} (the layer config and the weights by layer); one translator,
 * {@link KerasLayerTranslator}, turns that into ONNX with the builder the TF.js graph converter uses.
 */
public final class KerasConverter {
  /** The ONNX input: float [N, H, W, C], as the Keras model takes it. */
  public static final String INPUT_NAME = "input";
  public static final String OUTPUT_NAME = "output";

  private KerasConverter() {}

  public static KerasConversion convertH5(Path file) throws ConversionException {
    return KerasLayerTranslator.translate(KerasH5Reader.read(file));
  }

  public static KerasConversion convertKerasArchive(Path file) throws ConversionException {
    return KerasLayerTranslator.translate(KerasArchiveReader.read(file));
  }

  public static KerasConversion convertTfjsLayers(Path modelJson) throws ConversionException {
    return KerasLayerTranslator.translate(TfjsLayersReader.read(modelJson));
  }

  /**
   * A float TensorFlow Lite model ({@code .tflite}), op by op (not Keras layers: {@code layerClasses}
   * are its operators, {@code layerNames} its tensors). Quantised models and ops without an exact
   * ONNX equivalent are refused.
   */
  public static KerasConversion convertTflite(Path file) throws ConversionException {
    return TfliteTranslator.translate(TfliteModel.read(file));
  }
}
