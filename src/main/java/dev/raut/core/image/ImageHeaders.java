package dev.raut.core.image;

import com.twelvemonkeys.imageio.metadata.Directory;
import com.twelvemonkeys.imageio.metadata.Entry;
import com.twelvemonkeys.imageio.metadata.tiff.TIFF;
import com.twelvemonkeys.imageio.metadata.tiff.TIFFReader;
import dev.raut.core.image.ImageDecodeException.ErrorCode;
import dev.raut.core.text.Problem;
import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import javax.imageio.stream.MemoryCacheImageInputStream;

/**
 * Recognises the format from magic bytes and reads the image size from the header, without
 * decoding pixels. With {@code wholeFile} it also checks that JPEG, PNG and WebP files are
 * complete, so a cut-off upload is reported as such instead of being decoded half grey.
 */
final class ImageHeaders {
  private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};

  private ImageHeaders() {}

  static ImageHeader read(byte[] data, boolean wholeFile) throws ImageDecodeException {
    if (data.length == 0) {
      throw new ImageDecodeException(ErrorCode.EMPTY_FILE, Problem.of("errors.image.empty_file"));
    }
    if (JpegStructure.hasSignature(data)) {
      return JpegStructure.read(data, wholeFile);
    }
    if (startsWith(data, 0, PNG_SIGNATURE)) {
      return readPng(data, wholeFile);
    }
    if (startsWith(data, 0, "GIF87a") || startsWith(data, 0, "GIF89a")) {
      requireBytes(data, 10, ImageFormat.GIF);
      return new ImageHeader(ImageFormat.GIF, u16le(data, 6), u16le(data, 8), 1);
    }
    if (startsWith(data, 0, "BM") && data.length >= 14 + 4) {
      return readBmp(data);
    }
    if (startsWith(data, 0, "RIFF") && startsWith(data, 8, "WEBP")) {
      return readWebp(data, wholeFile);
    }
    if (startsWith(data, 0, "II*\0") || startsWith(data, 0, "MM\0*")
        || startsWith(data, 0, "II+\0") || startsWith(data, 0, "MM\0+")) {
      return readTiff(data);
    }
    throw FileSignatures.notAnImage(data);
  }

  private static ImageHeader readPng(byte[] data, boolean wholeFile) throws ImageDecodeException {
    requireBytes(data, 24, ImageFormat.PNG);
    if (!startsWith(data, 12, "IHDR")) {
      throw corrupt(ImageFormat.PNG);
    }
    int width = s32be(data, 16);
    int height = s32be(data, 20);
    if (width < 0 || height < 0) {
      throw corrupt(ImageFormat.PNG);
    }
    if (wholeFile) {
      requirePngEnd(data);
    }
    return new ImageHeader(ImageFormat.PNG, width, height, 1);
  }

  /** Follows the chunk lengths to IEND; a chunk running past the end means the file was cut. */
  private static void requirePngEnd(byte[] data) throws ImageDecodeException {
    long pos = PNG_SIGNATURE.length;
    while (pos + 8 <= data.length) {
      int length = s32be(data, (int) pos);
      if (length < 0) {
        throw corrupt(ImageFormat.PNG);
      }
      if (startsWith(data, (int) pos + 4, "IEND")) {
        return;
      }
      pos += 12L + length; // length, type, data, CRC
    }
    throw truncated(ImageFormat.PNG);
  }

  private static ImageHeader readBmp(byte[] data) throws ImageDecodeException {
    long infoHeaderSize = u32le(data, 14);
    if (infoHeaderSize == 12) { // OS/2 BITMAPCOREHEADER: 16-bit sizes
      requireBytes(data, 22, ImageFormat.BMP);
      return new ImageHeader(ImageFormat.BMP, u16le(data, 18), u16le(data, 20), 1);
    }
    requireBytes(data, 26, ImageFormat.BMP);
    int width = (int) u32le(data, 18);
    int height = (int) u32le(data, 22); // negative means rows are stored top-down
    if (width < 0 || height == Integer.MIN_VALUE) {
      throw corrupt(ImageFormat.BMP);
    }
    return new ImageHeader(ImageFormat.BMP, width, Math.abs(height), 1);
  }

  private static ImageHeader readWebp(byte[] data, boolean wholeFile) throws ImageDecodeException {
    requireBytes(data, 30, ImageFormat.WEBP);
    if (wholeFile && u32le(data, 4) + 8 > data.length) {
      throw truncated(ImageFormat.WEBP);
    }
    if (startsWith(data, 12, "VP8X")) { // extended: 24-bit canvas size minus one
      return new ImageHeader(ImageFormat.WEBP, u24le(data, 24) + 1, u24le(data, 27) + 1, 1);
    }
    if (startsWith(data, 12, "VP8L") && (data[20] & 0xFF) == 0x2F) { // lossless: 14-bit sizes minus one
      long bits = u32le(data, 21);
      return new ImageHeader(ImageFormat.WEBP, (int) (bits & 0x3FFF) + 1, (int) ((bits >> 14) & 0x3FFF) + 1, 1);
    }
    if (startsWith(data, 12, "VP8 ") && (data[23] & 0xFF) == 0x9D && (data[24] & 0xFF) == 0x01
        && (data[25] & 0xFF) == 0x2A) { // lossy key frame: 14-bit sizes after the start code
      return new ImageHeader(ImageFormat.WEBP, u16le(data, 26) & 0x3FFF, u16le(data, 28) & 0x3FFF, 1);
    }
    throw corrupt(ImageFormat.WEBP);
  }

  private static ImageHeader readTiff(byte[] data) throws ImageDecodeException {
    try (var in = new MemoryCacheImageInputStream(new ByteArrayInputStream(data))) {
      Directory directory = new TIFFReader().read(in);
      Entry width = directory.getEntryById(TIFF.TAG_IMAGE_WIDTH);
      Entry height = directory.getEntryById(TIFF.TAG_IMAGE_HEIGHT);
      if (width == null || height == null
          || !(width.getValue() instanceof Number w) || !(height.getValue() instanceof Number h)) {
        throw corrupt(ImageFormat.TIFF);
      }
      return new ImageHeader(ImageFormat.TIFF, w.intValue(), h.intValue(), JpegStructure.orientation(directory));
    } catch (EOFException e) {
      throw truncated(ImageFormat.TIFF);
    } catch (IOException | RuntimeException e) {
      throw corrupt(ImageFormat.TIFF);
    }
  }

  /**
   * True when the file header states a larger file size than we have (BMP only; PNG and WebP
   * are checked up front). Only consulted after a decoder failed, as some writers get it wrong.
   */
  static boolean declaresMoreBytes(byte[] data, ImageFormat format) {
    return format == ImageFormat.BMP && u32le(data, 2) > data.length;
  }

  static ImageDecodeException truncated(ImageFormat format) {
    return new ImageDecodeException(ErrorCode.TRUNCATED, Problem.of("errors.image.truncatedPart", format.displayName()));
  }

  static ImageDecodeException corrupt(ImageFormat format) {
    return new ImageDecodeException(ErrorCode.CORRUPT, Problem.of("errors.image.corruptData", format.displayName()));
  }

  private static void requireBytes(byte[] data, int end, ImageFormat format) throws ImageDecodeException {
    if (data.length < end) {
      throw truncated(format);
    }
  }

  static boolean startsWith(byte[] data, int offset, String magic) {
    return startsWith(data, offset, magic.getBytes(StandardCharsets.ISO_8859_1));
  }

  private static boolean startsWith(byte[] data, int offset, byte[] magic) {
    if (data.length < offset + magic.length) {
      return false;
    }
    for (int i = 0; i < magic.length; i++) {
      if (data[offset + i] != magic[i]) {
        return false;
      }
    }
    return true;
  }

  private static int s32be(byte[] d, int p) {
    return ((d[p] & 0xFF) << 24) | ((d[p + 1] & 0xFF) << 16) | ((d[p + 2] & 0xFF) << 8) | (d[p + 3] & 0xFF);
  }

  private static int u16le(byte[] d, int p) {
    return (d[p] & 0xFF) | ((d[p + 1] & 0xFF) << 8);
  }

  private static int u24le(byte[] d, int p) {
    return u16le(d, p) | ((d[p + 2] & 0xFF) << 16);
  }

  private static long u32le(byte[] d, int p) {
    return u24le(d, p) | ((long) (d[p + 3] & 0xFF) << 24);
  }
}
