package dev.raut.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.raut.core.analysis.AnalysisRequest;
import dev.raut.core.analysis.Analyzer;
import dev.raut.core.analysis.Engine;
import dev.raut.core.analysis.ImageAnalysis;
import dev.raut.core.analysis.ResultJson;
import dev.raut.core.convert.onnx.OnnxProto;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code /prediction} with {@code --task emotion} and with a user's classifier ({@code --classifier}). */
class PredictionTasksTest {
  @TempDir
  static Path dir;

  private static Engine engine;
  private static Analyzer analyzer;
  private static RautServer emotionServer;
  private static RautServer classifierServer;
  private static Http emotion;
  private static Http classifier;
  private static Path card;

  @BeforeAll
  static void start() throws IOException {
    engine = Engine.openDefault();
    analyzer = new Analyzer(engine);
    card = writeChannelClassifier(dir);
    ServerConfig config = ServerConfig.defaults().withPort(0).withWorkers(2, 4);
    emotionServer = new RautServer(analyzer);
    emotion = new Http(emotionServer.start(config.withPrediction(PredictionTask.EMOTION)));
    classifierServer = new RautServer(analyzer);
    classifier = new Http(classifierServer.start(config.withClassifier(card.toString())));
  }

  @AfterAll
  static void stop() {
    for (RautServer server : new RautServer[] {emotionServer, classifierServer}) {
      if (server != null) {
        server.stop();
      }
    }
    if (engine != null) {
      engine.close();
    }
  }

  @Test
  void emotionTaskAnswersTheLargestFacesEmotion() {
    byte[] photo = TestPhotos.bytes(TestPhotos.sample(1));
    HttpResponse<String> response = emotion.post("/prediction", new MultipartBody().file("image", "sample1.jpg", "image/jpeg", photo));

    ImageAnalysis direct = analyzer.analyze(photo, "sample1.jpg", AnalysisRequest.facesAndEmotions());
    assertThat(direct.faces()).hasSizeGreaterThan(1);
    ImageAnalysis.Face largest = direct.faces().stream()
        .max(Comparator.comparingDouble(f -> f.box().width() * f.box().height())).orElseThrow();
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).isEqualTo("{\"status\":{\"code\":200,\"message\":\"Success Predicting the Image\"},"
        + "\"data\":{\"image_types_prediction\":\"" + largest.emotion().label() + "\",\"confidence\":" + ResultJson.score(largest.emotion().score()) + "}}");
  }

  @Test
  void emotionTaskWithoutAFaceNamesNothing() {
    HttpResponse<String> response = emotion.post("/prediction", new MultipartBody().file("image", "red.png", "image/png", solid(Color.RED)));
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).isEqualTo("{\"status\":{\"code\":200,\"message\":\"Success Predicting the Image\"},"
        + "\"data\":{\"image_types_prediction\":null,\"confidence\":0.0}}");
  }

  @Test
  void classifierTaskAnswersTheTopClass() throws Exception {
    // softmax of the channel means (1, 0, 0) gives e / (e + 2)
    double expected = Math.round(Math.E / (Math.E + 2) * 10000) / 10000.0;
    for (Color colour : List.of(Color.RED, Color.GREEN, Color.BLUE)) {
      String label = colour == Color.RED ? "red" : colour == Color.GREEN ? "green" : "blue";
      HttpResponse<String> response = classifier.post("/prediction", new MultipartBody().file("image", label + ".png", "image/png", solid(colour)));
      assertThat(response.body()).isEqualTo("{\"status\":{\"code\":200,\"message\":\"Success Predicting the Image\"},"
          + "\"data\":{\"image_types_prediction\":\"" + label + "\",\"confidence\":" + expected + "}}");
    }

    HttpResponse<String> analyzed = classifier.post("/v1/analyze?classifier=true",
        new MultipartBody().file("image", "blue.png", "image/png", solid(Color.BLUE)));
    ImageAnalysis result = ResultJson.parse(ResultJson.mapper().readTree(analyzed.body()).get("data").get("images").get(0).toString());
    assertThat(result.classes()).extracting(ImageAnalysis.ClassScore::label).containsExactly("blue", "red", "green");
    assertThat(result.faces()).isEmpty();

    JsonNode models = ResultJson.mapper().readTree(classifier.get("/v1/models").body()).get("data");
    assertThat(models.get("prediction").asText()).isEqualTo("classifier");
    assertThat(models.get("classifier").get("name").asText()).isEqualTo("Dominant channel");
    assertThat(models.get("classifier").get("labels").toString()).isEqualTo("[\"red\",\"green\",\"blue\"]");
  }

  private static byte[] solid(Color colour) {
    BufferedImage image = new BufferedImage(64, 48, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    g.setColor(colour);
    g.fillRect(0, 0, 64, 48);
    g.dispose();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      ImageIO.write(image, "png", out);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    return out.toByteArray();
  }

  /**
   * A tiny but real ONNX classifier and its card: the mean of each colour channel
   * (GlobalAveragePool, Flatten) scored as red, green, blue.
   */
  static Path writeChannelClassifier(Path folder) throws IOException {
    OnnxProto.GraphProto graph = OnnxProto.GraphProto.newBuilder()
        .setName("dominant-channel")
        .addNode(OnnxProto.NodeProto.newBuilder().setOpType("GlobalAveragePool").addInput("pixels").addOutput("pooled"))
        .addNode(OnnxProto.NodeProto.newBuilder().setOpType("Flatten").addInput("pooled").addOutput("scores")
            .addAttribute(OnnxProto.AttributeProto.newBuilder().setName("axis").setI(1)
                .setType(OnnxProto.AttributeProto.AttributeType.INT)))
        .addInput(tensor("pixels", 1, 3, 16, 16))
        .addOutput(tensor("scores", 1, 3))
        .build();
    OnnxProto.ModelProto model = OnnxProto.ModelProto.newBuilder().setIrVersion(7).setProducerName("raut-test")
        .addOpsetImport(OnnxProto.OperatorSetIdProto.newBuilder().setVersion(13)).setGraph(graph).build();
    Files.write(folder.resolve("channel.onnx"), model.toByteArray());
    return Files.writeString(folder.resolve("channel.json"), """
        {"name": "Dominant channel", "onnx": "channel.onnx",
         "spec": {"width": 16, "height": 16, "layout": "NCHW", "color": "RGB", "normalization": "ZERO_ONE",
                  "softmax": true, "labels": ["red", "green", "blue"]}}
        """);
  }

  private static OnnxProto.ValueInfoProto tensor(String name, long... dims) {
    OnnxProto.TensorShapeProto.Builder shape = OnnxProto.TensorShapeProto.newBuilder();
    for (long d : dims) {
      shape.addDim(OnnxProto.TensorShapeProto.Dimension.newBuilder().setDimValue(d));
    }
    return OnnxProto.ValueInfoProto.newBuilder().setName(name).setType(OnnxProto.TypeProto.newBuilder()
        .setTensorType(OnnxProto.TypeProto.Tensor.newBuilder().setElemType(1).setShape(shape))).build();
  }
}
