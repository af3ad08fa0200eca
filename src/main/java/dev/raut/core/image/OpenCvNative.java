package dev.raut.core.image;

/**
 * Loads the OpenCV native library bundled in {@code org.openpnp:opencv} exactly once per JVM.
 * Every core class that touches OpenCV calls {@link #ensureLoaded()} first; the call is cheap
 * after the first time and safe from any thread.
 */
public final class OpenCvNative {
  /** cv::CPU_AVX_512F; OpenCV's Java API has no constant for it. */
  private static final int CPU_AVX_512F = 13;
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

  /** True when this CPU (and its operating system) can run AVX-512 code. */
  public static boolean hasAvx512() {
    ensureLoaded();
    return org.opencv.core.Core.checkHardwareSupport(CPU_AVX_512F);
  }
}
