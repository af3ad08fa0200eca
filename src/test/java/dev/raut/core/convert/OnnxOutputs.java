package dev.raut.core.convert;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.nio.FloatBuffer;
import java.util.LinkedHashMap;
import java.util.Map;

/** Runs a converted model on one float input in a session of its own (one thread), for the parity tests. */
final class OnnxOutputs {
  private OnnxOutputs() {}

  /** Every output by name, in the model's order, copied out of the closed session. */
  static Map<String, float[]> run(byte[] onnx, String inputName, float[] input, long[] shape) throws OrtException {
    OrtEnvironment env = OrtEnvironment.getEnvironment();
    try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
      options.setIntraOpNumThreads(1);
      try (OrtSession session = env.createSession(onnx, options);
          OnnxTensor tensor = OnnxTensor.createTensor(env, FloatBuffer.wrap(input), shape);
          OrtSession.Result result = session.run(Map.of(inputName, tensor))) {
        Map<String, float[]> outputs = new LinkedHashMap<>();
        for (Map.Entry<String, OnnxValue> entry : result) {
          FloatBuffer values = ((OnnxTensor) entry.getValue()).getFloatBuffer();
          float[] copy = new float[values.remaining()];
          values.get(copy);
          outputs.put(entry.getKey(), copy);
        }
        return outputs;
      }
    }
  }
}
