package dev.raut.app.teach;

import com.sun.javafx.scene.input.DragboardHelper;
import com.sun.javafx.tk.Toolkit;
import dev.raut.app.AppServices;
import dev.raut.app.AppTestSupport;
import dev.raut.app.AppSettings;
import dev.raut.app.MainWindow;
import dev.raut.app.RautApp;
import dev.raut.core.analysis.Engine;
import dev.raut.core.classify.ClassifierLibrary;
import dev.raut.core.teach.EmbeddingCache;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.prefs.BackingStoreException;
import java.util.prefs.Preferences;
import javafx.event.Event;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.input.DataFormat;
import javafx.scene.input.DragEvent;
import javafx.scene.input.Dragboard;
import javafx.scene.input.TransferMode;
import javafx.stage.Stage;

/**
 * The real main window for the Teach page's tests, with its own settings node, model library and
 * embedding cache in the test's folder (so each run really embeds, and nothing reaches the user's
 * library); the real backbones from the model cache. Also makes the photos the tests teach on.
 */
final class TeachTestSupport implements AutoCloseable {
  static final List<String> KINDS = List.of("checkers", "stripes", "warm");

  private final Preferences prefs = Preferences.userRoot().node("dev/raut/test/" + UUID.randomUUID());
  private final AppServices services;
  private final MainWindow window;

  TeachTestSupport(Stage stage, Path folder) {
    services = new AppServices(new AppSettings(prefs), new ClassifierLibrary(folder.resolve("classifiers")),
        new EmbeddingCache(folder.resolve("embeddings")), Engine::openDefault);
    window = new MainWindow(services, () -> {});
    Scene scene = new Scene(window.root(), 1280, 820);
    RautApp.install(scene, window);
    stage.setScene(scene);
    stage.show();
  }

  MainWindow window() {
    return window;
  }

  AppServices services() {
    return services;
  }

  /**
   * {@code perClass} photos of each of three kinds that look different (warm noise, blue stripes,
   * green checkers), of varied sizes, as the core's TeacherTest makes them; one folder per kind.
   */
  static Path makeDataset(Path dir, List<String> kinds, int perClass, long seed) throws IOException {
    return dev.raut.testing.GeneratedPhotos.write(dir, kinds, perClass, seed);
  }

  static boolean drop(Node target, List<Path> files) {
    Dragboard board = DragboardHelper.createDragboard(Toolkit.getToolkit().createLocalClipboard());
    board.setContent(Map.of(DataFormat.FILES, files.stream().map(Path::toFile).toList()));
    DragEvent drop = new DragEvent(DragEvent.DRAG_DROPPED, board, 300, 300, 300, 300, TransferMode.COPY, null, target,
        null);
    Event.fireEvent(target, drop);
    return drop.isDropCompleted();
  }

  static List<File> files(Path... paths) {
    return java.util.Arrays.stream(paths).map(Path::toFile).toList();
  }

  @Override
  public void close() throws BackingStoreException {
    // on the FX thread, as the app's stop() shuts the window down
    AppTestSupport.fxRun(window::close);
    services.close();
    prefs.removeNode();
  }
}
