package dev.raut.core.onnx;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtLoggingLevel;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One ONNX Runtime session, created once and shared: {@code run} is safe to call from several
 * threads. Owns the native session: {@link #close()} frees it when its engine closes (nothing may be
 * running), {@link #closeWhenIdle()} when its model goes away while photos may still be running on it.
 * Once closed, {@code run} throws instead of reaching freed native memory.
 */
public final class OnnxModel implements AutoCloseable {
  private static final OrtEnvironment ENV = environment();

  private final String name;
  private final OrtSession session;
  private final String inputName;
  private final long[] inputShape;
  private final List<String> outputNames;
  private final List<long[]> outputShapes;
  /**
   * Each thread's input tensor memory for this model, reused from run to run: ONNX Runtime reads a
   * direct buffer in place, where a float[] is copied into a new direct buffer (allocated, zeroed,
   * later cleaned) on every run.
   */
  private final ThreadLocal<ByteBuffer> inputs = new ThreadLocal<>();
  /** Guards the three fields below: runs in progress, and whether the session is closing or closed. */
  private final Object gate = new Object();
  private int running;
  private boolean retiring;
  private boolean sessionClosed;

  private OnnxModel(String name, OrtSession session) throws OrtException {
    this.name = name;
    this.session = session;
    Map.Entry<String, NodeInfo> input = session.getInputInfo().entrySet().iterator().next();
    this.inputName = input.getKey();
    this.inputShape = ((TensorInfo) input.getValue().getInfo()).getShape();
    this.outputNames = new ArrayList<>();
    this.outputShapes = new ArrayList<>();
    for (Map.Entry<String, NodeInfo> output : session.getOutputInfo().entrySet()) {
      outputNames.add(output.getKey());
      outputShapes.add(output.getValue().getInfo() instanceof TensorInfo t ? t.getShape() : new long[0]);
    }
  }

  /**
   * ONNX Runtime's environment, its libraries loaded from the copies unpacked once into Raut's
   * cache folder where that can be done (its own loader copies them to a new temporary folder each time).
   */
  private static OrtEnvironment environment() {
    String platform = ortPlatform();
    for (String library : List.of("onnxruntime", "onnxruntime4j_jni")) {
      String property = "onnxruntime.native." + library + ".path";
      if (platform != null && System.getProperty(property) == null) {
        String resource = "/ai/onnxruntime/native/" + platform + "/" + System.mapLibraryName(library);
        dev.raut.core.natives.UnpackedLibraries.unpacked(OrtEnvironment.class, resource, "onnxruntime")
            .ifPresent(file -> System.setProperty(property, file.toString()));
      }
    }
    return OrtEnvironment.getEnvironment(OrtLoggingLevel.ORT_LOGGING_LEVEL_ERROR, "raut");
  }

  /** ONNX Runtime's name for this platform's folder in its jar (linux-x64, osx-aarch64, win-x64...). */
  private static String ortPlatform() {
    String os = dev.raut.core.natives.UnpackedLibraries.os();
    String arch = dev.raut.core.natives.UnpackedLibraries.arch();
    if (os == null || !("x86_64".equals(arch) || "aarch64".equals(arch))) {
      return null;
    }
    return (os.equals("windows") ? "win" : os) + "-" + (arch.equals("x86_64") ? "x64" : arch);
  }

  /** Loads a model file; {@code threads} is the intra-op thread count (1 when callers parallelise across images). */
  public static OnnxModel load(Path file, String displayName, int threads) {
    if (!Files.isRegularFile(file)) {
      throw new ModelLoadException("The model file " + file + " (" + displayName + ") does not exist. Run 'raut models fetch'.");
    }
    // the session copies its options: they are freed as soon as it exists
    try (OrtSession.SessionOptions options = options(threads)) {
      return new OnnxModel(displayName, ENV.createSession(file.toString(), options));
    } catch (OrtException e) {
      throw new ModelLoadException("The model file " + file.getFileName() + " (" + displayName
          + ") is not a model ONNX Runtime can load: " + firstLine(e.getMessage()), e);
    }
  }

  /**
   * Loads a convolutional detector with its feature maps widened to this machine's channel blocks
   * ({@link ChannelWidening}): the same answers, a third less time for BlazeFace on AVX-512. A
   * graph the rewrite does not understand is loaded as it is. The system property
   * {@code raut.onnx.keepChannels=true} loads every model as it is (to compare).
   */
  public static OnnxModel loadWidened(Path file, String displayName, int threads) {
    if (Boolean.getBoolean("raut.onnx.keepChannels") || !Files.isRegularFile(file)) {
      return load(file, displayName, threads);
    }
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (java.io.IOException e) {
      throw new ModelLoadException("The model file " + file + " (" + displayName + ") cannot be read: " + e.getMessage(), e);
    }
    return ChannelWidening.widen(bytes, ChannelWidening.machineBlock())
        .map(widened -> load(widened, displayName, threads))
        .orElseGet(() -> load(bytes, displayName, threads));
  }

  public static OnnxModel load(byte[] bytes, String displayName, int threads) {
    try (OrtSession.SessionOptions options = options(threads)) {
      return new OnnxModel(displayName, ENV.createSession(bytes, options));
    } catch (OrtException e) {
      throw new ModelLoadException("The model " + displayName + " is not a model ONNX Runtime can load: "
          + firstLine(e.getMessage()), e);
    }
  }

  private static OrtSession.SessionOptions options(int threads) throws OrtException {
    OrtSession.SessionOptions options = new OrtSession.SessionOptions();
    options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
    options.setIntraOpNumThreads(Math.max(1, threads));
    options.setSessionLogLevel(OrtLoggingLevel.ORT_LOGGING_LEVEL_ERROR);
    return options;
  }

  public String name() {
    return name;
  }

  public String inputName() {
    return inputName;
  }

  /** The declared input shape; -1 marks a dynamic dimension. */
  public long[] inputShape() {
    return inputShape.clone();
  }

  public List<String> outputNames() {
    return List.copyOf(outputNames);
  }

  public long[] outputShape(int index) {
    return outputShapes.get(index).clone();
  }

  /**
   * This thread's input memory for this model, room for {@code floats} floats: a direct buffer in
   * native order, position 0, limit {@code floats * 4} bytes. Fill it (through {@link ByteBuffer#asFloatBuffer()}
   * or an OpenCV Mat over it), then call {@link #run(ByteBuffer, long[])} on the same thread. The
   * same memory comes back on the next call, so a buffer is good until this thread's next call.
   */
  public ByteBuffer inputBuffer(int floats) {
    ByteBuffer buffer = inputs.get();
    int bytes = Math.multiplyExact(floats, Float.BYTES);
    if (buffer == null || buffer.capacity() < bytes) {
      buffer = ByteBuffer.allocateDirect(bytes).order(ByteOrder.nativeOrder());
      inputs.set(buffer);
    }
    buffer.clear().limit(bytes);
    return buffer;
  }

  /**
   * Runs the model on one float input and returns every output as a flat float array, in output order.
   *
   * @throws InferenceException when ONNX Runtime fails on this input
   */
  public float[][] run(float[] input, long[] shape) {
    if (input.length != elements(shape)) {
      // the reused buffer may be larger than this input: never let the model read past it
      throw new InferenceException("Running " + name + " failed: " + input.length + " floats for the shape "
          + java.util.Arrays.toString(shape), null);
    }
    ByteBuffer buffer = inputBuffer(input.length);
    buffer.asFloatBuffer().put(input);
    return run(buffer, shape);
  }

  /**
   * Runs the model on the first {@code shape}'s product of floats of {@code input}, a buffer from
   * {@link #inputBuffer(int)} (read in place, not copied).
   *
   * @throws InferenceException when ONNX Runtime fails on this input
   */
  public float[][] run(ByteBuffer input, long[] shape) {
    long floats = elements(shape);
    if (!input.isDirect() || floats * Float.BYTES > input.capacity()) {
      throw new IllegalArgumentException("input must be a direct buffer from inputBuffer with room for " + floats + " floats");
    }
    // a duplicate's order is big-endian whatever the original's: set it again
    FloatBuffer view = input.duplicate().clear().limit((int) floats * Float.BYTES).order(ByteOrder.nativeOrder())
        .asFloatBuffer();
    enter();
    try (OnnxTensor tensor = OnnxTensor.createTensor(ENV, view, shape);
        OrtSession.Result result = session.run(Map.of(inputName, tensor))) {
      float[][] outputs = new float[result.size()][];
      for (int i = 0; i < outputs.length; i++) {
        FloatBuffer buffer = ((OnnxTensor) result.get(i)).getFloatBuffer();
        outputs[i] = new float[buffer.remaining()];
        buffer.get(outputs[i]);
      }
      return outputs;
    } catch (OrtException e) {
      throw new InferenceException("Running " + name + " failed: " + firstLine(e.getMessage()), e);
    } finally {
      exit();
    }
  }

  private void enter() {
    synchronized (gate) {
      if (retiring || sessionClosed) {
        throw new ModelLoadException("The model " + name + " was closed (removed, or its program is ending)");
      }
      running++;
    }
  }

  private void exit() {
    boolean last;
    synchronized (gate) {
      running--;
      last = retiring && running == 0 && !sessionClosed;
      sessionClosed |= last;
    }
    if (last) {
      closeSession();
    }
  }

  /** True while the session is open and takes new runs. */
  public boolean isOpen() {
    synchronized (gate) {
      return !retiring && !sessionClosed;
    }
  }

  /**
   * Takes no new runs and frees the session once the runs in progress have ended (at once when
   * none is): for a model removed while other threads may be inside it.
   */
  public void closeWhenIdle() {
    boolean now;
    synchronized (gate) {
      retiring = true;
      now = running == 0 && !sessionClosed;
      sessionClosed |= now;
    }
    if (now) {
      closeSession();
    }
  }

  private static long elements(long[] shape) {
    long n = 1;
    for (long d : shape) {
      n *= d;
    }
    return n;
  }

  /** Frees the session now (its engine is closing and nothing runs on it); a second call does nothing. */
  @Override
  public void close() {
    synchronized (gate) {
      retiring = true;
      if (sessionClosed) {
        return;
      }
      sessionClosed = true;
    }
    closeSession();
  }

  private void closeSession() {
    try {
      session.close();
    } catch (OrtException e) {
      throw new IllegalStateException("Closing " + name + " failed", e);
    }
  }

  private static String firstLine(String message) {
    return message == null ? "unknown error" : message.lines().findFirst().orElse(message);
  }
}
