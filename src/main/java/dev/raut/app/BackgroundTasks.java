package dev.raut.app;

import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.function.Consumer;

/**
 * A presenter's work off the UI thread and its hand-back to it. The work only computes: it reads
 * what it needs before {@link #run} (on the UI thread) and returns a value; every property write
 * happens in the callbacks, which run on the UI thread — the FX thread in the app, the test's own
 * thread with the test implementation ({@code SameThreadTasks} in the tests), so presenter logic is
 * tested without the toolkit, threads or sleeps (as JabRef's view models are with its
 * {@code CurrentThreadTaskExecutor}).
 *
 * <p>Two rules make a presenter right under both implementations:
 * <ul>
 *   <li>Set the "running" state <em>before</em> calling {@link #run}: an implementation may do the
 *       work and its callbacks inside the call.</li>
 *   <li>Touch no JavaFX property in the work; send changes through {@link #onUi} (progress) or
 *       return them (the result). Plain JavaFX properties need no toolkit; {@code Platform.runLater}
 *       does, and is what this interface stands in for.</li>
 * </ul>
 *
 * <p>Adopting it in another presenter: take a {@code BackgroundTasks} in the constructor (MainWindow
 * passes {@link #ownThreads} or {@link #on} one of {@link AppServices}' pools); replace each
 * {@code pool.execute(...)} + {@code Platform.runLater(...)} pair with {@code run(work, onUi,
 * failedOnUi)} ({@link #runOrDecline} when skipped work must post nothing, {@link #future} when
 * a caller chains on the outcome) and each progress {@code Platform.runLater} with {@link #onUi};
 * close it in the presenter's {@code close()}. Its tests then pass {@code SameThreadTasks.immediate()} (all done
 * when the call returns) or {@code SameThreadTasks.queued()} (nothing done until {@code runAll()},
 * so the state in between can be read).
 */
public interface BackgroundTasks extends AutoCloseable {

  /**
   * Runs {@code work} in the background, then {@code onUi} with its value or {@code failedOnUi}
   * with what it threw, on the UI thread. Call on the UI thread.
   */
  <T> Cancellable run(Callable<T> work, Consumer<? super T> onUi, Consumer<Throwable> failedOnUi);

  /**
   * {@link #run}, but the work may decline: when it returns empty, neither callback runs and
   * nothing at all is posted to the UI thread. For the many pieces of one batch that a stop flag
   * skips (the gallery's Cancel over thousands of queued photos): a skipped piece costs the UI
   * thread nothing, where one callback each, each refreshing the page, would hold it up for long.
   */
  <T> Cancellable runOrDecline(Callable<Optional<T>> work, Consumer<? super T> onUi, Consumer<Throwable> failedOnUi);

  /**
   * {@link #run} for a caller that chains on the outcome (a dialog, the detail view): the future
   * completes with the work's value or failure on the UI thread, so what is chained with the
   * non-async {@code then...}/{@code whenComplete} runs there too. Call on the UI thread.
   */
  default <T> CompletableFuture<T> future(Callable<T> work) {
    CompletableFuture<T> done = new CompletableFuture<>();
    run(work, done::complete, done::completeExceptionally);
    return done;
  }

  /** Runs {@code update} on the UI thread, after the updates sent before it; call from the work (progress). */
  void onUi(Runnable update);

  /**
   * Takes no more work, waits a while for the work under way (a model must not close under it)
   * and drops the callbacks not yet run. The work is not interrupted: a long one should watch a
   * stop flag of its own, set before closing.
   */
  @Override
  void close();

  /** One piece of work, as {@link #run} started it. */
  interface Cancellable {
    /**
     * Abandons it: not started, it never starts; under way, it is not interrupted (it may be in a
     * native model call) but neither of its callbacks runs after this, when called on the UI
     * thread. A run that should end early and still report what it did (Evaluate's Cancel) uses a
     * stop flag its work watches instead.
     */
    void cancel();

    boolean isCancelled();
  }

  /**
   * The app's: the work on daemon threads of its own named {@code name-N}, made as work arrives
   * (an export need not wait for a long evaluation) and gone after a minute idle; results handed
   * to the FX thread. Shared pools stay free of long runs.
   */
  static BackgroundTasks ownThreads(String name) {
    return FxBackgroundTasks.ownThreads(name);
  }

  /**
   * The app's: the work one piece at a time, in order, on one daemon thread named {@code name}
   * (reading data, then teaching it, never both at once).
   */
  static BackgroundTasks oneAtATime(String name) {
    return FxBackgroundTasks.oneThread(name);
  }

  /** The app's, with the work on {@code pool} (not shut down by {@link #close}, which waits for this one's work only). */
  static BackgroundTasks on(ExecutorService pool) {
    return new FxBackgroundTasks(pool, false);
  }
}
