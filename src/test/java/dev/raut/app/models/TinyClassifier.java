package dev.raut.app.models;

import com.google.protobuf.ByteString;
import dev.raut.core.convert.onnx.OnnxProto.GraphProto;
import dev.raut.core.convert.onnx.OnnxProto.ModelProto;
import dev.raut.core.convert.onnx.OnnxProto.NodeProto;
import dev.raut.core.convert.onnx.OnnxProto.OperatorSetIdProto;
import dev.raut.core.convert.onnx.OnnxProto.TensorProto;
import dev.raut.core.convert.onnx.OnnxProto.TensorShapeProto;
import dev.raut.core.convert.onnx.OnnxProto.TypeProto;
import dev.raut.core.convert.onnx.OnnxProto.ValueInfoProto;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes a tiny real ONNX image classifier: [1,3,8,8] NCHW → GlobalAveragePool → Flatten →
 * Gemm(10·identity) → 3 logits. Its classes are the mean red, green and blue of the photo.
 */
public final class TinyClassifier {
  private static final int FLOAT = TensorProto.DataType.FLOAT_VALUE;

  private TinyClassifier() {}

  public static Path write(Path file) throws IOException {
    float[] weights = {10, 0, 0, 0, 10, 0, 0, 0, 10};
    GraphProto graph = GraphProto.newBuilder()
        .setName("tiny")
        .addInput(value("image", 1, 3, 8, 8))
        .addOutput(value("scores", 1, 3))
        .addInitializer(floats("W", weights, 3, 3))
        .addInitializer(floats("B", new float[3], 3))
        .addNode(NodeProto.newBuilder().setOpType("GlobalAveragePool").addInput("image").addOutput("pooled"))
        .addNode(NodeProto.newBuilder().setOpType("Flatten").addInput("pooled").addOutput("flat"))
        .addNode(NodeProto.newBuilder().setOpType("Gemm").addInput("flat").addInput("W").addInput("B").addOutput("scores"))
        .build();
    ModelProto model = ModelProto.newBuilder().setIrVersion(8)
        .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(13))
        .setProducerName("raut-test").setGraph(graph).build();
    Files.write(file, model.toByteArray());
    return file;
  }

  private static ValueInfoProto value(String name, long... shape) {
    TensorShapeProto.Builder dims = TensorShapeProto.newBuilder();
    for (long d : shape) {
      dims.addDim(TensorShapeProto.Dimension.newBuilder().setDimValue(d));
    }
    return ValueInfoProto.newBuilder().setName(name).setType(TypeProto.newBuilder()
        .setTensorType(TypeProto.Tensor.newBuilder().setElemType(FLOAT).setShape(dims))).build();
  }

  private static TensorProto floats(String name, float[] values, long... dims) {
    ByteBuffer raw = ByteBuffer.allocate(4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
    raw.asFloatBuffer().put(values);
    TensorProto.Builder t = TensorProto.newBuilder().setName(name).setDataType(FLOAT)
        .setRawData(ByteString.copyFrom(raw.array()));
    for (long d : dims) {
      t.addDims(d);
    }
    return t.build();
  }
}
