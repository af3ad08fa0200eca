package dev.raut.app;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.FutureTask;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Predicate;
import javafx.application.Platform;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@link BackgroundTasks} of the app: work on an executor, callbacks through {@link Platform#runLater}. */
final class FxBackgroundTasks implements BackgroundTasks {
  private static final Logger LOG = LoggerFactory.getLogger(FxBackgroundTasks.class);
  /** How long {@link #close} waits for work under way; the engine waits for its images on its own too. */
  static final Duration CLOSE_WAIT = Duration.ofSeconds(10);

  private final ExecutorService pool;
  private final boolean ownsPool;
  private final Set<FutureTask<?>> underWay = ConcurrentHashMap.newKeySet();
  private volatile boolean closed;

  FxBackgroundTasks(ExecutorService pool, boolean ownsPool) {
    this.pool = pool;
    this.ownsPool = ownsPool;
  }

  static FxBackgroundTasks ownThreads(String name) {
    AtomicInteger n = new AtomicInteger();
    return new FxBackgroundTasks(Executors.newCachedThreadPool(r -> {
      Thread t = new Thread(r, name + "-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    }), true);
  }

  static FxBackgroundTasks oneThread(String name) {
    return new FxBackgroundTasks(Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, name);
      t.setDaemon(true);
      return t;
    }), true);
  }

  @Override
  public <T> Cancellable run(Callable<T> work, Consumer<? super T> onUi, Consumer<Throwable> failedOnUi) {
    return start(new Job<>(work, value -> false, onUi, failedOnUi));
  }

  @Override
  public <T> Cancellable runOrDecline(Callable<Optional<T>> work, Consumer<? super T> onUi,
      Consumer<Throwable> failedOnUi) {
    return start(new Job<Optional<T>>(work, Optional::isEmpty, value -> onUi.accept(value.get()), failedOnUi));
  }

  private Cancellable start(Job<?> job) {
    if (closed) {
      job.cancel();
      return job;
    }
    underWay.add(job.task);
    try {
      pool.execute(job.task);
    } catch (RejectedExecutionException e) {
      underWay.remove(job.task);
      job.cancel();
    }
    return job;
  }

  @Override
  public void onUi(Runnable update) {
    Platform.runLater(() -> {
      if (!closed) {
        update.run();
      }
    });
  }

  @Override
  public void close() {
    closed = true;
    if (ownsPool) {
      pool.shutdown();
    }
    long deadline = System.nanoTime() + CLOSE_WAIT.toNanos();
    for (FutureTask<?> task : List.copyOf(underWay)) {
      try {
        task.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      } catch (ExecutionException e) {
        // the work's failure went to its callback (dropped now); nothing to wait for
      } catch (TimeoutException e) {
        LOG.warn("Background work still running {} s after closing", CLOSE_WAIT.toSeconds());
        return;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  private final class Job<T> implements Cancellable {
    // never FutureTask.cancel: a cancelled FutureTask reports done while its work still runs, and close must wait for it
    private volatile boolean cancelled;
    final FutureTask<Void> task;

    Job(Callable<T> work, Predicate<? super T> declined, Consumer<? super T> onUi, Consumer<Throwable> failedOnUi) {
      task = new FutureTask<>(() -> body(work, declined, onUi, failedOnUi), null) {
        @Override
        protected void done() {
          underWay.remove(this);
        }
      };
    }

    private void body(Callable<T> work, Predicate<? super T> declined, Consumer<? super T> onUi,
        Consumer<Throwable> failedOnUi) {
      if (cancelled) {
        return;
      }
      T value;
      try {
        value = work.call();
        if (declined.test(value)) {
          return; // nothing to deliver: not even an empty event on the FX thread
        }
      } catch (Throwable e) { // whatever it is, the page hears of it: else it would show "running" for ever
        if (e instanceof Error) {
          LOG.warn("Background work failed", e);
        } else {
          LOG.debug("Background work failed", e);
        }
        deliver(() -> failedOnUi.accept(e));
        return;
      }
      deliver(() -> onUi.accept(value));
    }

    private void deliver(Runnable callback) {
      Platform.runLater(() -> {
        if (!cancelled && !closed) {
          callback.run();
        }
      });
    }

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
