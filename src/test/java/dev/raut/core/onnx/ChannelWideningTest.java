package dev.raut.core.onnx;

import static org.assertj.core.api.Assertions.assertThat;

import dev.raut.core.convert.onnx.OnnxProto.GraphProto;
import dev.raut.core.convert.onnx.OnnxProto.ModelProto;
import dev.raut.core.convert.onnx.OnnxProto.NodeProto;
import dev.raut.core.convert.onnx.OnnxProto.TensorProto;
import dev.raut.core.image.OpenCvNative;
import dev.raut.core.model.ModelCard;
import dev.raut.core.model.ModelCatalog;
import dev.raut.core.model.ModelStore;
import dev.raut.testing.Samples;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Size;
import org.opencv.imgcodecs.Imgcodecs;
import org.opencv.imgproc.Imgproc;

/** The widened BlazeFace graphs give the same answers as the originals, and are blocked throughout. */
class ChannelWideningTest {
  private static Path model(String id) {
    ModelCard card = ModelCatalog.defaults().get(id);
    return ModelStore.defaultStore().artifact(id, card.artifact().file());
  }

  @ParameterizedTest
  @CsvSource({"face-back, 16", "face-back, 8", "face-front, 16", "face-front, 8"})
  void theWidenedDetectorAnswersAsTheOriginalDoes(String id, int block) throws Exception {
    byte[] original = Files.readAllBytes(model(id));
    byte[] widened = ChannelWidening.widen(original, block).orElseThrow();
    try (OnnxModel before = OnnxModel.load(original, id, 1); OnnxModel after = OnnxModel.load(widened, id, 1)) {
      int size = (int) before.inputShape()[1];
      long[] shape = {1, size, size, 3};
      float[] photo = photoInput(size);
      float[] noise = new float[photo.length];
      Random random = new Random(7);
      for (int i = 0; i < noise.length; i++) {
        noise[i] = random.nextFloat() * 2 - 1;
      }
      for (float[] input : new float[][] {photo, noise}) {
        float[][] expected = before.run(input, shape);
        float[][] actual = after.run(input, shape);
        assertThat(actual.length).isEqualTo(expected.length);
        for (int k = 0; k < expected.length; k++) {
          assertThat(actual[k].length).isEqualTo(expected[k].length);
          for (int i = 0; i < expected[k].length; i++) {
            // only the order of float additions differs: relative to the output's scale (logits up to ~150)
            assertThat(Math.abs(actual[k][i] - expected[k][i])).as("%s output %d [%d]", id, k, i)
                .isLessThanOrEqualTo(1e-4f * Math.max(1, Math.abs(expected[k][i])));
          }
        }
      }
    }
  }

  @ParameterizedTest
  @CsvSource({"face-back, 16", "face-back, 8", "face-front, 16", "face-front, 8"})
  void everyTrunkFeatureMapIsAWholeNumberOfBlocksAndNoConcatIsLeft(String id, int block) throws Exception {
    GraphProto graph = ModelProto.parseFrom(ChannelWidening.widen(Files.readAllBytes(model(id)), block).orElseThrow()).getGraph();
    Map<String, TensorProto> initializers = new HashMap<>();
    graph.getInitializerList().forEach(t -> initializers.put(t.getName(), t));
    int trunk = 0;
    for (NodeProto node : graph.getNodeList()) {
      assertThat(node.getOpType()).isNotIn("Concat", "ConstantOfShape");
      if (node.getOpType().equals("Conv")) {
        long out = initializers.get(node.getInput(1)).getDims(0);
        boolean head = graph.getNodeList().stream()
            .anyMatch(n -> n.getOpType().equals("Transpose") && n.getInput(0).equals(node.getOutput(0)));
        if (!head) {
          assertThat(out % block).as(node.getName()).isZero();
          trunk++;
        }
      }
    }
    assertThat(trunk).isGreaterThan(30);
  }

  @Test
  void theSameModelAlwaysGivesTheSameBytes() throws Exception {
    byte[] original = Files.readAllBytes(model(ModelCatalog.FACE_FRONT));
    assertThat(ChannelWidening.widen(original, 16).orElseThrow()).isEqualTo(ChannelWidening.widen(original, 16).orElseThrow());
  }

  @Test
  void aGraphWithOtherOperationsIsLeftAlone() throws Exception {
    // mini-Xception ends in ReduceMean and Softmax: not a trunk this rewrite knows
    assertThat(ChannelWidening.widen(Files.readAllBytes(model(ModelCatalog.EMOTION)), 16)).isEmpty();
    assertThat(ChannelWidening.widen("not a model".getBytes(), 16)).isEmpty();
  }

  @Test
  void loadingWidenedKeepsTheModelsShapes() {
    try (OnnxModel plain = OnnxModel.load(model(ModelCatalog.FACE_BACK), "back", 1);
        OnnxModel widened = OnnxModel.loadWidened(model(ModelCatalog.FACE_BACK), "back", 1)) {
      assertThat(widened.inputShape()).containsExactly(plain.inputShape());
      assertThat(widened.outputNames()).isEqualTo(plain.outputNames());
      for (int i = 0; i < plain.outputNames().size(); i++) {
        assertThat(widened.outputShape(i)).containsExactly(plain.outputShape(i));
      }
    }
  }

  /** sample1 squeezed into the detector's input, RGB in [-1, 1]: real features, not only noise. */
  private static float[] photoInput(int size) {
    OpenCvNative.ensureLoaded();
    Mat bgr = Imgcodecs.imread(Samples.photo(1).toString(), Imgcodecs.IMREAD_COLOR);
    Mat small = new Mat();
    Imgproc.resize(bgr, small, new Size(size, size), 0, 0, Imgproc.INTER_AREA);
    Imgproc.cvtColor(small, small, Imgproc.COLOR_BGR2RGB);
    small.convertTo(small, CvType.CV_32FC3, 1 / 127.5, -1);
    float[] pixels = new float[size * size * 3];
    small.get(0, 0, pixels);
    bgr.release();
    small.release();
    return pixels;
  }
}
