package dev.raut.core.image;

import dev.raut.core.natives.UnpackedLibraries;

/**
 * Loads the OpenCV native library bundled in {@code org.openpnp:opencv} exactly once per JVM, from
 * the copy unpacked once into Raut's cache folder ({@link UnpackedLibraries}), else the way
 * org.openpnp's loader does it.
 * Every core class that touches OpenCV calls {@link #ensureLoaded()} first; the call is cheap
 * after the first time and safe from any thread.
 */
public final class OpenCvNative {
  /** cv::CPU_AVX_512F; OpenCV's Java API has no constant for it. */
  private static final int CPU_AVX_512F = 13;
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(OpenCvNative.class);
  private static volatile boolean loaded;
  private static java.nio.file.Path loadedFrom;

  private OpenCvNative() {}

  public static void ensureLoaded() {
    if (loaded) {
      return;
    }
    synchronized (OpenCvNative.class) {
      if (!loaded) {
        if (!loadUnpacked()) {
          nu.pattern.OpenCV.loadLocally(); // its own way: a fresh copy in the temporary folder
        }
        loaded = true;
      }
    }
  }

  /** The library file loaded, when it came from Raut's cache folder; null when OpenCV's own loader loaded it. */
  public static java.nio.file.Path loadedFrom() {
    ensureLoaded();
    return loadedFrom;
  }

  /** Loads the library unpacked once into the cache (see {@link UnpackedLibraries}); false if that cannot be done. */
  private static boolean loadUnpacked() {
    String resource = bundledLibrary();
    if (resource == null) {
      return false;
    }
    java.util.Optional<java.nio.file.Path> file = UnpackedLibraries.unpacked(nu.pattern.OpenCV.class, resource, "opencv");
    if (file.isEmpty()) {
      return false;
    }
    try {
      System.load(file.get().toString());
      loadedFrom = file.get();
      return true;
    } catch (UnsatisfiedLinkError e) {
      LOG.info("OpenCV's unpacked library {} did not load ({}); unpacking a fresh copy", file.get(), e.getMessage());
      return false;
    }
  }

  /** Where org.openpnp's jar keeps this platform's library (the folders its own loader reads). */
  public static String bundledLibrary() {
    String osFolder = UnpackedLibraries.os();
    String arch = UnpackedLibraries.arch();
    String archFolder = arch == null ? null : switch (arch) {
      case "x86_64" -> "x86_64";
      case "aarch64" -> "ARMv8";
      case "arm" -> "ARMv7";
      default -> "x86_32";
    };
    if (osFolder == null || archFolder == null) {
      return null;
    }
    return "/nu/pattern/opencv/" + osFolder + "/" + archFolder + "/"
        + System.mapLibraryName(org.opencv.core.Core.NATIVE_LIBRARY_NAME);
  }

  /** True when this CPU (and its operating system) can run AVX-512 code. */
  public static boolean hasAvx512() {
    ensureLoaded();
    return org.opencv.core.Core.checkHardwareSupport(CPU_AVX_512F);
  }
}
