package dev.raut.app;

import dev.raut.app.evaluate.EvaluatePresenter;
import dev.raut.app.evaluate.TaskChoice;
import dev.raut.app.gallery.GalleryPresenter;
import dev.raut.app.serve.LocalServerPresenter;
import dev.raut.core.analysis.DetectorChoice;
import dev.raut.core.analysis.Engine;
import dev.raut.core.classify.ClassifierLibrary;
import dev.raut.core.model.ModelCatalog;
import dev.raut.core.model.ModelStore;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.prefs.Preferences;
import java.util.stream.IntStream;
import javafx.animation.AnimationTimer;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.ListView;
import javafx.scene.control.ScrollBar;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javafx.stage.Stage;
import javax.imageio.ImageIO;

/**
 * Screenshots and performance figures of the real main window, on a real display (run it under
 * Xvfb: {@code scripts/app-harness.sh}). Not a test: it measures, prints and writes files.
 * <ul>
 *   <li>{@code screenshots DIR}: the gallery analysing the six sample photos (age & gender and landmarks asked),
 *       the detail view, the Models page, the People page (with smaller copies of three samples), the
 *       Evaluate page, the Live page on a video of the samples and the Teach page after teaching three
 *       generated kinds of photo (gallery.png, detail.png, models.png, evaluate.png, live.png, people.png,
 *       teach.png), each at 1600 × 1000 in DIR and at 1000 × 700 in DIR/1000x700;</li>
 *   <li>in the language of {@code RAUT_LANG} (or the system's): the settings are a new, empty node each run, so no
 *       language chosen before applies ({@code RAUT_LANG=id} gives the Indonesian screenshots);</li>
 *   <li>{@code measure N}: N cards (the samples repeated), memory once they are analysed, and the
 *       frame rate while scrolling through them.</li>
 * </ul>
 */
public final class AppHarness {
  private static String[] arguments;

  private AppHarness() {}

  /** A plain main class: one that extends Application fails from the classpath. */
  public static void main(String[] args) {
    arguments = args;
    Application.launch(HarnessApp.class, args);
  }

  /** The window and the script that drives it. */
  public static final class HarnessApp extends Application {
    private AppServices services;
    private MainWindow window;
    private Stage stage;
    private final Path temp = createTemp();

    @Override
    public void start(Stage primaryStage) {
      stage = primaryStage;
      Theme.LIGHT.apply(false);
      Preferences prefs = Preferences.userRoot().node("dev/raut/harness/" + UUID.randomUUID());
      ClassifierLibrary library = new ClassifierLibrary(temp.resolve("classifiers"));
      importExamples(library);
      services = new AppServices(new AppSettings(prefs), library,
          new dev.raut.core.teach.EmbeddingCache(temp.resolve("embeddings")), Engine::openDefault);
      window = new MainWindow(services, () -> {});
      System.out.println("language: " + dev.raut.core.text.Messages.language().nativeName());
      Scene scene = new Scene(window.root(), BIG[0], BIG[1]);
      RautApp.install(scene, window);
      stage.setScene(scene);
      stage.setTitle("Raut");
      stage.show();
      window.show("Gallery");
      services.warmUp(window.gallery().request());
      Thread script = new Thread(() -> {
        try {
          if (arguments[0].equals("screenshots")) {
            screenshots(Path.of(arguments[1]));
          } else {
            measure(Integer.parseInt(arguments[1]));
          }
        } catch (Exception e) {
          e.printStackTrace();
        } finally {
          Platform.exit();
        }
      }, "harness");
      script.setDaemon(true);
      script.start();
    }

    /** A user's face model (the real Keras 2.0.5 file) and a Teachable Machine export, for the Models page. */
    public static void importExamples(ClassifierLibrary library) {
      Path keras = Path.of("src/test/resources/dev/raut/core/convert/keras-real/fer2013-mini-xception/"
          + "fer2013_mini_XCEPTION.102-0.66.hdf5");
      Path teachable = Path.of("src/test/resources/dev/raut/core/convert/keras/tm_tfjs_f32/tm_model.zip");
      try (dev.raut.core.classify.PreparedImport fer = dev.raut.core.classify.ModelImport.prepare(keras);
          dev.raut.core.classify.PreparedImport tm = dev.raut.core.classify.ModelImport.prepare(teachable)) {
        library.importPrepared("Emotion (oarriaga mini-Xception)", fer, fer.spec().withNormalization(
            dev.raut.core.classify.ClassifierSpec.Normalization.MINUS_ONE_ONE), dev.raut.core.classify.ClassifierScope.FACE);
        library.importPrepared("Alpha beta gamma (Teachable Machine)", tm, tm.spec(),
            dev.raut.core.classify.ClassifierScope.IMAGE);
      }
    }

