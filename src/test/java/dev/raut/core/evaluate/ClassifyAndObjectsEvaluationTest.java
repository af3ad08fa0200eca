package dev.raut.core.evaluate;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import dev.raut.core.analysis.AnalysisRequest;
import dev.raut.core.analysis.Analyzer;
import dev.raut.core.analysis.DetectorChoice;
import dev.raut.core.analysis.Engine;
import dev.raut.core.analysis.ImageAnalysis;
import dev.raut.core.convert.onnx.OnnxProto;
import dev.raut.core.model.ModelStore;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Scalar;
import org.opencv.imgcodecs.Imgcodecs;

/** The classify and objects tasks: a tiny colour classifier written here, and the object detector on a sample photo. */
class ClassifyAndObjectsEvaluationTest {
  private static Engine engine;
  private static Analyzer analyzer;

  @TempDir
  Path dir;

  @BeforeAll
  static void open() {
    engine = Engine.openDefault();
    analyzer = new Analyzer(engine);
  }

  @AfterAll
  static void close() {
    engine.close();
  }

  @Test
  void classifierTopClassIsThePrediction() throws IOException {
    Path card = writeColourClassifier(dir.resolve("model"));
    Path data = dir.resolve("colours");
    writeSolid(data.resolve("red/r1.png"), 0, 0, 230);
    writeSolid(data.resolve("red/r2.png"), 20, 10, 200);
    writeSolid(data.resolve("green/g1.png"), 0, 220, 0);
    writeSolid(data.resolve("green/g2.png"), 30, 180, 20);
    writeSolid(data.resolve("green/actually-blue.png"), 210, 0, 0); // mislabelled on purpose (BGR: blue)
    writeSolid(data.resolve("blue/b1.png"), 240, 20, 20);

    EvaluationSettings settings = new EvaluationSettings(EvaluationTask.CLASSIFY, DetectorChoice.AUTO, card.toString(), null, 0.3);
    EvaluationResult result = new EvaluationRunner(analyzer, 2).run(DatasetReader.read(data), settings, (d, t) -> {}, new AtomicBoolean());

    assertThat(result.model()).isEqualTo("Colours");
    assertThat(result.modelLabels()).containsExactly("red", "green", "blue");
    assertThat(result.report().accuracy()).isEqualTo(5.0 / 6);
    assertThat(result.report().matrix().toArray()).isDeepEqualTo(new int[][] {{1, 0, 0}, {1, 2, 0}, {0, 0, 2}});
    assertThat(result.report().labels()).containsExactly("blue", "green", "red");
    assertThat(result.filesIn("green", "blue")).extracting(ImagePrediction::name).containsExactly("green/actually-blue.png");
    assertThat(result.predicted()).allMatch(p -> p.region() == null && p.confidence() > 0.5);
  }

  @Test
  void topObjectIsThePrediction() throws IOException {
    Path photo = ModelStore.defaultStore().samplesDir("face-api-samples").resolve("sample1.jpg");
    Files.createDirectories(dir.resolve("person"));
    Files.copy(photo, dir.resolve("person/sample1.jpg"));

    EvaluationSettings settings = new EvaluationSettings(EvaluationTask.OBJECTS, DetectorChoice.AUTO, null, null, 0.3);
    EvaluationResult result = new EvaluationRunner(analyzer, 1).run(DatasetReader.read(dir), settings, (d, t) -> {}, new AtomicBoolean());

    ImageAnalysis direct = analyzer.analyze(photo, AnalysisRequest.objectsOnly());
    ImageAnalysis.DetectedObjectResult top = direct.objects().stream()
        .max(Comparator.comparingDouble(ImageAnalysis.DetectedObjectResult::score)).orElseThrow();
    assertThat(result.modelLabels()).hasSize(80).contains("person");
    assertThat(result.predicted()).singleElement().satisfies(p -> {
      assertThat(p.predicted()).isEqualTo(top.label());
      assertThat(p.confidence()).isEqualTo(top.score());
      assertThat(p.region()).isNotNull();
    });
  }

  /**
   * An 8x8 RGB classifier: mean of each channel (GlobalAveragePool, Flatten) times 10, so the
   * dominant colour wins. Written with the project's ONNX protobuf classes, plus its card.
   */
  private static Path writeColourClassifier(Path folder) throws IOException {
    Files.createDirectories(folder);
    float[] weights = {10, 0, 0, 0, 10, 0, 0, 0, 10};
    ByteBuffer raw = ByteBuffer.allocate(weights.length * 4).order(ByteOrder.LITTLE_ENDIAN);
    for (float w : weights) {
      raw.putFloat(w);
    }
    OnnxProto.GraphProto graph = OnnxProto.GraphProto.newBuilder()
        .setName("colours")
        .addInput(floatInput("image", 1, 3, 8, 8))
        .addOutput(floatInput("scores", 1, 3))
        .addInitializer(OnnxProto.TensorProto.newBuilder().setName("weights").addDims(3).addDims(3).setDataType(1)
            .setRawData(ByteString.copyFrom(raw.array())))
        .addNode(node("GlobalAveragePool", "image", "pooled"))
        .addNode(node("Flatten", "pooled", "flat"))
        .addNode(OnnxProto.NodeProto.newBuilder().setOpType("MatMul").addInput("flat").addInput("weights").addOutput("scores"))
        .build();
    OnnxProto.ModelProto model = OnnxProto.ModelProto.newBuilder().setIrVersion(7).setProducerName("raut-test")
        .addOpsetImport(OnnxProto.OperatorSetIdProto.newBuilder().setDomain("").setVersion(13))
        .setGraph(graph).build();
    Files.write(folder.resolve("colours.onnx"), model.toByteArray());
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

  private static OnnxProto.ValueInfoProto floatInput(String name, long... dims) {
    OnnxProto.TensorShapeProto.Builder shape = OnnxProto.TensorShapeProto.newBuilder();
    for (long d : dims) {
      shape.addDim(OnnxProto.TensorShapeProto.Dimension.newBuilder().setDimValue(d));
    }
    return OnnxProto.ValueInfoProto.newBuilder().setName(name).setType(OnnxProto.TypeProto.newBuilder()
        .setTensorType(OnnxProto.TypeProto.Tensor.newBuilder().setElemType(1).setShape(shape))).build();
  }

  /** A 32x32 image of one BGR colour. */
  private static void writeSolid(Path file, int b, int g, int r) throws IOException {
    Files.createDirectories(file.getParent());
    Mat image = new Mat(32, 32, CvType.CV_8UC3, new Scalar(b, g, r));
    try {
      assertThat(Imgcodecs.imwrite(file.toString(), image)).isTrue();
    } finally {
      image.release();
    }
  }
}
