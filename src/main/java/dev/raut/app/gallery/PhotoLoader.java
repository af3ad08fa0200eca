package dev.raut.app.gallery;

import dev.raut.core.image.DecodeTarget;
import dev.raut.core.image.DecodedImage;
import dev.raut.core.image.ImageDecodeException;
import dev.raut.core.image.ImageDecoder;
import dev.raut.core.image.ImageHeader;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import javafx.application.Platform;
import javafx.scene.image.Image;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import org.opencv.core.Mat;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;

/**
 * Decodes photos for display, off the FX thread: thumbnails small (JPEGs decoded reduced) and kept
 * in a bounded least-recently-used cache, large images on demand and not cached. The view asks;
 * the image arrives on the FX thread.
 */
public final class PhotoLoader {
  /** About 45 MB of thumbnails at most (216 x 150 x 4 bytes each, at most). */
  static final int CACHE_ENTRIES = 350;

  private final ExecutorService pool;
  /** Made on first use, on a pool thread: creating it loads OpenCV's native library (~300 ms). */
  private ImageDecoder decoder;
  private final Map<PhotoRef, Image> thumbnails = new LinkedHashMap<>(64, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<PhotoRef, Image> eldest) {
      return size() > CACHE_ENTRIES;
    }
  };

  public PhotoLoader(ExecutorService pool) {
    this.pool = pool;
  }

  /** A thumbnail already in the cache, or null. FX thread. */
  public Image cachedThumbnail(Path file) {
    return cachedThumbnail(PhotoRef.of(file));
  }

  /** A late layout after the app closed its pools (a closing window) loads nothing, rather than throwing. */
  private Future<?> submit(Runnable task) {
    try {
      return pool.submit(task);
    } catch (java.util.concurrent.RejectedExecutionException e) {
      return java.util.concurrent.CompletableFuture.completedFuture(null);
    }
  }

  Image cachedThumbnail(PhotoRef photo) {
    return thumbnails.get(photo);
  }

  /**
   * Decodes a thumbnail in the background and hands it to {@code onLoaded} on the FX thread (null
   * when the file cannot be decoded: its card shows the analysis error instead). Cancel the
   * returned future when the card scrolls away before it arrives.
   */
  public Future<?> loadThumbnail(Path file, Consumer<Image> onLoaded) {
    return loadThumbnail(PhotoRef.of(file), onLoaded);
  }

  Future<?> loadThumbnail(PhotoRef file, Consumer<Image> onLoaded) {
    return submit(() -> {
      Image image = decodeOrNull(file, CardView.THUMB_WIDTH, CardView.THUMB_HEIGHT);
      Platform.runLater(() -> {
        if (image != null) {
          thumbnails.put(file, image);
        }
        onLoaded.accept(image);
      });
    });
  }

  /** A large version (long side at most {@code maxSide}) for the detail view; not cached. */
  public Future<?> loadLarge(Path file, int maxSide, Consumer<Image> onLoaded) {
    return loadLarge(PhotoRef.of(file), maxSide, onLoaded);
  }

  Future<?> loadLarge(PhotoRef file, int maxSide, Consumer<Image> onLoaded) {
    return submit(() -> {
      Image image = decodeOrNull(file, maxSide, maxSide);
      Platform.runLater(() -> onLoaded.accept(image));
    });
  }

  /**
   * A face cut from its photo (a square 1.4 times its box, {@code box} in the photo's own pixels),
   * at most {@code side} pixels, for the People page; null when the file cannot be decoded.
   */
  public Future<?> loadFace(Path file, dev.raut.core.geometry.Box box, int side, Consumer<Image> onLoaded) {
    return submit(() -> {
      Image image = null;
      try (DecodedImage decoded = decoder().decode(file, DecodeTarget.longSideAtLeast(1600))) {
        Mat mat = decoded.mat();
        double scale = (double) mat.cols() / decoded.originalWidth();
        double half = Math.max(box.width(), box.height()) * 0.7 * scale;
        int x0 = (int) Math.max(0, box.centerX() * scale - half);
        int y0 = (int) Math.max(0, box.centerY() * scale - half);
        int x1 = (int) Math.min(mat.cols(), box.centerX() * scale + half);
        int y1 = (int) Math.min(mat.rows(), box.centerY() * scale + half);
        if (x1 > x0 && y1 > y0) {
          Mat face = mat.submat(y0, y1, x0, x1);
          try {
            image = toFxImage(face, side, side);
          } finally {
            face.release();
          }
        }
      } catch (ImageDecodeException e) {
        image = null;
      }
      Image result = image;
      Platform.runLater(() -> onLoaded.accept(result));
    });
  }

  /** What the detail view lists about a file; {@code format} says why when the header is unreadable. */
  public record PhotoDetails(String format, int width, int height, long bytes, java.time.Instant modified) {}

  /** Reads a file's header and attributes in the background (no pixels decoded). */
  public Future<?> loadDetails(Path file, Consumer<PhotoDetails> onLoaded) {
    return loadDetails(PhotoRef.of(file), onLoaded);
  }

  Future<?> loadDetails(PhotoRef photo, Consumer<PhotoDetails> onLoaded) {
    Path file = photo.file();
    return submit(() -> {
      PhotoDetails details;
      long bytes = -1;
      java.time.Instant modified = null;
      try {
        bytes = java.nio.file.Files.size(file);
        modified = java.nio.file.Files.getLastModifiedTime(file).toInstant();
        if (photo.part() != null) {
          try (DecodedImage decoded = photo.decode(decoder(), DecodeTarget.longSideAtLeast(1))) {
            details = new PhotoDetails(dev.raut.core.text.Messages.text("gallery.detail.inDocument",
                dev.raut.core.text.Messages.text("gallery.document."
                    + dev.raut.core.document.DocumentFormat.of(file).name().toLowerCase(java.util.Locale.ROOT))),
                decoded.originalWidth(), decoded.originalHeight(), bytes, modified);
          }
        } else {
          ImageHeader header = decoder().probe(file);
          details = new PhotoDetails(header.format().displayName(), header.width(), header.height(), bytes, modified);
        }
      } catch (java.io.IOException | ImageDecodeException e) {
        details = new PhotoDetails(e.getMessage(), 0, 0, bytes, modified);
      }
      PhotoDetails result = details;
      Platform.runLater(() -> onLoaded.accept(result));
    });
  }

  private Image decodeOrNull(PhotoRef file, double maxWidth, double maxHeight) {
    try {
      return decode(file, maxWidth, maxHeight);
    } catch (ImageDecodeException e) {
      return null;
    }
  }

  private synchronized ImageDecoder decoder() {
    if (decoder == null) {
      decoder = new ImageDecoder();
    }
    return decoder;
  }

  /**
   * Decodes {@code file} to fit in {@code maxWidth x maxHeight} (so a card shows it unscaled, which
   * keeps scrolling cheap). Any thread but the FX thread.
   */
  Image decode(Path file, double maxWidth, double maxHeight) throws ImageDecodeException {
    return decode(PhotoRef.of(file), maxWidth, maxHeight);
  }

  Image decode(PhotoRef photo, double maxWidth, double maxHeight) throws ImageDecodeException {
    int longSide = (int) Math.ceil(Math.max(maxWidth, maxHeight));
    try (DecodedImage decoded = photo.decode(decoder(), DecodeTarget.longSideAtLeast(longSide))) {
      return toFxImage(decoded.mat(), maxWidth, maxHeight);
    }
  }

  /** A JavaFX image of a BGR Mat, shrunk to fit the box. */
  static Image toFxImage(Mat bgr, double maxWidth, double maxHeight) {
    double scale = Math.min(1.0, Math.min(maxWidth / bgr.cols(), maxHeight / bgr.rows()));
    Mat rgb = new Mat();
    Mat resized = new Mat();
    try {
      Mat source = bgr;
      if (scale < 1.0) {
        Imgproc.resize(bgr, resized, new Size(Math.max(1, Math.round(bgr.cols() * scale)),
            Math.max(1, Math.round(bgr.rows() * scale))), 0, 0, Imgproc.INTER_AREA);
        source = resized;
      }
      Imgproc.cvtColor(source, rgb, Imgproc.COLOR_BGR2RGB);
      int w = rgb.cols();
      int h = rgb.rows();
      byte[] pixels = new byte[w * h * 3];
      rgb.get(0, 0, pixels);
      WritableImage image = new WritableImage(w, h);
      image.getPixelWriter().setPixels(0, 0, w, h, PixelFormat.getByteRgbInstance(), pixels, 0, w * 3);
      return image;
    } finally {
      rgb.release();
      resized.release();
    }
  }
}
