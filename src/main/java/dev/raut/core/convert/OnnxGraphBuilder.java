package dev.raut.core.convert;

import com.google.protobuf.ByteString;
import dev.raut.core.convert.onnx.OnnxProto.AttributeProto;
import dev.raut.core.convert.onnx.OnnxProto.GraphProto;
import dev.raut.core.convert.onnx.OnnxProto.ModelProto;
import dev.raut.core.convert.onnx.OnnxProto.NodeProto;
import dev.raut.core.convert.onnx.OnnxProto.OperatorSetIdProto;
import dev.raut.core.convert.onnx.OnnxProto.TensorProto;
import dev.raut.core.convert.onnx.OnnxProto.TensorShapeProto;
import dev.raut.core.convert.onnx.OnnxProto.TypeProto;
import dev.raut.core.convert.onnx.OnnxProto.ValueInfoProto;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Accumulates an opset-13 ONNX graph: nodes in insertion order, little-endian raw-data
 * initializers and unique tensor names, so the same calls always serialise to the same bytes.
 */
final class OnnxGraphBuilder {
  static final int OPSET = 13;
  private static final long IR_VERSION = 8;
  private static final int FLOAT = TensorProto.DataType.FLOAT_VALUE;
  private static final int INT64 = TensorProto.DataType.INT64_VALUE;

  private final GraphProto.Builder graph = GraphProto.newBuilder().setName("tfjs_graph");
  private final Set<String> takenNames = new HashSet<>();

  /** Claims an exact name (a graph input or output); false if it is already used. */
  boolean claim(String name) {
    return takenNames.add(name);
  }

  /** A tensor name based on {@code hint}, suffixed when the hint is already used. */
  String freshName(String hint) {
    String name = hint;
    for (int i = 1; !takenNames.add(name); i++) {
      name = hint + "_" + i;
    }
    return name;
  }

  /** Adds a node writing to a fresh tensor named after {@code outputHint}; returns that name. */
  String node(String opType, String outputHint, List<String> inputs, AttributeProto... attributes) {
    String output = freshName(outputHint);
    nodeTo(opType, output, inputs, attributes);
    return output;
  }

  /** Adds a node writing to an already claimed tensor name. */
  void nodeTo(String opType, String output, List<String> inputs, AttributeProto... attributes) {
    graph.addNode(NodeProto.newBuilder()
        .setOpType(opType)
        .setName(output)
        .addAllInput(inputs)
        .addOutput(output)
        .addAllAttribute(List.of(attributes)));
  }

  String floatInitializer(String hint, long[] dims, float[] values) {
    ByteBuffer raw = ByteBuffer.allocate(4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
    raw.asFloatBuffer().put(values);
    return initializer(hint, dims, FLOAT, raw.array());
  }

  String int64Initializer(String hint, long[] dims, long[] values) {
    ByteBuffer raw = ByteBuffer.allocate(8 * values.length).order(ByteOrder.LITTLE_ENDIAN);
    raw.asLongBuffer().put(values);
    return initializer(hint, dims, INT64, raw.array());
  }

  private String initializer(String hint, long[] dims, int dataType, byte[] raw) {
    String name = freshName(hint);
    TensorProto.Builder tensor = TensorProto.newBuilder().setName(name).setDataType(dataType)
        .setRawData(ByteString.copyFrom(raw));
    for (long d : dims) {
      tensor.addDims(d);
    }
    graph.addInitializer(tensor);
    return name;
  }

  /** Declares a float graph input; a dimension of -1 becomes {@code batchName} if first, else unknown. */
  void input(String name, long[] shape, String batchName) {
    graph.addInput(floatValueInfo(name, shape, batchName));
  }

  void output(String name, long[] shape, String batchName) {
    graph.addOutput(floatValueInfo(name, shape, batchName));
  }

  private static ValueInfoProto floatValueInfo(String name, long[] shape, String batchName) {
    TensorShapeProto.Builder dims = TensorShapeProto.newBuilder();
    for (int i = 0; i < shape.length; i++) {
      TensorShapeProto.Dimension.Builder dim = TensorShapeProto.Dimension.newBuilder();
      if (shape[i] >= 0) {
        dim.setDimValue(shape[i]);
      } else if (i == 0) {
        dim.setDimParam(batchName);
      }
      dims.addDim(dim);
    }
    return ValueInfoProto.newBuilder().setName(name)
        .setType(TypeProto.newBuilder().setTensorType(
            TypeProto.Tensor.newBuilder().setElemType(FLOAT).setShape(dims)))
        .build();
  }

  byte[] toModelBytes(String docString) {
    return ModelProto.newBuilder()
        .setIrVersion(IR_VERSION)
        .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(OPSET))
        .setProducerName("raut-tfjs-converter")
        .setDocString(docString)
        .setGraph(graph)
        .build()
        .toByteArray();
  }

  static AttributeProto ints(String name, long... values) {
    AttributeProto.Builder a = AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.INTS);
    for (long v : values) {
      a.addInts(v);
    }
    return a.build();
  }

  static AttributeProto integer(String name, long value) {
    return AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.INT).setI(value).build();
  }

  static AttributeProto floatAttribute(String name, float value) {
    return AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.FLOAT).setF(value).build();
  }

  static AttributeProto string(String name, String value) {
    return AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.STRING)
        .setS(ByteString.copyFrom(value, StandardCharsets.UTF_8)).build();
  }
}
