package dev.raut.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.raut.core.analysis.Engine;
import dev.raut.core.classify.ClassifierLibrary;
import dev.raut.core.model.ModelCatalog;
import dev.raut.core.model.ModelStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.prefs.BackingStoreException;
import java.util.prefs.Preferences;
import java.util.stream.IntStream;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Builds the real main window for UI tests, with the real engine and models, its own settings
 * node and classifier folder, and helpers to read FX state from the test thread.
 */
public final class AppTestSupport implements AutoCloseable {
  private final Preferences prefs = Preferences.userRoot().node("dev/raut/test/" + UUID.randomUUID());
  private final AppServices services;
  private final MainWindow window;

  public AppTestSupport(Stage stage, Path dataFolder) {
    this(stage, dataFolder, Engine::openDefault);
  }

  public AppTestSupport(Stage stage, Path dataFolder, java.util.function.Supplier<Engine> engine) {
    services = new AppServices(new AppSettings(prefs), new ClassifierLibrary(dataFolder.resolve("classifiers")), engine);
    window = new MainWindow(services, () -> {});
    Scene scene = new Scene(window.root(), 1280, 820);
    RautApp.install(scene, window);
    stage.setScene(scene);
    stage.setTitle("Raut");
    stage.show();
  }

  public MainWindow window() {
    return window;
  }

  public AppServices services() {
    return services;
  }

  /** The six sample photos (22 faces), fetched by the build into the model cache. */
  public static List<Path> samplePhotos() {
    Path dir = ModelStore.defaultStore().samplesDir(ModelCatalog.defaults().samples().id());
    List<Path> photos = IntStream.rangeClosed(1, 6).mapToObj(i -> dir.resolve("sample" + i + ".jpg")).toList();
    photos.forEach(p -> assertThat(p).as("sample photo (run the build once: it fetches them)").isRegularFile());
    return photos;
  }

  /** Runs {@code call} on the FX thread and returns its value. */
  public static <T> T fx(Callable<T> call) {
    try {
      return WaitForAsyncUtils.asyncFx(call).get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException("FX call failed", e);
    }
  }

  public static void fxRun(Runnable run) {
    fx(() -> {
      run.run();
      return null;
    });
  }

  /** Polls {@code condition} on the FX thread until it holds. */
  public static void waitUntil(String what, int seconds, Callable<Boolean> condition) {
    try {
      WaitForAsyncUtils.waitFor(seconds, TimeUnit.SECONDS, () -> fx(condition));
    } catch (TimeoutException e) {
      throw new AssertionError("Timed out after " + seconds + " s waiting for: " + what);
    }
  }

  /**
   * Whether a label or button shows less than its text ("P…"): the skin's text node holds what is
   * drawn, clipped with an ellipsis when the control is too small. Call on the FX thread, after layout.
   */
  public static boolean textCut(javafx.scene.control.Labeled labeled) {
    if (labeled.getContentDisplay() == javafx.scene.control.ContentDisplay.GRAPHIC_ONLY) {
      return false; // shows its icon on purpose, its words in the tooltip
    }
    javafx.scene.text.Text drawn = (javafx.scene.text.Text) labeled.lookup(".text");
    assertThat(drawn).as("the drawn text of %s", labeled).isNotNull();
    return !drawn.getText().equals(labeled.getText());
  }

  /**
   * Every shown label, button and check box with text under {@code node} (list cells too when
   * {@code withListCells}). Call on the FX thread.
   */
  public static java.util.List<javafx.scene.control.Labeled> shownLabeled(javafx.scene.Node node, boolean withListCells) {
    java.util.List<javafx.scene.control.Labeled> found = new java.util.ArrayList<>();
    collectLabeled(node, withListCells, found);
    return found;
  }

