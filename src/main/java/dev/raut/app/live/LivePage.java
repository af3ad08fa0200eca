package dev.raut.app.live;

import dev.raut.app.AppServices;
import dev.raut.core.classify.ClassifierLibrary;
import dev.raut.core.text.Messages;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import javafx.application.Platform;
import javafx.scene.control.Label;
import javafx.scene.layout.StackPane;

/**
 * The Live page in the main window: the {@link LiveView} once the shared engine is up (it opens in
 * the background with the window), a short notice until then, the reason if it cannot open.
 * After a language change the window calls {@link #relabel()}: the page keeps its view, and with
 * it a running camera or video, and only its words change.
 */
public final class LivePage extends StackPane {
  private final Label waiting = new Label();
  private LiveView view;
  private boolean closed;
  /** Why the engine could not open, in core's words; null while it opens or once it is up. */
  private String problem;
  private List<ClassifierLibrary.Entry> classifiers = List.of();

  public LivePage(AppServices services) {
    getChildren().setAll(waiting);
    relabel();
    services.analyzer().whenComplete((analyzer, error) -> Platform.runLater(() -> {
      if (closed) {
        return;
      }
      if (error != null) {
        problem = AppServices.rootMessage(error);
        relabel();
        return;
      }
      view = new LiveView(analyzer.engine(), services.emotionModels(), services.analysis());
      view.setClassifiers(classifiers);
      getChildren().setAll(view);
    }));
  }

  /**
   * Shows every word of the page in the current language (FX thread): the controls, lists and
   * status of the live view keep their state, and a running source goes on undisturbed.
   */
  public void relabel() {
    if (view != null) {
      view.relabel();
    } else {
      waiting.setText(problem == null ? Messages.text("live.loading") : Messages.text("live.needsModels", problem));
    }
  }

  /** The library's classifiers for the analysis list (kept until the view is up). FX thread. */
  public void setClassifiers(List<ClassifierLibrary.Entry> entries) {
    classifiers = List.copyOf(entries);
    if (view != null) {
      view.setClassifiers(classifiers);
    }
  }

  /** The view, once the engine is up. */
  public Optional<LiveView> view() {
    return Optional.ofNullable(view);
  }

  /** Stops the source and releases the camera; on app exit, before the engine closes. */
  public void close() {
    closeLater();
  }

  /** As {@link #close()}; completes once the pipeline has stopped (at once when Live never started). */
  public CompletableFuture<Void> closeLater() {
    closed = true;
    return view == null ? CompletableFuture.completedFuture(null) : view.closeLater();
  }
}
