package dev.raut.core.evaluate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LabelMapTest {
  private static final List<String> MODEL = List.of("angry", "disgust", "fear", "happy", "sad", "surprise", "neutral");

  @TempDir
  Path dir;

  @Test
  void inlineEntries() {
    LabelMap map = LabelMap.parse("happiness=happy, anger = angry");

    assertThat(map.entries()).containsExactly(Map.entry("happiness", "happy"), Map.entry("anger", "angry"));
    assertThat(map.apply("happiness")).isEqualTo("happy");
    assertThat(map.apply("ANGER")).isEqualTo("angry");
    assertThat(map.apply("sad")).isEqualTo("sad");
  }

  @Test
  void fileWithCommentsAndBlankLines() throws IOException {
    Path file = dir.resolve("map.txt");
    Files.writeString(file, "# dataset=model\nhappiness=happy\n\nsadness=sad  # FER calls it sad\n");

    assertThat(LabelMap.parse(file.toString()).entries())
        .containsExactly(Map.entry("happiness", "happy"), Map.entry("sadness", "sad"));
  }

  @Test
  void badEntriesAndMissingFilesAreErrors() {
    assertThatThrownBy(() -> LabelMap.parse("happiness=happy,anger")).isInstanceOf(DatasetException.class)
        .hasMessageContaining("'anger'");
    assertThatThrownBy(() -> LabelMap.parse("=happy")).isInstanceOf(DatasetException.class);
    assertThatThrownBy(() -> LabelMap.parse(dir.resolve("none.txt").toString())).isInstanceOf(DatasetException.class)
        .hasMessageContaining("Cannot read the label map");
  }

  @Test
  void applyToDatasetMapsRespellsAndReportsUnknownLabels() {
    Dataset dataset = new Dataset(dir, dir, Dataset.Layout.CLASS_FOLDERS, List.of(
        image("1.jpg", "happiness"), image("2.jpg", "happiness"), image("3.jpg", "Sad"), image("4.jpg", "contempt"),
        image("5.jpg", "fear"), image("6.jpg", "contempt")));

    LabelMap.Mapped mapped = LabelMap.parse("happiness=happy").applyTo(dataset, MODEL);

    assertThat(mapped.dataset().images()).extracting(LabelledImage::label)
        .containsExactly("happy", "happy", "sad", "contempt", "fear", "contempt");
    assertThat(mapped.dataset().images()).extracting(LabelledImage::name).containsExactly("1.jpg", "2.jpg", "3.jpg", "4.jpg",
        "5.jpg", "6.jpg");
    assertThat(mapped.renamed()).containsExactly(Map.entry("Sad", "sad"), Map.entry("happiness", "happy"));
    assertThat(mapped.unknownToModel()).containsExactly(Map.entry("contempt", 2));
  }

  @Test
  void unmappedDatasetLabelsAreReportedWhenTheMapMissesThem() {
    Dataset dataset = new Dataset(dir, dir, Dataset.Layout.CSV, List.of(image("1.jpg", "happiness"), image("2.jpg", "anger")));

    LabelMap.Mapped mapped = LabelMap.empty().applyTo(dataset, MODEL);

    assertThat(mapped.unknownToModel()).containsExactly(Map.entry("anger", 1), Map.entry("happiness", 1));
    assertThat(mapped.renamed()).isEmpty();
  }

  private LabelledImage image(String name, String label) {
    return new LabelledImage(dir.resolve(name), name, label);
  }
}
