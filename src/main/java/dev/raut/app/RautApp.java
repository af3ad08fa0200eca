package dev.raut.app;

import dev.raut.app.gallery.GalleryItem;
import dev.raut.app.gallery.GalleryView;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.List;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.collections.ListChangeListener;
import javafx.geometry.Rectangle2D;
import javafx.scene.Scene;
import javafx.stage.Screen;
import javafx.stage.Stage;

/**
 * The desktop app. The window comes first; the engine (OpenCV, ONNX Runtime, models) starts in the
 * background and the status bar shows when it is ready. Arguments are photos or folders to open.
 */
public final class RautApp extends Application {
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(RautApp.class);
  /** {@code -Draut.timing=true} prints launch-to-window and launch-to-first-result times to stderr. */
  static final String TIMING_PROPERTY = "raut.timing";
  private static final double MIN_WIDTH = 900;
  private static final double MIN_HEIGHT = 600;

  private AppServices services;
  private MainWindow window;
  private Stage stage;
  private boolean systemDark;
  private Theme theme;
  private boolean firstResultReported;

  public static void launchApp(String[] args) {
    Application.launch(RautApp.class, args);
  }

  /** Runs on the launcher thread, before the window: asking the OS for dark mode may start a process. */
  @Override
  public void init() {
    systemDark = Theme.osPrefersDark();
  }

  @Override
  public void start(Stage primaryStage) {
    if (Boolean.getBoolean(TIMING_PROPERTY)) {
      LOG.info("raut timing: JavaFX started {} ms after launch", sinceLaunch());
    }
    this.stage = primaryStage;
    services = AppServices.forUser();
    theme = Theme.parse(services.settings().get("theme", Theme.SYSTEM.name()));
    theme.apply(systemDark);
    window = new MainWindow(services, this::nextTheme, url -> getHostServices().showDocument(url));
    Scene scene = new Scene(window.root(), 1280, 820);
    install(scene, window);
    stage.setTitle("Raut"); // not user text: the name
    stage.setScene(scene);
    stage.setMinWidth(MIN_WIDTH);
    stage.setMinHeight(MIN_HEIGHT);
    restoreGeometry();
    stage.show();
    services.warmUp(window.gallery().request());
    if (Boolean.getBoolean(TIMING_PROPERTY)) {
      reportTimings();
    }
    List<Path> open = getParameters().getRaw().stream().map(Path::of).toList();
    if (!open.isEmpty()) {
      window.show(MainWindow.GALLERY);
      window.gallery().addPaths(open);
    }
  }

  /**
   * The stylesheet and keyboard shortcuts of a scene showing the main window (the UI tests use it
   * too). Each shortcut asks the window for the page's view when pressed: a change of language
   * builds the views anew.
   */
  public static void install(Scene scene, MainWindow window) {
    scene.getStylesheets().add(RautApp.class.getResource("raut.css").toExternalForm());
    scene.getAccelerators().put(GalleryView.ADD_PHOTOS, () -> {
      window.show(MainWindow.GALLERY);
      window.galleryView().choosePhotos();
    });
    scene.getAccelerators().put(GalleryView.ADD_FOLDER, () -> {
      window.show(MainWindow.GALLERY);
      window.galleryView().chooseFolder();
    });
    scene.getAccelerators().put(GalleryView.EXPORT, () -> {
      window.show(MainWindow.GALLERY);
      window.galleryView().exportResults();
    });
    scene.getAccelerators().put(dev.raut.app.models.ModelsView.IMPORT, () -> {
      window.show(MainWindow.MODELS);
      window.modelsView().openImport(null);
    });
    scene.getAccelerators().put(dev.raut.app.teach.TeachView.SHOW, () -> window.show(MainWindow.TEACH));
    scene.getAccelerators().put(GalleryView.PASTE, () -> {
      // text fields keep their own paste
      GalleryView gallery = window.galleryView();
      if (!(scene.getFocusOwner() instanceof javafx.scene.control.TextInputControl) && gallery.getScene() == scene) {
        gallery.paste();
      }
    });
    scene.getAccelerators().put(GalleryView.UNDO, () -> {
      // text fields keep their own undo; elsewhere on the gallery page, Ctrl+Z brings back the photos removed last
      GalleryView gallery = window.galleryView();
      if (!(scene.getFocusOwner() instanceof javafx.scene.control.TextInputControl) && gallery.getScene() == scene) {
        gallery.presenter().undoRemove();
      }
    });
  }

  private void nextTheme() {
    theme = Theme.values()[(theme.ordinal() + 1) % Theme.values().length];
    theme.apply(systemDark);
    services.settings().put("theme", theme.name());
    services.status().setMessage(dev.raut.core.text.Messages.text("app.theme.changed", theme.label()));
  }

  private void restoreGeometry() {
    AppSettings s = services.settings();
    double w = s.getDouble("window.width", 1280);
    double h = s.getDouble("window.height", 820);
    double x = s.getDouble("window.x", Double.NaN);
    double y = s.getDouble("window.y", Double.NaN);
    stage.setWidth(Math.max(MIN_WIDTH, w));
    stage.setHeight(Math.max(MIN_HEIGHT, h));
    // only where the window would still be on a screen (a monitor may have gone)
    if (!Double.isNaN(x) && !Screen.getScreensForRectangle(new Rectangle2D(x, y, 100, 100)).isEmpty()) {
      stage.setX(x);
      stage.setY(y);
    }
    stage.setMaximized(s.getBoolean("window.maximized", false));
  }

  private void saveGeometry() {
    AppSettings s = services.settings();
    s.putBoolean("window.maximized", stage.isMaximized());
    if (!stage.isMaximized() && !stage.isIconified()) {
      s.putDouble("window.x", stage.getX());
      s.putDouble("window.y", stage.getY());
      s.putDouble("window.width", stage.getWidth());
      s.putDouble("window.height", stage.getHeight());
    }
  }

  private static long sinceLaunch() {
    return System.currentTimeMillis() - ManagementFactory.getRuntimeMXBean().getStartTime();
  }

  private void reportTimings() {
    Platform.runLater(() -> LOG.info("raut timing: window shown {} ms after launch", sinceLaunch()));
    window.gallery().items().addListener((ListChangeListener<GalleryItem>) change -> {
      while (change.next()) {
        for (GalleryItem item : change.getAddedSubList()) {
          item.stateProperty().addListener((obs, old, now) -> {
            if (now == GalleryItem.State.DONE && !firstResultReported) {
              firstResultReported = true;
              LOG.info("raut timing: first analysed card {} ms after launch", sinceLaunch());
            }
          });
        }
      }
    });
  }

  @Override
  public void stop() {
    if (stage != null && services != null) {
      saveGeometry();
      services.settings().flush();
      // the engine closes only once Live has stopped: never under a frame still inside a model
      window.shutDown().whenComplete((stopped, failure) -> services.close());
    }
  }
}