    private void screenshots(Path dir) throws Exception {
      Files.createDirectories(dir);
      GalleryPresenter gallery = window.gallery();
      onFx(() -> {
        gallery.ageGenderProperty().set(true);
        gallery.landmarksProperty().set(true);
        gallery.addPaths(samples());
      });
      waitFor(() -> gallery.items().size() == 6 && !gallery.runningProperty().get(), 120);
      Thread.sleep(1500); // thumbnails
      shoot(dir, "gallery.png");
      onFx(() -> gallery.openDetail(gallery.items().get(1)));
      Thread.sleep(2500); // the large image
      shoot(dir, "detail.png");
      onFx(() -> {
        gallery.closeDetail();
        window.show("Models");
      });
      Thread.sleep(1500); // the cache state is read in the background
      shoot(dir, "models.png");
      screenshotEvaluate(dir);
      screenshotLive(dir);
      screenshotPeople(dir);
      screenshotTeach(dir);
    }

    /** The Teach page after teaching three kinds of generated photo (checkers, stripes, warm noise). */
    private void screenshotTeach(Path dir) throws Exception {
      Path data = dev.raut.testing.GeneratedPhotos.write(createTemp().resolve("patterns"),
          List.of("checkers", "stripes", "warm"), 40, 42);
      dev.raut.app.teach.TeachPresenter teach = window.teach();
      onFx(() -> {
        window.show("Teach");
        teach.setDataset(data);
      });
      waitFor(() -> teach.dataProperty().get() != null && !teach.readingProperty().get(), 120);
      onFx(teach::start);
      waitFor(() -> teach.resultProperty().get() != null && !teach.runningProperty().get(), 600);
      Thread.sleep(1500); // thumbnails and curves
      shoot(dir, "teach.png");
    }

    /** The window's two sizes: the one the README shows and the smallest the pages are made to fit. */
    private static final int[] BIG = {1600, 1000};
    private static final int[] SMALL = {1000, 700};

    /** {@code name} at both sizes: DIR/name at 1600 × 1000 and DIR/1000x700/name, back at the big size after. */
    private void shoot(Path dir, String name) throws Exception {
      snapshot(dir.resolve(name));
      resize(SMALL);
      snapshot(Files.createDirectories(dir.resolve(SMALL[0] + "x" + SMALL[1])).resolve(name));
      resize(BIG);
    }

    private void resize(int[] size) throws Exception {
      onFx(() -> {
        stage.setWidth(size[0]);
        stage.setHeight(size[1]);
      });
      Thread.sleep(800); // layout, and thumbnails sized for the new cards
    }

    /** The People page on the samples and a smaller copy of three of them (the same people twice), one person named. */
    private void screenshotPeople(Path dir) throws Exception {
      GalleryPresenter gallery = window.gallery();
      Path copies = Files.createDirectories(createTemp().resolve("copies"));
      List<Path> more = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        more.add(AppTestSupport.smallerCopy(samples().get(i), copies, "sample" + (i + 1) + "-small.jpg"));
      }
      onFx(() -> gallery.addPaths(more));
      waitFor(() -> gallery.items().size() == 9 && !gallery.runningProperty().get(), 120);
      dev.raut.app.people.PeoplePresenter people = window.people();
      onFx(() -> window.show("People"));
      waitFor(() -> people.loadedProperty().get() && !people.runningProperty().get() && !people.people().isEmpty(), 180);
      onFx(() -> people.rename(people.people().get(0), "Ana"));
      // the face crops are cut from the photos in the background
      waitFor(() -> stage.getScene().getRoot().lookupAll(".person-face").stream().allMatch(tile ->
          ((javafx.scene.image.ImageView) ((javafx.scene.layout.VBox) tile).getChildren().get(0)).getImage() != null), 60);
      Thread.sleep(500);
      shoot(dir, "people.png");
    }

    /** The Live page playing a video made of the sample photos, with its overlays and HUD. */
    private void screenshotLive(Path dir) throws Exception {
      Path avi = createTemp().resolve("samples.avi");
      List<org.opencv.core.Mat> frames = dev.raut.core.camera.LiveFixtures.sampleFrames(960, 640);
      dev.raut.core.camera.LiveFixtures.writeMjpegAvi(avi, dev.raut.core.camera.LiveFixtures.shots(frames, 40), 240, 12);
      dev.raut.core.camera.LiveFixtures.release(frames);
      onFx(() -> window.show("Live"));
      waitFor(() -> window.live().view().isPresent(), 60);
      onFx(() -> window.live().view().orElseThrow().presenter()
          .start(new dev.raut.core.camera.VideoFileSource(avi, true)));
      Thread.sleep(5000);
      shoot(dir, "live.png");
      onFx(() -> window.live().view().orElseThrow().presenter().stop());
    }

