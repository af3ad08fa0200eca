package dev.raut.core.camera;

/**
 * What a live pipeline reports. Calls come from the pipeline's threads: {@link #onFrame} from the
 * capture thread (the frame is borrowed for the call: copy what you keep, return quickly),
 * {@link #onResult} from the analysis worker, {@link #onStatus} from either. A UI hops to its own
 * thread inside these methods.
 */
public interface LiveListener {
  default void onStatus(SourceStatus status) {}

  default void onFrame(Frame frame) {}

  default void onResult(LiveResult result) {}

  /**
   * Called right after {@link #onResult} with the very frame that was analysed (borrowed for the
   * call, on the analysis worker): for output that must match its overlays exactly, like snapshots.
   */
  default void onAnalysedFrame(Frame frame, LiveResult result) {}
}
