package dev.raut.app.gallery;

import static dev.raut.app.AppTestSupport.fx;
import static dev.raut.app.AppTestSupport.fxRun;
import static dev.raut.app.AppTestSupport.samplePhotos;
import static dev.raut.app.AppTestSupport.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

import dev.raut.app.AppTestSupport;
import dev.raut.core.analysis.ImageAnalysis;
import dev.raut.core.analysis.ResultCsv;
import java.awt.image.BufferedImage;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.stage.DirectoryChooser;
import javafx.stage.FileChooser;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * Export asks where to save, starting in the pictures folder and then wherever the person saved
 * last (remembered in the settings), never in the photos' own folder; annotated images come as
 * JPEG or PNG. The dialogs are stood in for (tests have no native dialogs); the files are real.
 */
@ExtendWith(ApplicationExtension.class)
class GalleryExportTest {
  @TempDir
  Path temp;

  private AppTestSupport app;
  private GalleryPresenter gallery;
  /** What each dialog was opened with: its title and starting folder. */
  private final List<String> titles = new ArrayList<>();
  private final List<File> startedIn = new ArrayList<>();

  @Start
  void start(Stage stage) {
    app = new AppTestSupport(stage, temp);
    gallery = app.window().gallery();
    app.window().show("Gallery");
  }

  @AfterEach
  void close() throws Exception {
    app.close();
  }

  /** The dialogs answer {@code file} (save dialog) and {@code folder} (folder dialog), noting how they were opened. */
  private void answerDialogs(File file, File folder) {
    fxRun(() -> app.window().galleryView().useExportChoosers((FileChooser chooser) -> {
      titles.add(chooser.getTitle());
      startedIn.add(chooser.getInitialDirectory());
      return file;
    }, (DirectoryChooser chooser) -> {
      titles.add(chooser.getTitle());
      startedIn.add(chooser.getInitialDirectory());
      return folder;
    }));
  }

  private static List<Path> filesIn(Path folder) throws Exception {
    try (Stream<Path> files = Files.list(folder)) {
      return files.sorted().toList();
    }
  }

