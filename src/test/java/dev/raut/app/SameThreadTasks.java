package dev.raut.app;

import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * {@link BackgroundTasks} for presenter tests: no toolkit, no threads of its own, nothing to wait
 * for. The thread that makes it (the test's) plays the FX thread.
 *
 * <ul>
 *   <li>{@link #immediate()}: {@code run} does the work and its callback before it returns; the
 *       work's {@code onUi} updates run at once, in order, so a listener sees each of them while
 *       the work goes on (and may act on it, e.g. press Cancel at the first progress).</li>
 *   <li>{@link #queued()}: {@code run} and {@code onUi} only queue; {@link #runAll()} does the work,
 *       its updates and its callback in order, so a test reads the state in between ("running"
 *       while the work has not ended).</li>
 * </ul>
 * Updates sent from other threads (a work's own pool) wait in the queue in both modes and run on
 * this thread, before the next update or callback sent from it, or at {@link #runAll()}.
 */
public final class SameThreadTasks implements BackgroundTasks {
  private final Thread uiThread = Thread.currentThread();
  private final boolean queued;
  private final Queue<Runnable> pending = new ConcurrentLinkedQueue<>();
  private volatile boolean closed;
  private int worksRun;
  /** Counted from any thread: updates may come from a work's own pool. */
  private final AtomicInteger posted = new AtomicInteger();

  private SameThreadTasks(boolean queued) {
    this.queued = queued;
  }

  public static SameThreadTasks immediate() {
    return new SameThreadTasks(false);
  }

  public static SameThreadTasks queued() {
    return new SameThreadTasks(true);
  }

  @Override
  public <T> Cancellable run(Callable<T> work, Consumer<? super T> onUi, Consumer<Throwable> failedOnUi) {
    return start(work, value -> false, onUi, failedOnUi);
  }

  /** As the app's: an empty result posts nothing, not even to the queue ({@link #posted()} stays). */
  @Override
  public <T> Cancellable runOrDecline(Callable<Optional<T>> work, Consumer<? super T> onUi,
      Consumer<Throwable> failedOnUi) {
    return start(work, Optional::isEmpty, value -> onUi.accept(value.get()), failedOnUi);
  }

  private <T> Cancellable start(Callable<T> work, Predicate<? super T> declined, Consumer<? super T> onUi,
      Consumer<Throwable> failedOnUi) {
    requireUiThread("run");
    Handle handle = new Handle();
    Runnable job = () -> {
      if (handle.cancelled || closed) {
        return;
      }
      worksRun++;
      Runnable callback;
      try {
        T value = work.call();
        if (declined.test(value)) {
          return;
        }
        callback = () -> onUi.accept(value);
      } catch (Throwable e) { // as the app's: any failure goes to the page
        callback = () -> failedOnUi.accept(e);
      }
      Runnable deliver = callback;
      onUi(() -> {
        if (!handle.cancelled) {
          deliver.run();
        }
      });
    };
    if (queued) {
      pending.add(job);
    } else {
      job.run();
    }
    return handle;
  }

  @Override
  public void onUi(Runnable update) {
    if (closed) {
      return;
    }
    posted.incrementAndGet();
    pending.add(update);
    if (!queued && Thread.currentThread() == uiThread) {
      runAll();
    }
  }

  /** Runs what is queued, and what that queues, until nothing is left; returns how many ran. */
  public int runAll() {
    requireUiThread("runAll");
    int ran = 0;
    for (Runnable next = pending.poll(); next != null; next = pending.poll()) {
      next.run();
      ran++;
    }
    return ran;
  }

  /** Works, updates and callbacks waiting for {@link #runAll()}. */
  public int pending() {
    return pending.size();
  }

  /** How many works have started (a cancelled or closed one never does). */
  public int worksRun() {
    return worksRun;
  }

  /**
   * How many updates and callbacks have been sent to the UI thread so far, run or waiting (works
   * are not counted): what a batch costs the UI thread.
   */
  public int posted() {
    return posted.get();
  }

  public boolean isClosed() {
    return closed;
  }

  @Override
  public void close() {
    closed = true;
    pending.clear();
  }

  private void requireUiThread(String what) {
    if (Thread.currentThread() != uiThread) {
      throw new IllegalStateException(what + " called off the thread that plays the UI thread");
    }
  }

  private static final class Handle implements Cancellable {
    private volatile boolean cancelled;

    @Override
    public void cancel() {
      cancelled = true;
    }

    @Override
    public boolean isCancelled() {
      return cancelled;
    }
  }
}
