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
  private final int[] inputSize;

  /** How a pooled output summarises each 4-D node over H and W. */
  public enum Pool {
    /** Per-channel spatial mean: [N, H, W, C] to [N, C]. */
    MEAN,
    /**
     * Per-channel spatial mean, then per-channel (population) standard deviation
     * sqrt(mean((x - mean)^2)): [N, H, W, C] to [N, 2C] (texture statistics).
     */
    MEAN_STD
  }

  /**
   * A graph output that pools each listed 4-D TF node over H and W ({@link Pool}), concatenated in
   * order along the last axis; a listed 2-D node [N, C] is taken as it is (only with {@link Pool#MEAN}).
   * With {@code normalizeEach}, every node's pooled vector is L2-normalised on its own before joining
   * (x / max(||x||, 1e-12)), so blocks of different magnitude weigh the same.
   */
  public record PooledOutput(List<String> tfNodes, String onnxName, Pool pool, boolean normalizeEach) {
    public PooledOutput {
      tfNodes = List.copyOf(tfNodes);
      Objects.requireNonNull(onnxName);
      Objects.requireNonNull(pool);
      if (tfNodes.isEmpty()) {
        throw new IllegalArgumentException("a pooled output needs at least one node");
      }
    }

    /** Spatial means, not normalised (the original embedding output). */
    public PooledOutput(List<String> tfNodes, String onnxName) {
      this(tfNodes, onnxName, Pool.MEAN, false);
    }
  }

  private final List<PooledOutput> pooledOutputs;

  private ConversionOptions(List<Output> outputs, String inputName, Batch batch, int fixedBatchSize, boolean nhwcIo,
      int[] inputSize, List<PooledOutput> pooledOutputs) {
    this.outputs = List.copyOf(outputs);
    this.inputName = inputName;
    this.batch = batch;
    this.fixedBatchSize = fixedBatchSize;
    this.nhwcIo = nhwcIo;
    this.inputSize = inputSize;
    this.pooledOutputs = List.copyOf(pooledOutputs);
  }

  private ConversionOptions(List<Output> outputs, String inputName, Batch batch, int fixedBatchSize, boolean nhwcIo) {
    this(outputs, inputName, batch, fixedBatchSize, nhwcIo, null, List.of());
  }

  public static ConversionOptions defaults() {
    return new ConversionOptions(List.of(), null, Batch.AS_DECLARED, 0, true);
  }

  /**
   * Declares the 4-D input's height and width instead of the graph's own (for fully convolutional
   * graphs run at another size; an op whose result depends on the old size still refuses or follows).
   */
  public ConversionOptions withInputSize(int height, int width) {
    if (height < 1 || width < 1) {
      throw new IllegalArgumentException("input size must be positive: " + height + "x" + width);
    }
    return new ConversionOptions(outputs, inputName, batch, fixedBatchSize, nhwcIo, new int[] {height, width},
        pooledOutputs);
  }

  /** Adds a mean-pooled (embedding) output; see {@link PooledOutput}. */
  public ConversionOptions withPooledOutput(List<String> tfNodes, String onnxName) {
    return withPooledOutput(tfNodes, onnxName, Pool.MEAN, false);
  }

  /** Adds a pooled (embedding) output with the given pooling and per-node normalisation. */
  public ConversionOptions withPooledOutput(List<String> tfNodes, String onnxName, Pool pool, boolean normalizeEach) {
    List<PooledOutput> more = new ArrayList<>(pooledOutputs);
    more.add(new PooledOutput(tfNodes, onnxName, pool, normalizeEach));
    return new ConversionOptions(outputs, inputName, batch, fixedBatchSize, nhwcIo, inputSize, more);
  }

  public List<PooledOutput> pooledOutputs() {
    return pooledOutputs;
  }

  /** [height, width] overriding the input's declared spatial size, if set. */
  public Optional<int[]> inputSize() {
    return Optional.ofNullable(inputSize).map(int[]::clone);
  }

  /** Adds a graph output that keeps its TF node name. */
  public ConversionOptions withOutput(String tfNode) {
    return withOutput(tfNode, tfNode);
  }

  /** Adds a graph output; only the subgraph needed for the listed outputs is converted. */
  public ConversionOptions withOutput(String tfNode, String onnxName) {
    List<Output> more = new ArrayList<>(outputs);
    more.add(new Output(tfNode, onnxName));
    return new ConversionOptions(more, inputName, batch, fixedBatchSize, nhwcIo, inputSize, pooledOutputs);
  }

  /** Renames the (single) graph input. */
  public ConversionOptions withInputName(String name) {
    return new ConversionOptions(outputs, Objects.requireNonNull(name), batch, fixedBatchSize, nhwcIo, inputSize, pooledOutputs);
  }

  /** Makes the batch dimension of inputs and outputs symbolic ({@value #DYNAMIC_BATCH_NAME}). */
  public ConversionOptions withDynamicBatch() {
    return new ConversionOptions(outputs, inputName, Batch.DYNAMIC, 0, nhwcIo, inputSize, pooledOutputs);
  }

  public ConversionOptions withFixedBatch(int size) {
    if (size < 1) {
      throw new IllegalArgumentException("batch size must be positive: " + size);
    }
    return new ConversionOptions(outputs, inputName, Batch.FIXED, size, nhwcIo, inputSize, pooledOutputs);
  }

  /** Exposes 4-D inputs and outputs as NCHW, saving the boundary Transposes. */
  public ConversionOptions withNchwIo() {
    return new ConversionOptions(outputs, inputName, batch, fixedBatchSize, false, inputSize, pooledOutputs);
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
