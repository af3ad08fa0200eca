package dev.raut.core.convert;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * How {@link TfjsGraphConverter} shapes the ONNX model. Immutable; start from {@link #defaults()}.
 *
 * <p>Defaults: outputs are the model's signature outputs (else the graph's sink nodes), named as
 * in TF; the input keeps its TF name and declared batch size; 4-D inputs and outputs stay NHWC like
 * in TF.js (the graph itself runs NCHW, with a Transpose at each 4-D input and output).
 */
public final class ConversionOptions {
  /** Name of the symbolic batch dimension used for a dynamic batch. */
  public static final String DYNAMIC_BATCH_NAME = "N";

  /** A TF node to expose as a graph output, and its ONNX output name. */
  public record Output(String tfNode, String onnxName) {
    public Output {
      Objects.requireNonNull(tfNode);
      Objects.requireNonNull(onnxName);
    }
  }

  private enum Batch { AS_DECLARED, DYNAMIC, FIXED }

  private final List<Output> outputs;
  private final String inputName;
  private final Batch batch;
  private final int fixedBatchSize;
  private final boolean nhwcIo;

  private ConversionOptions(List<Output> outputs, String inputName, Batch batch, int fixedBatchSize, boolean nhwcIo) {
    this.outputs = List.copyOf(outputs);
    this.inputName = inputName;
    this.batch = batch;
    this.fixedBatchSize = fixedBatchSize;
    this.nhwcIo = nhwcIo;
  }

  public static ConversionOptions defaults() {
    return new ConversionOptions(List.of(), null, Batch.AS_DECLARED, 0, true);
  }

  /** Adds a graph output that keeps its TF node name. */
  public ConversionOptions withOutput(String tfNode) {
    return withOutput(tfNode, tfNode);
  }

  /** Adds a graph output; only the subgraph needed for the listed outputs is converted. */
  public ConversionOptions withOutput(String tfNode, String onnxName) {
    List<Output> more = new ArrayList<>(outputs);
    more.add(new Output(tfNode, onnxName));
    return new ConversionOptions(more, inputName, batch, fixedBatchSize, nhwcIo);
  }

  /** Renames the (single) graph input. */
  public ConversionOptions withInputName(String name) {
    return new ConversionOptions(outputs, Objects.requireNonNull(name), batch, fixedBatchSize, nhwcIo);
  }

  /** Makes the batch dimension of inputs and outputs symbolic ({@value #DYNAMIC_BATCH_NAME}). */
  public ConversionOptions withDynamicBatch() {
    return new ConversionOptions(outputs, inputName, Batch.DYNAMIC, 0, nhwcIo);
  }

  public ConversionOptions withFixedBatch(int size) {
    if (size < 1) {
      throw new IllegalArgumentException("batch size must be positive: " + size);
    }
    return new ConversionOptions(outputs, inputName, Batch.FIXED, size, nhwcIo);
  }

  /** Exposes 4-D inputs and outputs as NCHW, saving the boundary Transposes. */
  public ConversionOptions withNchwIo() {
    return new ConversionOptions(outputs, inputName, batch, fixedBatchSize, false);
  }

  public List<Output> outputs() {
    return outputs;
  }

  public Optional<String> inputName() {
    return Optional.ofNullable(inputName);
  }

  public boolean dynamicBatch() {
    return batch == Batch.DYNAMIC;
  }

  public OptionalInt fixedBatch() {
    return batch == Batch.FIXED ? OptionalInt.of(fixedBatchSize) : OptionalInt.empty();
  }

  public boolean nhwcIo() {
    return nhwcIo;
  }
}
