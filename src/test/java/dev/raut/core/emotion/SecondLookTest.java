package dev.raut.core.emotion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.raut.core.face.DetectedFace;
import dev.raut.core.geometry.Box;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** FAST's second look: asked only for the faces the first look was unsure of, and averaged in for them alone. */
class SecondLookTest {
  private static final List<String> LABELS = List.of("happy", "sad");

  private static DetectedFace face(int x) {
    return new DetectedFace(new Box(x, 0, 10, 10), 0.9, List.of());
  }

  /** A network whose first look at the face at x reads happy with probability first[x], its mirrored look happy 0.5. */
  private static final class Network implements SecondLook.Reader {
    final List<List<Integer>> mirroredAsked = new ArrayList<>();
    final double[] first;

    Network(double... first) {
      this.first = first;
    }

    @Override
    public List<EmotionPrediction> read(List<DetectedFace> faces, FaceLooks look) {
      if (look == FaceLooks.MIRRORED) {
        mirroredAsked.add(faces.stream().map(f -> (int) f.box().x()).toList());
      }
      return faces.stream().map(f -> {
        double happy = look == FaceLooks.MIRRORED ? 0.5 : first[(int) f.box().x()];
        return EmotionPrediction.of(LABELS, Map.of("happy", happy, "sad", 1 - happy));
      }).toList();
    }
  }

  @Test
  void onlyTheUnsureFacesAreReadMirroredAndAveraged() {
    Network network = new Network(0.9, 0.6, 0.2, 0.75);
    List<EmotionPrediction> read = SecondLook.whereUnsure(List.of(face(0), face(1), face(2), face(3)), 0.75, network);

    // only face 1 (top 0.6) is unsure; face 2 reads sad at 0.8, sure
    assertThat(network.mirroredAsked).containsExactly(List.of(1));
    assertThat(read.get(0).scores().get("happy")).isCloseTo(0.9, within(1e-12));
    assertThat(read.get(1).scores().get("happy")).isCloseTo((0.6 + 0.5) / 2, within(1e-12));
    assertThat(read.get(2).label()).isEqualTo("sad");
    assertThat(read.get(2).scores().get("happy")).isCloseTo(0.2, within(1e-12));
    assertThat(read.get(3).scores().get("happy")).as("exactly at the bar counts as sure").isCloseTo(0.75, within(1e-12));
  }

  @Test
  void noSecondRunWhenEveryFaceIsSure() {
    Network network = new Network(0.95, 0.05);
    List<EmotionPrediction> read = SecondLook.whereUnsure(List.of(face(0), face(1)), 0.75, network);

    assertThat(network.mirroredAsked).isEmpty();
    assertThat(read).extracting(EmotionPrediction::label).containsExactly("happy", "sad");
  }
}
