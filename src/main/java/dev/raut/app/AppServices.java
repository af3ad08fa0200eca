package dev.raut.app;

import dev.raut.core.analysis.AnalysisRequest;
import dev.raut.core.analysis.AnalysisService;
import dev.raut.core.analysis.Analyzer;
import dev.raut.core.analysis.Engine;
import dev.raut.core.classify.ClassifierLibrary;
import dev.raut.core.teach.EmbeddingCache;
import dev.raut.core.text.Messages;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import javafx.application.Platform;

/**
 * What the app's presenters share: the engine (opened in the background so the window shows at
 * once), the executors that keep work off the FX thread, settings, the classifier library and the
 * status bar's model. Views never see this; presenters do.
 */
public final class AppServices implements AutoCloseable {
  /** Images analysed at once; each model call uses one ONNX Runtime thread. */
  public static final int ANALYSIS_THREADS = 2;

  private final AppSettings settings;
  private final ClassifierLibrary classifiers;
  private final EmbeddingCache embeddings;
  private final StatusModel status = new StatusModel();
  private final EmotionModels emotionModels;
  /** The app's analysis: the engine and the only threads that analyse photos on it. */
  private final AnalysisService analysis;
  private final ExecutorService pagesLane;
  private final ExecutorService teachLane;
  private final ExecutorService trialLane;
  private final ExecutorService ioPool = Executors.newFixedThreadPool(2, daemon("raut-io"));
  /** The engine's state as a text key and its arguments, so the status bar can show it again in another language. */
  private String engineKey = "app.status.starting";
  private Object[] engineArgs = {};

  public AppServices(AppSettings settings, ClassifierLibrary classifiers, Supplier<Engine> engineFactory) {
    this(settings, classifiers, EmbeddingCache.defaultCache(), engineFactory);
  }

  /** With the teach page's embedding cache in a folder of the caller's (tests). */
  public AppServices(AppSettings settings, ClassifierLibrary classifiers, EmbeddingCache embeddings,
      Supplier<Engine> engineFactory) {
    this.settings = settings;
    this.classifiers = classifiers;
    this.embeddings = embeddings;
    this.emotionModels = new EmotionModels(settings);
    this.analysis = AnalysisService.opening(engineFactory, ANALYSIS_THREADS);
    this.pagesLane = analysis.lane("pages");
    this.teachLane = analysis.lane("teach");
    this.trialLane = analysis.lane("trials");
  }

  public static AppServices forUser() {
    return new AppServices(AppSettings.forUser(), ClassifierLibrary.defaultLibrary(), Engine::openDefault);
  }

  public AppSettings settings() {
    return settings;
  }

  public ClassifierLibrary classifiers() {
    return classifiers;
  }

  /** The user's data folder (the classifier library's parent): imported models, the People page's file. */
  public java.nio.file.Path dataFolder() {
    return classifiers.root().toAbsolutePath().getParent();
  }

  /** Which model reads the faces' emotions in the gallery and Live (built-in or the user's); FX thread. */
  public EmotionModels emotionModels() {
    return emotionModels;
  }

  /** Where the Teach page keeps each photo's embedding, by content hash, so a second run starts at once. */
  public EmbeddingCache embeddings() {
    return embeddings;
  }

  public StatusModel status() {
    return status;
  }

  /** The app's analysis service: evaluation runs batches on it. */
  public AnalysisService analysis() {
    return analysis;
  }

  /**
   * Runs the pages' image analysis (the gallery's photos, the People page's): their lane on the
   * analysis service's {@link #ANALYSIS_THREADS} threads, taking turns with evaluation and the local server.
   */
  public ExecutorService analysisPool() {
    return pagesLane;
  }

  /** Where Teach embeds its photos: its own lane on the same threads. */
  public ExecutorService teachLane() {
    return teachLane;
  }

  /** Where the Models page tries a model on a photo before importing it: a lane of its own, so it need not wait for the gallery. */
  public ExecutorService trialLane() {
    return trialLane;
  }

  /** Runs file work: thumbnails, folder walks, exports, model imports. */
  public ExecutorService ioPool() {
    return ioPool;
  }

  /** The analyser, once the engine (OpenCV, ONNX Runtime) is up; join it only off the FX thread. */
  public CompletableFuture<Analyzer> analyzer() {
    return analysis.analyzer();
  }

  /**
   * The model store the engine reads (pages that show or use models must read the same one); the
   * default store when the engine could not start, which is where it would have read. Join off the FX thread.
   */
  public CompletableFuture<dev.raut.core.model.ModelStore> modelStore() {
    return analyzer().handle((a, failed) -> a != null ? a.engine().store() : dev.raut.core.model.ModelStore.defaultStore());
  }

  /** Loads the models a request needs in the background and shows the state in the status bar. */
  public void warmUp(AnalysisRequest request) {
    engineState("app.status.loading");
    analyzer().thenAcceptAsync(a -> a.engine().warmUp(request), analysisPool()).whenComplete((ok, error) ->
        Platform.runLater(() -> {
          if (error == null) {
            engineState("app.status.ready");
          } else {
            engineState("app.status.failed", rootMessage(error));
          }
        }));
  }

  /** FX thread. */
  private void engineState(String key, Object... args) {
    engineKey = key;
    engineArgs = args;
    status.setEngineState(Messages.text(key, args));
  }

  /** Shows the engine's state again in the current language (after the user chose another). FX thread. */
  public void relabel() {
    status.setEngineState(Messages.text(engineKey, engineArgs));
  }

  public static String rootMessage(Throwable error) {
    Throwable t = error;
    while (t.getCause() != null && (t.getMessage() == null || t instanceof java.util.concurrent.CompletionException)) {
      t = t.getCause();
    }
    return t.getMessage() != null ? t.getMessage() : t.getClass().getSimpleName();
  }

  /**
   * Stops the file pool, then the analysis service: it drops the work not started, waits for the
   * work under way and closes the engine, which waits for every image in flight on any page's
   * thread (an ONNX session must not close under a running model).
   */
  @Override
  public void close() {
    ioPool.shutdownNow();
    analysis.close();
  }

  private static java.util.concurrent.ThreadFactory daemon(String name) {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, name + "-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }
}
