package dev.raut.testing;

import com.google.protobuf.ByteString;
import dev.raut.core.convert.onnx.OnnxProto;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A real ONNX model that answers with chosen elements of its input: NHWC input with a dynamic
 * batch, output k of item n is element {@code picks[k]} of item n (flattened H, W, C). Lets a test
 * see exactly the tensor a classifier built, through the classifier's own code path.
 */
public final class PixelPickerModel {
  private PixelPickerModel() {}

  public static Path write(Path folder, int height, int width, int channels, int... picks) throws IOException {
    Files.createDirectories(folder);
    int elements = height * width * channels;
    ByteBuffer raw = ByteBuffer.allocate(elements * picks.length * 4).order(ByteOrder.LITTLE_ENDIAN);
    for (int e = 0; e < elements; e++) {
      for (int pick : picks) {
        raw.putFloat(e == pick ? 1f : 0f);
      }
    }
    OnnxProto.TensorShapeProto.Builder in = OnnxProto.TensorShapeProto.newBuilder()
        .addDim(OnnxProto.TensorShapeProto.Dimension.newBuilder().setDimParam("N"));
    for (long d : new long[] {height, width, channels}) {
      in.addDim(OnnxProto.TensorShapeProto.Dimension.newBuilder().setDimValue(d));
    }
    OnnxProto.TensorShapeProto.Builder out = OnnxProto.TensorShapeProto.newBuilder()
        .addDim(OnnxProto.TensorShapeProto.Dimension.newBuilder().setDimParam("N"))
        .addDim(OnnxProto.TensorShapeProto.Dimension.newBuilder().setDimValue(picks.length));
    OnnxProto.GraphProto graph = OnnxProto.GraphProto.newBuilder()
        .setName("picker")
        .addInput(value("image", in))
        .addOutput(value("picked", out))
        .addInitializer(OnnxProto.TensorProto.newBuilder().setName("onehot").addDims(elements).addDims(picks.length)
            .setDataType(1).setRawData(ByteString.copyFrom(raw.array())))
        .addNode(OnnxProto.NodeProto.newBuilder().setOpType("Flatten").addInput("image").addOutput("flat"))
        .addNode(OnnxProto.NodeProto.newBuilder().setOpType("MatMul").addInput("flat").addInput("onehot")
            .addOutput("picked"))
        .build();
    OnnxProto.ModelProto model = OnnxProto.ModelProto.newBuilder().setIrVersion(7).setProducerName("raut-test")
        .addOpsetImport(OnnxProto.OperatorSetIdProto.newBuilder().setDomain("").setVersion(13))
        .setGraph(graph).build();
    Path onnx = folder.resolve("picker.onnx");
    Files.write(onnx, model.toByteArray());
    return onnx;
  }

  private static OnnxProto.ValueInfoProto value(String name, OnnxProto.TensorShapeProto.Builder shape) {
    return OnnxProto.ValueInfoProto.newBuilder().setName(name).setType(OnnxProto.TypeProto.newBuilder()
        .setTensorType(OnnxProto.TypeProto.Tensor.newBuilder().setElemType(1).setShape(shape))).build();
  }
}
