package dev.raut.testing;

import com.google.protobuf.ByteString;
import dev.raut.core.convert.onnx.OnnxProto;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A real (tiny) ONNX image classifier for tests, written with the project's own ONNX protobuf
 * classes: an 8x8 RGB input, the mean of each channel (GlobalAveragePool, Flatten) times 10, so the
 * dominant colour wins among "red", "green", "blue".
 */
public final class TinyClassifier {
  private TinyClassifier() {}

  /** Writes {@code colours.onnx} with {@code outputs} classes (3 unless testing a mismatch). */
  public static Path writeOnnx(Path folder, int outputs) throws IOException {
    Files.createDirectories(folder);
    float[] weights = new float[3 * outputs];
    for (int i = 0; i < Math.min(3, outputs); i++) {
      weights[i * outputs + i] = 10;
    }
    ByteBuffer raw = ByteBuffer.allocate(weights.length * 4).order(ByteOrder.LITTLE_ENDIAN);
    for (float w : weights) {
      raw.putFloat(w);
    }
    OnnxProto.GraphProto graph = OnnxProto.GraphProto.newBuilder()
        .setName("colours")
        .addInput(floatValue("image", 1, 3, 8, 8))
        .addOutput(floatValue("scores", 1, outputs))
        .addInitializer(OnnxProto.TensorProto.newBuilder().setName("weights").addDims(3).addDims(outputs).setDataType(1)
            .setRawData(ByteString.copyFrom(raw.array())))
        .addNode(node("GlobalAveragePool", "image", "pooled"))
        .addNode(node("Flatten", "pooled", "flat"))
        .addNode(OnnxProto.NodeProto.newBuilder().setOpType("MatMul").addInput("flat").addInput("weights").addOutput("scores"))
        .build();
    OnnxProto.ModelProto model = OnnxProto.ModelProto.newBuilder().setIrVersion(7).setProducerName("raut-test")
        .addOpsetImport(OnnxProto.OperatorSetIdProto.newBuilder().setDomain("").setVersion(13))
        .setGraph(graph).build();
    Path onnx = folder.resolve("colours.onnx");
    Files.write(onnx, model.toByteArray());
    return onnx;
  }

  /** The classifier plus its card {@code colours.json}; returns the card. */
  public static Path writeColourClassifier(Path folder) throws IOException {
    writeOnnx(folder, 3);
    Path card = folder.resolve("colours.json");
    Files.writeString(card, """
        {"name": "Colours", "onnx": "colours.onnx",
         "spec": {"width": 8, "height": 8, "layout": "NCHW", "color": "RGB", "normalization": "ZERO_ONE",
                  "softmax": true, "labels": ["red", "green", "blue"]}}
        """);
    return card;
  }

  private static OnnxProto.NodeProto node(String op, String input, String output) {
    return OnnxProto.NodeProto.newBuilder().setOpType(op).addInput(input).addOutput(output).build();
  }

  private static OnnxProto.ValueInfoProto floatValue(String name, long... dims) {
    OnnxProto.TensorShapeProto.Builder shape = OnnxProto.TensorShapeProto.newBuilder();
    for (long d : dims) {
      shape.addDim(OnnxProto.TensorShapeProto.Dimension.newBuilder().setDimValue(d));
    }
    return OnnxProto.ValueInfoProto.newBuilder().setName(name).setType(OnnxProto.TypeProto.newBuilder()
        .setTensorType(OnnxProto.TypeProto.Tensor.newBuilder().setElemType(1).setShape(shape))).build();
  }
}