    /** The Evaluate page on a small demo set (the sample photos split into two emotion folders), serving on localhost. */
    private void screenshotEvaluate(Path dir) throws Exception {
      Path data = createTemp().resolve("demo-emotions");
      List<Path> photos = samples();
      for (int i = 0; i < photos.size(); i++) {
        Path folder = Files.createDirectories(data.resolve(i < 3 ? "happy" : "neutral"));
        Files.copy(photos.get(i), folder.resolve(photos.get(i).getFileName()));
      }
      EvaluatePresenter evaluate = window.evaluate();
      onFx(() -> {
        window.show("Evaluate");
        window.server().setServing(true);
        evaluate.setDataset(data);
        evaluate.taskProperty().set(TaskChoice.EMOTION);
        evaluate.detectorProperty().set(DetectorChoice.AUTO);
        evaluate.run();
      });
      waitFor(() -> evaluate.resultProperty().get() != null
          && window.server().stateProperty().get() != LocalServerPresenter.State.STARTING, 120);
      onFx(() -> {
        var labels = evaluate.resultProperty().get().report().labels();
        evaluate.showCell("happy", labels.contains("happy") ? "happy" : labels.get(0));
      });
      Thread.sleep(1500); // thumbnails
      shoot(dir, "evaluate.png");
    }