  private static void collectLabeled(javafx.scene.Node node, boolean withListCells,
      java.util.List<javafx.scene.control.Labeled> found) {
    if (!node.isVisible()) {
      return;
    }
    if (node instanceof javafx.scene.control.Labeled l && l.getText() != null && !l.getText().isEmpty()
        && (withListCells || !(l instanceof javafx.scene.control.ListCell))) {
      found.add(l);
    }
    if (node instanceof javafx.scene.Parent p) {
      for (javafx.scene.Node child : p.getChildrenUnmodifiable()) {
        collectLabeled(child, withListCells, found);
      }
    }
  }

  /** The texts under {@code page} drawn shorter than they are ("'Pause' drawn as 'P…'"), after CSS and layout; on the FX thread. */
  public static java.util.List<String> cutTexts(javafx.scene.Node page, boolean withListCells) {
    page.getScene().getRoot().applyCss();
    page.getScene().getRoot().layout();
    java.util.List<String> texts = new java.util.ArrayList<>();
    for (javafx.scene.control.Labeled labeled : shownLabeled(page, withListCells)) {
      if (textCut(labeled)) {
        texts.add("'" + labeled.getText() + "' drawn as '" + ((javafx.scene.text.Text) labeled.lookup(".text")).getText()
            + "'");
      }
    }
    return texts;
  }

  /**
   * The controls under {@code page} that reach past the window's right edge (a row wider than the
   * window is not cut, it runs off the screen), after CSS and layout; on the FX thread.
   */
  public static java.util.List<String> pastTheRightEdge(javafx.scene.Node page) {
    page.getScene().getRoot().applyCss();
    page.getScene().getRoot().layout();
    double width = page.getScene().getWidth();
    java.util.List<String> past = new java.util.ArrayList<>();
    collectPast(page, width, past);
    return past;
  }

  private static void collectPast(javafx.scene.Node node, double width, java.util.List<String> past) {
    if (!node.isVisible()) {
      return;
    }
    if (node instanceof javafx.scene.control.Control control && !(node instanceof javafx.scene.control.ListCell)
        && !(node instanceof javafx.scene.control.ScrollBar)) {
      javafx.geometry.Bounds b = control.localToScene(control.getLayoutBounds());
      if (b.getWidth() > 0 && b.getMaxX() > width + 0.5) {
        String text = control instanceof javafx.scene.control.Labeled l ? l.getText() : control.getId();
        past.add(control.getClass().getSimpleName() + " '" + text + "' ends at x = " + Math.round(b.getMaxX())
            + " in a " + Math.round(width) + " px window");
        return;
      }
    }
    if (node instanceof javafx.scene.Parent p) {
      for (javafx.scene.Node child : p.getChildrenUnmodifiable()) {
        collectPast(child, width, past);
      }
    }
  }

  public static Path copy(Path source, Path folder, String name) throws java.io.IOException {
    return Files.copy(source, folder.resolve(name));
  }

  /** A JPEG copy of {@code source} at three quarters of its size: the same people, other pixels. */
  public static Path smallerCopy(Path source, Path folder, String name) throws java.io.IOException {
    java.awt.image.BufferedImage full = javax.imageio.ImageIO.read(source.toFile());
    java.awt.image.BufferedImage small = new java.awt.image.BufferedImage(full.getWidth() * 3 / 4,
        full.getHeight() * 3 / 4, java.awt.image.BufferedImage.TYPE_INT_RGB);
    java.awt.Graphics2D g = small.createGraphics();
    g.setRenderingHint(java.awt.RenderingHints.KEY_INTERPOLATION, java.awt.RenderingHints.VALUE_INTERPOLATION_BILINEAR);
    g.drawImage(full, 0, 0, small.getWidth(), small.getHeight(), null);
    g.dispose();
    Path copy = folder.resolve(name);
    javax.imageio.ImageIO.write(small, "jpg", copy.toFile());
    return copy;
  }

  @Override
  public void close() throws BackingStoreException {
    // on the FX thread, as the app's stop() shuts the window down: closing settles the pages' state
    fxRun(window::close);
    services.close();
    prefs.removeNode();
  }
}
