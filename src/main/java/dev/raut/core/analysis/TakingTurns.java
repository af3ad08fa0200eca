package dev.raut.core.analysis;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The analysis threads' work, kept per door (a lane each) and taken in turn: a gallery with
 * thousands of photos queued does not hold up the one photo the local server was asked for, nor
 * an evaluation's batch. Within a lane, first come first served. An urgent lane (a camera's
 * frames) goes before the others whenever it has work: a frame is late after tens of
 * milliseconds, a gallery photo is not, and a stream never has more than one step queued, so it
 * can hold at most one of the threads.
 */
final class TakingTurns {
  private final Object lock = new Object();
  private final List<Lane> lanes = new ArrayList<>();
  private int next;
  private boolean closed;

  /** A door's own queue on the shared threads; shutting it down is the service's business, not the door's. */
  final class Lane extends AbstractExecutorService {
    private final String name;
    private final boolean urgent;
    private final Deque<Runnable> waiting = new ArrayDeque<>();

    private Lane(String name, boolean urgent) {
      this.name = name;
      this.urgent = urgent;
    }

    @Override
    public void execute(Runnable work) {
      synchronized (lock) {
        if (closed) {
          throw new java.util.concurrent.RejectedExecutionException("the analysis threads have stopped (" + name + ")");
        }
        waiting.add(work);
        lock.notify();
      }
    }

    @Override
    public void shutdown() {
      throw new UnsupportedOperationException("close the analysis service instead");
    }

    @Override
    public List<Runnable> shutdownNow() {
      throw new UnsupportedOperationException("close the analysis service instead");
    }

    @Override
    public boolean isShutdown() {
      synchronized (lock) {
        return closed;
      }
    }

    @Override
    public boolean isTerminated() {
      return isShutdown();
    }

    @Override
    public boolean awaitTermination(long timeout, TimeUnit unit) {
      throw new UnsupportedOperationException("close the analysis service instead");
    }

    @Override
    public String toString() {
      return "lane " + name;
    }
  }

  Lane lane(String name) {
    return add(new Lane(name, false));
  }

  /** A lane whose work goes first, before the lanes taking turns. */
  Lane urgentLane(String name) {
    return add(new Lane(name, true));
  }

  private Lane add(Lane lane) {
    synchronized (lock) {
      lanes.add(lane);
      return lane;
    }
  }

  /** The next piece of work: an urgent lane's, else from the lane after the last one served; null once closed. */
  Runnable take() throws InterruptedException {
    synchronized (lock) {
      while (true) {
        if (closed) {
          return null;
        }
        for (Lane lane : lanes) {
          Runnable work = lane.urgent ? lane.waiting.poll() : null;
          if (work != null) {
            return work;
          }
        }
        for (int i = 0; i < lanes.size(); i++) {
          Lane lane = lanes.get((next + i) % lanes.size());
          Runnable work = lane.urgent ? null : lane.waiting.poll();
          if (work != null) {
            next = (next + i + 1) % lanes.size();
            return work;
          }
        }
        lock.wait();
      }
    }
  }

  /** Takes nothing more; returns the work that had not started, in lane order. */
  List<Runnable> close() {
    synchronized (lock) {
      closed = true;
      List<Runnable> dropped = new ArrayList<>();
      for (Lane lane : lanes) {
        dropped.addAll(lane.waiting);
        lane.waiting.clear();
      }
      lock.notifyAll();
      return dropped;
    }
  }
}
