package dev.raut.app.teach;

import static org.assertj.core.api.Assertions.assertThat;

import dev.raut.core.teach.TeachingData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Teach page's decisions that need no window: what a drop is, class folders as a CSV, ETA and words. */
class TeachPresenterLogicTest {
  @TempDir
  Path temp;

  @Test
  void aDropIsADatasetClassFoldersOrAPhotoToTry() throws Exception {
    Path folder = Files.createDirectories(temp.resolve("a"));
    Path other = Files.createDirectories(temp.resolve("b"));
    Path csv = Files.writeString(temp.resolve("labels.CSV"), "image,label\n");
    Path photo = Files.writeString(temp.resolve("p.png"), "x");
    assertThat(TeachPresenter.kindOf(TeachTestSupport.files(folder), false)).isEqualTo(TeachPresenter.DropKind.DATASET);
    assertThat(TeachPresenter.kindOf(TeachTestSupport.files(csv), true)).isEqualTo(TeachPresenter.DropKind.DATASET);
    assertThat(TeachPresenter.kindOf(TeachTestSupport.files(folder, other), false))
        .isEqualTo(TeachPresenter.DropKind.CLASS_FOLDERS);
    assertThat(TeachPresenter.kindOf(TeachTestSupport.files(folder, photo), true)).isEqualTo(TeachPresenter.DropKind.NONE);
    assertThat(TeachPresenter.kindOf(TeachTestSupport.files(photo), true)).isEqualTo(TeachPresenter.DropKind.PHOTO);
    assertThat(TeachPresenter.kindOf(TeachTestSupport.files(photo), false))
        .as("nothing to try before teaching").isEqualTo(TeachPresenter.DropKind.NONE);
    assertThat(TeachPresenter.kindOf(List.of(), true)).isEqualTo(TeachPresenter.DropKind.NONE);
  }

  @Test
  void classFoldersBecomeACsvTheCoreReads() throws Exception {
    // a folder name with a comma and a quote, and a nested folder: still one class each
    Path data = TeachTestSupport.makeDataset(temp.resolve("src"), List.of("warm", "stripes"), 4, 1);
    Path odd = data.resolve("red, \"bright\"");
    Files.move(data.resolve("warm"), odd);
    Files.createDirectories(odd.resolve("more"));
    Files.move(odd.resolve("warm_0.png"), odd.resolve("more").resolve("warm_0.png"));
    Files.writeString(odd.resolve("notes.txt"), "not a photo");
    Path out = Files.createDirectories(temp.resolve("out"));
    Path csv = TeachPresenter.writeClassFoldersCsv(List.of(odd, data.resolve("stripes")), out);
    assertThat(csv.getParent()).isEqualTo(out);
    TeachingData read = TeachingData.read(csv, 0.25, 7, () -> false);
    assertThat(read.classes()).containsExactly("red, \"bright\"", "stripes");
    assertThat(read.train().size() + read.test().size()).isEqualTo(8);
    assertThat(read.testCounts().values()).containsOnly(1);
  }

  @Test
  void etaFollowsTheRateSoFar() {
    assertThat(TeachPresenter.secondsLeft(0, 5_000_000_000L, 3, 10)).isNaN();
    assertThat(TeachPresenter.secondsLeft(1_000_000_000L, 1_000_000_000L, 0, 10)).isNaN();
    // 2 photos in 4 s: 2 s each, 8 to go
    assertThat(TeachPresenter.secondsLeft(1_000_000_000L, 5_000_000_000L, 2, 10)).isEqualTo(16.0);
    assertThat(TeachPresenter.eta(16.4)).isEqualTo("about 16 s left");
    assertThat(TeachPresenter.eta(0.2)).isEqualTo("about 1 s left");
    assertThat(TeachPresenter.eta(150)).isEqualTo("about 3 min left");
    assertThat(TeachPresenter.eta(Double.NaN)).isEmpty();
  }

  @Test
  void headCandidatesInPlainWords() {
    assertThat(TeachPresenter.candidate("logreg l2=0.01")).isEqualTo("Logistic regression (penalty 0.01)");
    assertThat(TeachPresenter.candidate("mlp")).isEqualTo("Small neural network");
    assertThat(TeachPresenter.headKind("mlp")).isEqualTo("a small neural network");
    assertThat(TeachPresenter.headKind("logreg")).isEqualTo("logistic regression");
    assertThat(TeachPresenter.split(0.2, 42)).isEqualTo("20 % of each class, drawn with seed 42.");
  }
}
