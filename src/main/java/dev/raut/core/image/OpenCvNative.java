package dev.raut.core.image;

/**
 * Loads the OpenCV native library bundled in {@code org.openpnp:opencv} exactly once per JVM.
 * Every core class that touches OpenCV calls {@link #ensureLoaded()} first; the call is cheap
 * after the first time and safe from any thread.
 */
public final class OpenCvNative {
  private static volatile boolean loaded;

  private OpenCvNative() {}

  public static void ensureLoaded() {
    if (loaded) {
      return;
    }
    synchronized (OpenCvNative.class) {
      if (!loaded) {
        nu.pattern.OpenCV.loadLocally();
        loaded = true;
      }
    }
  }
}