    private void measure(int count) throws Exception {
      GalleryPresenter gallery = window.gallery();
      Path dir = Files.createDirectories(temp.resolve("photos"));
      List<Path> samples = samples();
      List<Path> copies = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        copies.add(Files.createLink(dir.resolve(String.format(Locale.ROOT, "photo%05d.jpg", i)), samples.get(i % 6)));
      }
      long start = System.nanoTime();
      onFx(() -> gallery.addPaths(List.of(dir)));
      waitFor(() -> gallery.items().size() == count && !gallery.runningProperty().get(), 3600);
      double seconds = (System.nanoTime() - start) / 1e9;
      System.out.printf(Locale.ROOT, "analysed %d photos in %.1f s (%.1f photos/s)%n", count, seconds, count / seconds);
      for (int i = 0; i < 3; i++) {
        System.gc();
        Thread.sleep(300);
      }
      Runtime rt = Runtime.getRuntime();
      System.out.printf(Locale.ROOT, "with %d cards: Java heap used %.0f MB, process RSS %s%n", count,
          (rt.totalMemory() - rt.freeMemory()) / 1e6, rss());
      System.out.println("rendering pipeline: " + com.sun.prism.GraphicsPipeline.getPipeline().getClass().getSimpleName());
      scroll(8, 1);
      scroll(8, 10);
      scroll(8, 100);
      for (int i = 0; i < 3; i++) {
        System.gc();
        Thread.sleep(300);
      }
      System.out.printf(Locale.ROOT, "after scrolling through all cards: Java heap used %.0f MB, process RSS %s%n",
          (rt.totalMemory() - rt.freeMemory()) / 1e6, rss());
    }

    /**
     * Scrolls the grid for {@code seconds} at {@code rowsPerSecond} (1 is slow reading, mostly
     * repainting; about 10 is a mouse wheel held down; 100 a fast scroll-bar drag), bouncing at the
     * ends; counts pulses (frames), the longest gap, and the FX thread's CPU time per card refilled.
     */
    private void scroll(int seconds, double rowsPerSecond) throws InterruptedException {
      CountDownLatch done = new CountDownLatch(1);
      long[] frames = {0};
      long[] longestGap = {0};
      long[] layoutNanos = {0};
      long[] layoutStart = {0};
      long[] layoutCpu = {0};
      long[] cpuStart = {0};
      java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
      Runnable pre = () -> {
        layoutStart[0] = System.nanoTime();
        cpuStart[0] = threads.getCurrentThreadCpuTime();
      };
      Runnable post = () -> {
        layoutNanos[0] += System.nanoTime() - layoutStart[0];
        layoutCpu[0] += threads.getCurrentThreadCpuTime() - cpuStart[0];
      };
      long fxCpuBefore = fxCpu();
      onFx(() -> {
        stage.getScene().addPreLayoutPulseListener(pre);
        stage.getScene().addPostLayoutPulseListener(post);
        ListView<?> grid = (ListView<?>) stage.getScene().lookup(".gallery-grid");
        ScrollBar bar = (ScrollBar) grid.lookupAll(".scroll-bar").stream()
            .filter(n -> ((ScrollBar) n).getOrientation() == javafx.geometry.Orientation.VERTICAL).findFirst().orElseThrow();
        long begin = System.nanoTime();
        new AnimationTimer() {
          long last = begin;

          @Override
          public void handle(long now) {
            frames[0]++;
            longestGap[0] = Math.max(longestGap[0], now - last);
            last = now;
            double t = (now - begin) / 1e9;
            double rows = grid.getItems().size();
            double position = (t * rowsPerSecond / rows) % 2; // 0..1 down, 1..2 back up
            bar.setValue(bar.getMax() * (position < 1 ? position : 2 - position));
            if (t >= seconds) {
              stop();
              done.countDown();
            }
          }
        }.start();
      });
      done.await();
      onFx(() -> {
        stage.getScene().removePreLayoutPulseListener(pre);
        stage.getScene().removePostLayoutPulseListener(post);
      });
      long fxCpu = fxCpu() - fxCpuBefore;
      System.out.printf(Locale.ROOT, "scrolling %.0f rows/s: %.1f frames/s over %d s, longest frame gap %.0f ms;"
          + " per frame: CSS+layout (cells refilled) %.1f ms wall / %.1f ms CPU, FX thread CPU in all %.1f ms%n",
          rowsPerSecond, frames[0] / (double) seconds, seconds, longestGap[0] / 1e6, layoutNanos[0] / 1e6 / frames[0],
          layoutCpu[0] / 1e6 / frames[0], fxCpu / 1e6 / frames[0]);
      int columns = window.gallery().items().size() / Math.max(1, ((ListView<?>) stage.getScene().lookup(".gallery-grid"))
          .getItems().size());
      double cardsShown = rowsPerSecond * seconds * Math.max(1, columns);
      System.out.printf(Locale.ROOT, "  about %.0f cards scrolled into view: %.2f ms FX-thread CPU per card%n",
          cardsShown, fxCpu / 1e6 / cardsShown);
      System.out.printf(Locale.ROOT, "machine load average while measuring: %.1f on %d cores%n",
          java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
          Runtime.getRuntime().availableProcessors());
    }

    /** CPU time the FX thread has used so far, in ns. */
    private static long fxCpu() throws InterruptedException {
      long[] cpu = {0};
      onFx(() -> cpu[0] = java.lang.management.ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime());
      return cpu[0];
    }

    private static String rss() {
      try {
        return Files.readAllLines(Path.of("/proc/self/status")).stream().filter(l -> l.startsWith("VmRSS"))
            .map(l -> l.replaceAll("\\s+", " ").substring(7)).findFirst().orElse("?");
      } catch (IOException e) {
        return "?";
      }
    }

    private void snapshot(Path file) throws Exception {
      WritableImage[] image = new WritableImage[1];
      onFx(() -> image[0] = stage.getScene().snapshot(null));
      int w = (int) image[0].getWidth();
      int h = (int) image[0].getHeight();
      int[] argb = new int[w * h];
      image[0].getPixelReader().getPixels(0, 0, w, h, PixelFormat.getIntArgbInstance(), argb, 0, w);
      BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
      out.setRGB(0, 0, w, h, argb, 0, w);
      ImageIO.write(out, "png", file.toFile());
      System.out.println("wrote " + file + " (" + Files.size(file) / 1024 + " KB)");
    }

    private static List<Path> samples() {
      Path dir = ModelStore.defaultStore().samplesDir(ModelCatalog.defaults().samples().id());
      return IntStream.rangeClosed(1, 6).mapToObj(i -> dir.resolve("sample" + i + ".jpg")).toList();
    }

    private static void onFx(Runnable r) throws InterruptedException {
      CountDownLatch latch = new CountDownLatch(1);
      Platform.runLater(() -> {
        try {
          r.run();
        } finally {
          latch.countDown();
        }
      });
      latch.await(30, TimeUnit.SECONDS);
    }

    private static void waitFor(BooleanSupplier onFx, int seconds) throws InterruptedException {
      long end = System.nanoTime() + seconds * 1_000_000_000L;
      while (System.nanoTime() < end) {
        boolean[] ok = {false};
        onFx(() -> ok[0] = onFx.getAsBoolean());
        if (ok[0]) {
          return;
        }
        Thread.sleep(100);
      }
      throw new IllegalStateException("timed out");
    }

    private static Path createTemp() {
      try {
        return Files.createTempDirectory("raut-harness");
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    }


    @Override
    public void stop() {
      window.close();
      services.close();
    }
  }
}
