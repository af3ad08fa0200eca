package dev.raut.core.image;

import dev.raut.core.image.ImageDecodeException.ErrorCode;
import dev.raut.core.text.Problem;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Set;
import org.opencv.core.Mat;

/**
 * Decodes photos into upright 8-bit BGR images, from a file or from bytes in memory.
 *
 * <p>Every input is checked before pixels are allocated: file size against
 * {@link DecodeLimits#maxFileBytes()}, format by content (never by extension), pixel count from
 * the header against {@link DecodeLimits#maxPixels()}, and JPEG/PNG/WebP completeness. JPEG,
 * PNG, BMP, TIFF and WebP go through OpenCV; GIF, and JPEG/TIFF/WebP files OpenCV refuses,
 * through ImageIO.
 *
 * <p>Immutable and thread-safe: share one instance between threads.
 */
public final class ImageDecoder {
  /** Enough for the headers of nearly every photo, EXIF thumbnails included. */
  private static final int PROBE_PREFIX_BYTES = 1 << 20;

  /**
   * Formats with variants OpenCV cannot read but the ImageIO plugins can: lossless JPEG, animated
   * WebP, unusual TIFF compressions. PNG and BMP have no such fallback because the JDK's PNG
   * reader skips CRC checks and would decode damaged files that libpng rightly refused.
   */
  private static final Set<ImageFormat> IMAGE_IO_FALLBACK = EnumSet.of(ImageFormat.JPEG, ImageFormat.TIFF, ImageFormat.WEBP);

  private final DecodeLimits limits;

  public ImageDecoder() {
    this(DecodeLimits.DEFAULT);
  }

  public ImageDecoder(DecodeLimits limits) {
    this.limits = limits;
    OpenCvNative.ensureLoaded();
  }

  /**
   * Decodes a file at no less than the target resolution.
   *
   * @throws ImageDecodeException with a message that starts with the file name
   */
  public DecodedImage decode(Path file, DecodeTarget target) throws ImageDecodeException {
    try {
      return decodeChecked(readWholeFile(file), target);
    } catch (ImageDecodeException e) {
      throw e.about(fileName(file));
    }
  }

  /**
   * Decodes an image held in memory (e.g. an upload); nothing is written to disk.
   *
   * @param name shown in error messages, e.g. the upload's file name; may be null
   */
  public DecodedImage decode(byte[] data, String name, DecodeTarget target) throws ImageDecodeException {
    try {
      return decodeChecked(data, target);
    } catch (ImageDecodeException e) {
      throw e.about(name);
    }
  }

  /** Format and size from the header, without decoding: reads only the start of the file. */
  public ImageHeader probe(Path file) throws ImageDecodeException {
    try {
      long size = checkedFileSize(file);
      byte[] start = readStart(file, PROBE_PREFIX_BYTES);
      try {
        return ImageHeaders.read(start, start.length == size);
      } catch (ImageDecodeException e) {
        if (e.errorCode() != ErrorCode.TRUNCATED || start.length == size) {
          throw e;
        }
        // the header lies beyond the first megabyte (huge EXIF block, TIFF directory at the end)
        return ImageHeaders.read(readWholeFile(file), true);
      }
    } catch (ImageDecodeException e) {
      throw e.about(fileName(file));
    }
  }

  /** Format and size of an image in memory, from its header. */
  public ImageHeader probe(byte[] data, String name) throws ImageDecodeException {
    try {
      checkFileSize(data.length);
      return ImageHeaders.read(data, true);
    } catch (ImageDecodeException e) {
      throw e.about(name);
    }
  }

  private DecodedImage decodeChecked(byte[] data, DecodeTarget target) throws ImageDecodeException {
    checkFileSize(data.length);
    ImageHeader header = ImageHeaders.read(data, true);
    checkPixelCount(header);
    Mat bgr = header.format() == ImageFormat.GIF
        ? ImageIoDecoding.decode(data, header)
        : decodeWithOpenCvOrImageIo(data, header, target);
    return new DecodedImage(bgr, header.format(), header.width(), header.height());
  }

  private static Mat decodeWithOpenCvOrImageIo(byte[] data, ImageHeader header, DecodeTarget target)
      throws ImageDecodeException {
    // only libjpeg can decode at reduced size for free; other formats are decoded in full
    int reduction = header.format() == ImageFormat.JPEG
        ? target.reductionFor(header.storedWidth(), header.storedHeight())
        : 1;
    Mat bgr = OpenCvDecoding.decode(data, header.format(), reduction);
    if (!bgr.empty()) {
      return bgr;
    }
    bgr.release();
    if (!IMAGE_IO_FALLBACK.contains(header.format())) {
      throw ImageHeaders.declaresMoreBytes(data, header.format())
          ? ImageHeaders.truncated(header.format())
          : ImageHeaders.corrupt(header.format());
    }
    return ImageIoDecoding.decode(data, header);
  }

  private void checkPixelCount(ImageHeader header) throws ImageDecodeException {
    if (header.storedWidth() == 0 || header.storedHeight() == 0) {
      throw new ImageDecodeException(ErrorCode.ZERO_SIZE, Problem.of("errors.image.zeroSizeHeader",
          header.format().displayName(), header.width(), header.height()));
    }
    limits.requirePixelsWithin(header.width(), header.height());
  }

  /** Refuses an empty file or one over the size limit before it is read (callers that read files themselves). */
  public void checkFileSize(long bytes) throws ImageDecodeException {
    if (bytes == 0) {
      throw new ImageDecodeException(ErrorCode.EMPTY_FILE, Problem.of("errors.image.empty_file"));
    }
    if (bytes > limits.maxFileBytes()) {
      throw new ImageDecodeException(ErrorCode.FILE_TOO_BIG, Problem.of("errors.image.fileTooBig",
          readableBytes(bytes), readableBytes(limits.maxFileBytes())));
    }
  }

  private byte[] readWholeFile(Path file) throws ImageDecodeException {
    checkedFileSize(file);
    try {
      return Files.readAllBytes(file);
    } catch (IOException e) {
      throw FileAccess.unreadable(e);
    }
  }

  private static byte[] readStart(Path file, int maxBytes) throws ImageDecodeException {
    try (InputStream in = Files.newInputStream(file)) {
      return in.readNBytes(maxBytes);
    } catch (IOException e) {
      throw FileAccess.unreadable(e);
    }
  }

  /** The file's size after checking it exists, is a regular file and is within the limit. */
  private long checkedFileSize(Path file) throws ImageDecodeException {
    long size = FileAccess.readableFile(file).size();
    checkFileSize(size);
    return size;
  }

  private static String fileName(Path file) {
    Path name = file.getFileName();
    return name == null ? file.toString() : name.toString();
  }

  private static Problem readableBytes(long bytes) {
    if (bytes < 1024) {
      return Problem.of("errors.size.bytes", bytes);
    }
    if (bytes < 1024 * 1024) {
      return Problem.of("errors.size.kb", bytes / 1024.0);
    }
    return Problem.of("errors.size.mb", bytes / (1024.0 * 1024));
  }
}
