package dev.raut.app.live;

import dev.raut.app.AppServices;
import java.util.List;
import javafx.application.Platform;
import javafx.scene.control.Label;
import javafx.scene.layout.StackPane;

/**
 * The Live page in the main window: the {@link LiveView} once the shared engine is up (it opens in
 * the background with the window), a short notice until then, the reason if it cannot open.
 */
public final class LivePage extends StackPane {
  private LiveView view;
  private boolean closed;
  private java.util.List<dev.raut.core.classify.ClassifierLibrary.Entry> classifiers = java.util.List.of();

  public LivePage(AppServices services) {
    Label waiting = new Label("Loading the models…");
    getChildren().setAll(waiting);
    services.analyzer().whenComplete((analyzer, error) -> Platform.runLater(() -> {
      if (closed) {
        return;
      }
      if (error != null) {
        waiting.setText("The live view needs the models: " + AppServices.rootMessage(error));
        return;
      }
      view = new LiveView(analyzer.engine(), services.emotionModels());
      view.setClassifiers(classifiers);
      getChildren().setAll(view);
    }));
  }

  /** The library's classifiers for the analysis list (kept until the view is up). FX thread. */
  public void setClassifiers(java.util.List<dev.raut.core.classify.ClassifierLibrary.Entry> entries) {
    classifiers = List.copyOf(entries);
    if (view != null) {
      view.setClassifiers(classifiers);
    }
  }

  /** The view, once the engine is up. */
  public java.util.Optional<LiveView> view() {
    return java.util.Optional.ofNullable(view);
  }

  /** Stops the source and releases the camera; on app exit, before the engine closes. */
  public void close() {
    closeLater();
  }

  /** As {@link #close()}; completes once the pipeline has stopped (at once when Live never started). */
  public java.util.concurrent.CompletableFuture<Void> closeLater() {
    closed = true;
    return view == null ? java.util.concurrent.CompletableFuture.completedFuture(null) : view.closeLater();
  }
}
