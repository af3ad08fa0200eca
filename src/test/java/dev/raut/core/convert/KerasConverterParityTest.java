package dev.raut.core.convert;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every Keras fixture (tools/keras-fixtures: TF.js layers, Teachable Machine, Keras 2 and 3 HDF5,
 * .keras), converted and run in ONNX Runtime, gives what tfjs-layers gives on the same fixed
 * inputs, within 1e-4.
 */
class KerasConverterParityTest {
  static final double TOLERANCE = 1e-4;

  static Stream<String> cases() throws IOException, URISyntaxException {
    try (Stream<Path> dirs = Files.list(fixtures())) {
      return dirs.filter(d -> Files.isRegularFile(d.resolve("expected.json"))).map(d -> d.getFileName().toString())
          .sorted().toList().stream();
    }
  }

  static Path fixtures() throws URISyntaxException {
    return Path.of(KerasConverterParityTest.class.getResource("/dev/raut/core/convert/keras").toURI());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void matchesTfjsLayers(String name) throws Exception {
    Path dir = fixtures().resolve(name);
    JsonNode expected = new ObjectMapper().readTree(dir.resolve("expected.json").toFile());
    Path model = dir.resolve(expected.path("model").asText());
    KerasConversion conversion = convert(expected.path("format").asText(), model);
    long[] shape = new long[expected.path("input_shape").size()];
    for (int i = 0; i < shape.length; i++) {
      shape[i] = expected.path("input_shape").get(i).asLong();
    }
    assertThat(conversion.inputShape()).as("input shape").containsExactly(-1, shape[1], shape[2], shape[3]);
    for (String input : KerasParity.INPUTS) {
      JsonNode values = expected.path("outputs").path(input);
      double[] want = new double[values.size()];
      for (int i = 0; i < want.length; i++) {
        want[i] = values.get(i).asDouble();
      }
      float[] got = KerasParity.run(conversion.onnx(), KerasParity.input(input, shape), shape);
      assertThat(KerasParity.maxAbsDiff(got, want)).as(name + " on " + input).isLessThanOrEqualTo(TOLERANCE);
    }
  }

  /**
   * A real user's file, unchanged: oarriaga's Keras 2.0.5 mini-Xception, against TF.js run on its
   * own config and weights (reference.json beside it).
   */
  @org.junit.jupiter.api.Test
  void realKeras205MiniXceptionMatchesTfjs() throws Exception {
    Path dir = Path.of(getClass().getResource("/dev/raut/core/convert/keras-real/fer2013-mini-xception").toURI());
    JsonNode reference = new ObjectMapper().readTree(dir.resolve("reference.json").toFile());
    KerasConversion conversion = KerasConverter.convertH5(dir.resolve("fer2013_mini_XCEPTION.102-0.66.hdf5"));
    assertThat(conversion.kerasVersion()).isEqualTo("2.0.5");
    assertThat(conversion.outputIsSoftmax()).isTrue();
    assertThat(conversion.layerClasses()).contains("SeparableConv2D", "BatchNormalization", "Add");
    long[] shape = {1, 64, 64, 1};
    assertThat(reference.path("fixed_inputs")).hasSize(4);
    for (JsonNode fixed : reference.path("fixed_inputs")) {
      double[] want = new double[fixed.path("output").size()];
      for (int i = 0; i < want.length; i++) {
        want[i] = fixed.path("output").get(i).asDouble();
      }
      String input = fixed.path("name").asText();
      float[] got = KerasParity.run(conversion.onnx(), KerasParity.input(input, shape), shape);
      assertThat(KerasParity.maxAbsDiff(got, want)).as(input).isLessThanOrEqualTo(TOLERANCE);
    }
  }

  @org.junit.jupiter.api.Test
  void conversionIsDeterministic() throws Exception {
    Path model = fixtures().resolve("keras3_keras/model.keras");
    assertThat(KerasConverter.convertKerasArchive(model).onnx()).isEqualTo(KerasConverter.convertKerasArchive(model).onnx());
  }

  static KerasConversion convert(String format, Path model) throws ConversionException {
    return switch (format) {
      case "tfjs-layers", "tm-tfjs" -> KerasConverter.convertTfjsLayers(model);
      case "keras-h5", "tm-keras" -> KerasConverter.convertH5(model);
      case "keras-v3" -> KerasConverter.convertKerasArchive(model);
      default -> throw new IllegalArgumentException("unknown fixture format " + format);
    };
  }
}