  @Test
  void exportAsksWhereRemembersTheFolderAndWritesJpegsSmallerThanPngs(FxRobot robot) throws Exception {
    fxRun(() -> gallery.addPaths(samplePhotos().subList(0, 3)));
    waitUntil("three photos analysed", 120, () -> gallery.items().size() == 3 && !gallery.runningProperty().get()
        && gallery.items().stream().allMatch(i -> i.state() == GalleryItem.State.DONE));
    List<ImageAnalysis> results = fx(() -> gallery.items().stream().map(GalleryItem::result).toList());
    Path exports = Files.createDirectories(temp.resolve("my exports"));
    Path csv = exports.resolve("results.csv");
    Path jpegs = Files.createDirectories(temp.resolve("jpeg"));
    Path pngs = Files.createDirectories(temp.resolve("png"));

    // the results, through the Export menu: the dialog starts in the pictures folder, not the photos'
    answerDialogs(csv.toFile(), null);
    robot.clickOn("#export");
    assertThat(robot.lookup("Covers all 3 photos").tryQuery()).isPresent();
    robot.clickOn("Results as CSV or JSON…");
    waitUntil("the CSV written", 30, () -> app.services().status().messageProperty().get().startsWith("Exported 3"));
    File pictures = GalleryView.picturesFolder();
    assertThat(startedIn.get(0)).isEqualTo(pictures).isNotEqualTo(samplePhotos().get(0).getParent().toFile());
    // ~/Pictures, a Linux desktop's own name for it (user-dirs.dirs), or home itself
    assertThat(pictures.toPath().startsWith(Path.of(System.getProperty("user.home")))).isTrue();
    assertThat(titles.get(0)).isEqualTo("Export the results of all 3 photos");
    assertThat(Files.readAllLines(csv).get(0)).isEqualTo(ResultCsv.HEADER);
    assertThat(app.services().settings().get("gallery.exportFolder", null)).isEqualTo(exports.toString());

    // annotated JPEGs: the folder dialog starts where the results went
    answerDialogs(null, jpegs.toFile());
    robot.clickOn("#export");
    robot.clickOn("Annotated images, JPEG (small)…");
    waitUntil("three JPEGs", 60, () -> app.services().status().messageProperty().get().startsWith("Saved 3"));
    assertThat(startedIn.get(1)).isEqualTo(exports.toFile());
    assertThat(titles.get(1)).isEqualTo("Save annotated images of all 3 photos into…");
    assertThat(app.services().settings().get("gallery.exportFolder", null)).isEqualTo(jpegs.toString());

    // the same as PNG, with Ctrl+E and a selection in between: the results dialog says it covers the selection
    answerDialogs(null, pngs.toFile());
    robot.clickOn("#export");
    robot.clickOn("Annotated images, PNG (full quality)…");
    waitUntil("three PNGs", 60, () -> {
      try {
        return filesIn(pngs).size() == 3 && app.services().status().messageProperty().get()
            .equals("Saved 3 annotated images to png");
      } catch (Exception e) {
        return false;
      }
    });
    assertThat(startedIn.get(2)).isEqualTo(jpegs.toFile());
    fxRun(() -> gallery.select(gallery.items().get(1), false, false));
    answerDialogs(null, null); // cancelled: nothing written, nothing remembered
    robot.push(new KeyCodeCombination(KeyCode.E, KeyCombination.SHORTCUT_DOWN));
    waitUntil("the save dialog asked", 10, () -> titles.size() == 4);
    assertThat(titles.get(3)).isEqualTo("Export the results of the selected photo");
    assertThat(startedIn.get(3)).isEqualTo(pngs.toFile());

    List<Path> jpegFiles = filesIn(jpegs);
    List<Path> pngFiles = filesIn(pngs);
    assertThat(jpegFiles).extracting(p -> p.getFileName().toString())
        .containsExactly("sample1.annotated.jpg", "sample2.annotated.jpg", "sample3.annotated.jpg");
    assertThat(pngFiles).extracting(p -> p.getFileName().toString())
        .containsExactly("sample1.annotated.png", "sample2.annotated.png", "sample3.annotated.png");
    for (int i = 0; i < 3; i++) {
      byte[] head = Arrays.copyOf(Files.readAllBytes(jpegFiles.get(i)), 3);
      assertThat(head).as("a JPEG's first bytes").containsExactly(0xFF, 0xD8, 0xFF);
      BufferedImage jpeg = ImageIO.read(jpegFiles.get(i).toFile());
      BufferedImage png = ImageIO.read(pngFiles.get(i).toFile());
      assertThat(jpeg.getWidth()).isEqualTo(results.get(i).width()).isEqualTo(png.getWidth());
      assertThat(jpeg.getHeight()).isEqualTo(png.getHeight());
      // the boxes are drawn in the JPEG too: it looks like the PNG, pixel for pixel within JPEG's loss
      assertThat(meanDifference(jpeg, png)).as("mean difference from the PNG, 0..255").isLessThan(4);
      assertThat(Files.size(jpegFiles.get(i))).as("%s against its PNG", jpegFiles.get(i).getFileName())
          .isLessThan(Files.size(pngFiles.get(i)) / 4); // about a tenth on the samples
    }
  }

  private static double meanDifference(BufferedImage a, BufferedImage b) {
    long sum = 0;
    long n = 0;
    for (int y = 0; y < a.getHeight(); y += 3) {
      for (int x = 0; x < a.getWidth(); x += 3) {
        int pa = a.getRGB(x, y);
        int pb = b.getRGB(x, y);
        for (int shift = 0; shift < 24; shift += 8) {
          sum += Math.abs(((pa >> shift) & 0xFF) - ((pb >> shift) & 0xFF));
          n++;
        }
      }
    }
    return (double) sum / n;
  }
}
