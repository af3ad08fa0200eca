package dev.raut.core.evaluate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The readers only list files; nothing is decoded, so the "images" here are empty files. */
class DatasetReaderTest {
  @TempDir
  Path dir;

  @Test
  void classFoldersGiveOneLabelPerFolderSortedByPath() throws IOException {
    touch("happy/b.jpg", "happy/a.png", "sad/x.jpeg", "sad/nested/y.jpg", "sad/notes.txt", ".hidden/z.jpg", "loose.jpg");

    Dataset dataset = DatasetReader.read(dir);

    assertThat(dataset.layout()).isEqualTo(Dataset.Layout.CLASS_FOLDERS);
    assertThat(dataset.root()).isEqualTo(dir);
    assertThat(dataset.images()).extracting(LabelledImage::name, LabelledImage::label).containsExactly(
        org.assertj.core.groups.Tuple.tuple("happy/a.png", "happy"),
        org.assertj.core.groups.Tuple.tuple("happy/b.jpg", "happy"),
        org.assertj.core.groups.Tuple.tuple("sad/nested/y.jpg", "sad"),
        org.assertj.core.groups.Tuple.tuple("sad/x.jpeg", "sad"));
    assertThat(dataset.images().get(0).file()).isEqualTo(dir.resolve("happy/a.png"));
    assertThat(dataset.labelCounts()).containsExactly(java.util.Map.entry("happy", 2), java.util.Map.entry("sad", 2));
  }

  @Test
  void testLevelIsPreferredOverTrain() throws IOException {
    touch("train/cat/1.jpg", "train/dog/2.jpg", "test/cat/3.jpg", "test/dog/4.jpg", "test/dog/5.jpg");

    Dataset dataset = DatasetReader.read(dir);

    assertThat(dataset.source()).isEqualTo(dir);
    assertThat(dataset.root()).isEqualTo(dir.resolve("test"));
    assertThat(dataset.images()).extracting(LabelledImage::name).containsExactly("cat/3.jpg", "dog/4.jpg", "dog/5.jpg");
  }

  @Test
  void trainLevelIsUsedWhenItIsTheOnlySplit() throws IOException {
    touch("Train/cat/1.jpg", "Train/dog/2.jpg");

    Dataset dataset = DatasetReader.read(dir);

    assertThat(dataset.root()).isEqualTo(dir.resolve("Train"));
    assertThat(dataset.labelCounts()).containsOnlyKeys("cat", "dog");
  }

  @Test
  void emptyFolderIsAnErrorThatExplainsTheLayout() {
    assertThatThrownBy(() -> DatasetReader.read(dir))
        .isInstanceOf(DatasetException.class)
        .hasMessageContaining("No labelled images")
        .hasMessageContaining("one sub-folder per class");
  }

  @Test
  void singleImagesFolderNextToACsvPointsAtTheCsv() throws IOException {
    touch("images/a.jpg", "images/b.jpg");
    Files.writeString(dir.resolve("labels.csv"), "image,label\na.jpg,happy\n");

    assertThatThrownBy(() -> DatasetReader.read(dir))
        .isInstanceOf(DatasetException.class)
        .hasMessageContaining("give the CSV file");
  }

  @Test
  void csvWithHeaderResolvesPathsRelativeToItsFolder() throws IOException {
    touch("pics/a.jpg", "b.jpg");
    Path csv = dir.resolve("labels.csv");
    Files.writeString(csv, "\uFEFFimage,emotion\npics/a.jpg,happy\n\n\"b.jpg\", sad \nmissing.jpg,angry\n");

    Dataset dataset = DatasetReader.read(csv);

    assertThat(dataset.layout()).isEqualTo(Dataset.Layout.CSV);
    assertThat(dataset.root()).isEqualTo(dir);
    assertThat(dataset.images()).extracting(LabelledImage::name).containsExactly("pics/a.jpg", "b.jpg", "missing.jpg");
    assertThat(dataset.images()).extracting(LabelledImage::label).containsExactly("happy", "sad", "angry");
    assertThat(dataset.images()).extracting(LabelledImage::file)
        .containsExactly(dir.resolve("pics/a.jpg"), dir.resolve("b.jpg"), dir.resolve("missing.jpg"));
  }

  @Test
  void csvNamesFoundInAnImagesFolderNextToIt() throws IOException {
    touch("images/a.jpg", "b.jpg", "images/b.jpg");
    Path csv = dir.resolve("labels.csv");
    Files.writeString(csv, "image,emotion\na.jpg,happy\nb.jpg,sad\n");

    Dataset dataset = DatasetReader.read(csv);

    // b.jpg exists beside the CSV, so that one wins
    assertThat(dataset.images()).extracting(LabelledImage::file).containsExactly(dir.resolve("images/a.jpg"), dir.resolve("b.jpg"));
  }

  @Test
  void csvColumnsFoundByNameAndHeaderlessCsvAccepted() throws IOException {
    touch("a.jpg", "b.jpg");
    Path named = dir.resolve("named.csv");
    Files.writeString(named, "id,class,filename\n1,dog,a.jpg\n2,cat,b.jpg\n");
    Path bare = dir.resolve("bare.csv");
    Files.writeString(bare, "a.jpg,dog\nb.jpg,cat\n");

    assertThat(DatasetReader.read(named).images()).extracting(LabelledImage::name, LabelledImage::label).containsExactly(
        org.assertj.core.groups.Tuple.tuple("a.jpg", "dog"), org.assertj.core.groups.Tuple.tuple("b.jpg", "cat"));
    assertThat(DatasetReader.read(bare).images()).extracting(LabelledImage::name, LabelledImage::label).containsExactly(
        org.assertj.core.groups.Tuple.tuple("a.jpg", "dog"), org.assertj.core.groups.Tuple.tuple("b.jpg", "cat"));
  }

  @Test
  void csvRowsWithoutALabelAreErrorsWithTheLine() throws IOException {
    Path csv = dir.resolve("labels.csv");
    Files.writeString(csv, "image,label\na.jpg,happy\nb.jpg\n");

    assertThatThrownBy(() -> DatasetReader.read(csv))
        .isInstanceOf(DatasetException.class)
        .hasMessageContaining("line 3")
        .hasMessageContaining("image,label");
  }

  @Test
  void missingDatasetIsAnError() {
    assertThatThrownBy(() -> DatasetReader.read(dir.resolve("nope")))
        .isInstanceOf(DatasetException.class)
        .hasMessageContaining("does not exist");
  }

  private void touch(String... paths) throws IOException {
    for (String p : paths) {
      Path file = dir.resolve(p);
      Files.createDirectories(file.getParent());
      Files.write(file, new byte[0]);
    }
  }
}
