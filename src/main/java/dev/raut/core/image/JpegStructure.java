package dev.raut.core.image;

import com.twelvemonkeys.imageio.metadata.Directory;
import com.twelvemonkeys.imageio.metadata.Entry;
import com.twelvemonkeys.imageio.metadata.tiff.TIFF;
import com.twelvemonkeys.imageio.metadata.tiff.TIFFReader;
import dev.raut.core.image.ImageDecodeException.ErrorCode;
import dev.raut.core.text.Problem;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import javax.imageio.stream.MemoryCacheImageInputStream;

/**
 * Walks JPEG markers: the frame header (size), the EXIF orientation, and, for a whole file,
 * the entropy-coded data up to the end-of-image marker. libjpeg decodes a cut-off file without
 * complaint and paints the missing part grey, so a missing EOI is our only way to notice.
 */
final class JpegStructure {
  private static final int SOI = 0xD8;
  private static final int EOI = 0xD9;
  private static final int SOS = 0xDA;
  private static final int APP1 = 0xE1;
  private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  private static final byte[] EXIF_ID = "Exif\0\0".getBytes(StandardCharsets.ISO_8859_1);

  private JpegStructure() {}

  static boolean hasSignature(byte[] data) {
    return data.length >= 3 && (data[0] & 0xFF) == 0xFF && (data[1] & 0xFF) == SOI && (data[2] & 0xFF) == 0xFF;
  }

  /**
   * Reads the header; with {@code wholeFile} also checks the image data runs to its end marker.
   * Without it, {@code data} may be just the start of the file.
   */
  static ImageHeader read(byte[] data, boolean wholeFile) throws ImageDecodeException {
    int pos = 2;
    int width = -1;
    int height = -1;
    int orientation = 1;
    while (true) {
      pos = nextMarkerCode(data, pos);
      int marker = data[pos++] & 0xFF;
      if (marker == EOI) {
        throw corrupt();
      }
      if (isStandalone(marker)) {
        continue;
      }
      int segmentEnd = segmentEnd(data, pos);
      if (isStartOfFrame(marker)) {
        requireBytes(data, pos + 7);
        height = u16(data, pos + 3);
        width = u16(data, pos + 5);
      } else if (marker == APP1 && orientation == 1) {
        orientation = exifOrientation(data, pos + 2, segmentEnd);
      } else if (marker == SOS) {
        if (width < 0) {
          throw corrupt();
        }
        if (wholeFile) {
          requireEndOfImage(data, segmentEnd);
        }
        return new ImageHeader(ImageFormat.JPEG, width, height, orientation);
      }
      pos = segmentEnd;
    }
  }

  /**
   * Scans entropy-coded data: 0xFF is always followed by 0x00 (stuffing), a restart marker, a
   * fill byte or a real marker. Progressive files put more tables and scans between the data.
   */
  private static void requireEndOfImage(byte[] data, int pos) throws ImageDecodeException {
    int last = data.length - 1;
    while (pos < last) {
      pos = nextFf(data, pos, last);
      if (pos >= last) {
        break;
      }
      int next = data[pos + 1] & 0xFF;
      if (next == 0x00 || isRestart(next)) {
        pos += 2;
      } else if (next == 0xFF) {
        pos++;
      } else if (next == EOI) {
        return;
      } else if (mayAppearBetweenScans(next)) {
        pos = segmentEnd(data, pos + 2);
      } else {
        throw corrupt();
      }
    }
    throw new ImageDecodeException(ErrorCode.TRUNCATED, Problem.of("errors.image.truncatedPart", "JPEG"));
  }

  /**
   * Index of the first 0xFF byte in {@code data[pos, end)}, or {@code end}: eight bytes at a time,
   * since this runs over every byte of every photo (a 300 KB photo in a twentieth of a millisecond).
   */
  private static int nextFf(byte[] data, int pos, int end) {
    while (pos + Long.BYTES <= end) {
      long inverted = ~(long) LONGS.get(data, pos); // 0xFF bytes become zero bytes
      long zeroBytes = (inverted - 0x0101010101010101L) & ~inverted & 0x8080808080808080L;
      if (zeroBytes != 0) {
        return pos + (Long.numberOfTrailingZeros(zeroBytes) >>> 3); // the lowest flag is exact
      }
      pos += Long.BYTES;
    }
    while (pos < end && (data[pos] & 0xFF) != 0xFF) {
      pos++;
    }
    return pos;
  }

  /** Index of the next marker code; like libjpeg, stray bytes and 0xFF fill before it are skipped. */
  private static int nextMarkerCode(byte[] data, int pos) throws ImageDecodeException {
    while (pos < data.length && (data[pos] & 0xFF) != 0xFF) {
      pos++;
    }
    while (pos < data.length && (data[pos] & 0xFF) == 0xFF) {
      pos++;
    }
    requireBytes(data, pos + 1);
    return pos;
  }

  private static int segmentEnd(byte[] data, int lengthPos) throws ImageDecodeException {
    requireBytes(data, lengthPos + 2);
    int length = u16(data, lengthPos);
    if (length < 2) {
      throw corrupt();
    }
    int end = lengthPos + length;
    requireBytes(data, end);
    return end;
  }

  private static int exifOrientation(byte[] data, int start, int end) {
    int tiffStart = start + EXIF_ID.length;
    if (tiffStart > end || !Arrays.equals(data, start, tiffStart, EXIF_ID, 0, EXIF_ID.length)) {
      return 1;
    }
    try (var in = new MemoryCacheImageInputStream(new ByteArrayInputStream(data, tiffStart, end - tiffStart))) {
      return orientation(new TIFFReader().read(in));
    } catch (IOException | RuntimeException e) {
      // broken EXIF must not stop the photo from showing: treat it as upright
      return 1;
    }
  }

  /** The orientation tag of a TIFF/EXIF directory, 1 when missing or out of range. */
  static int orientation(Directory directory) {
    Entry entry = directory.getEntryById(TIFF.TAG_ORIENTATION);
    if (entry != null && entry.getValue() instanceof Number value) {
      int orientation = value.intValue();
      if (orientation >= 1 && orientation <= 8) {
        return orientation;
      }
    }
    return 1;
  }

  private static boolean isStandalone(int marker) {
    return marker == SOI || marker == 0x01 || isRestart(marker);
  }

  private static boolean isRestart(int marker) {
    return marker >= 0xD0 && marker <= 0xD7;
  }

  /** SOF0..SOF15 except DHT (C4), JPG (C8) and DAC (CC), which share the range. */
  private static boolean isStartOfFrame(int marker) {
    return marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
  }

  /** DHT, DAC, DQT, DNL, DRI, SOS, APPn and COM may follow a scan. */
  private static boolean mayAppearBetweenScans(int marker) {
    return marker == 0xC4 || marker == 0xCC || (marker >= 0xDA && marker <= 0xDD)
        || (marker >= 0xE0 && marker <= 0xEF) || marker == 0xFE;
  }

  private static int u16(byte[] data, int pos) {
    return ((data[pos] & 0xFF) << 8) | (data[pos + 1] & 0xFF);
  }

  private static void requireBytes(byte[] data, int end) throws ImageDecodeException {
    if (end > data.length) {
      throw new ImageDecodeException(ErrorCode.TRUNCATED, Problem.of("errors.image.truncatedHeader", "JPEG"));
    }
  }

  private static ImageDecodeException corrupt() {
    return new ImageDecodeException(ErrorCode.CORRUPT, Problem.of("errors.image.corruptData", "JPEG"));
  }
}
