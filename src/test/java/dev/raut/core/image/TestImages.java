package dev.raut.core.image;

import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.zip.CRC32;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.MatOfByte;
import org.opencv.core.Scalar;
import org.opencv.imgcodecs.Imgcodecs;

/** Builds small test images in memory, good and broken, so no binary fixtures are committed. */
public final class TestImages {
  static final Scalar RED = new Scalar(0, 0, 255);
  static final Scalar BLUE = new Scalar(255, 0, 0);

  private TestImages() {}

  static byte[] encode(String extension, Mat image) {
    OpenCvNative.ensureLoaded();
    MatOfByte buffer = new MatOfByte();
    if (!Imgcodecs.imencode(extension, image, buffer)) {
      throw new IllegalStateException("OpenCV cannot encode " + extension);
    }
    byte[] bytes = buffer.toArray();
    buffer.release();
    return bytes;
  }

  static Mat solid(int width, int height, Scalar bgr) {
    OpenCvNative.ensureLoaded();
    return new Mat(height, width, CvType.CV_8UC3, bgr);
  }

  /** Random pixels, so JPEG entropy data is long and has no easy structure. */
  static Mat noise(int width, int height) {
    OpenCvNative.ensureLoaded();
    Mat mat = new Mat(height, width, CvType.CV_8UC3);
    byte[] pixels = new byte[width * height * 3];
    new Random(42).nextBytes(pixels);
    mat.put(0, 0, pixels);
    return mat;
  }

  /** A wide image, left half white and right half black: easy to tell how it was turned. */
  static Mat leftWhiteRightBlack(int width, int height) {
    Mat mat = solid(width, height, new Scalar(0, 0, 0));
    mat.submat(0, height, 0, width / 2).setTo(new Scalar(255, 255, 255));
    return mat;
  }

  static byte[] jpeg(Mat image) {
    return encode(".jpg", image);
  }

  static byte[] png(Mat image) {
    return encode(".png", image);
  }

  /** The JPEG with an EXIF APP1 segment carrying the orientation tag spliced in after SOI. */
  static byte[] withExifOrientation(byte[] jpeg, int orientation) {
    ByteArrayOutputStream tiff = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(tiff)) {
      out.writeBytes("MM");
      out.writeShort(42);
      out.writeInt(8); // IFD0 right after the header
      out.writeShort(1); // one entry
      out.writeShort(0x0112); // Orientation
      out.writeShort(3); // SHORT
      out.writeInt(1);
      out.writeShort(orientation);
      out.writeShort(0); // padding of the 4-byte value field
      out.writeInt(0); // no next IFD
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    byte[] exif = concat("Exif\0\0".getBytes(StandardCharsets.ISO_8859_1), tiff.toByteArray());
    byte[] segmentHeader = {(byte) 0xFF, (byte) 0xE1, (byte) ((exif.length + 2) >> 8), (byte) (exif.length + 2)};
    return concat(slice(jpeg, 0, 2), segmentHeader, exif, slice(jpeg, 2, jpeg.length));
  }

  /**
   * An uncompressed 8-bit RGB TIFF, written by hand because neither OpenCV nor ImageIO make it
   * easy to set the orientation tag. The stored pixels are the left-white, right-black pattern.
   */
  static byte[] tiffWithOrientation(int width, int height, int orientation) {
    int entries = 11;
    int bitsPerSampleOffset = 8 + 2 + entries * 12 + 4;
    int pixelOffset = bitsPerSampleOffset + 6;
    int pixelBytes = width * height * 3;
    ByteBuffer tiff = ByteBuffer.allocate(pixelOffset + pixelBytes).order(ByteOrder.LITTLE_ENDIAN);
    tiff.put((byte) 'I').put((byte) 'I').putShort((short) 42).putInt(8);
    tiff.putShort((short) entries);
    tiffEntry(tiff, 256, 3, 1, width); // ImageWidth
    tiffEntry(tiff, 257, 3, 1, height); // ImageLength
    tiffEntry(tiff, 258, 3, 3, bitsPerSampleOffset); // BitsPerSample 8,8,8
    tiffEntry(tiff, 259, 3, 1, 1); // no compression
    tiffEntry(tiff, 262, 3, 1, 2); // RGB
    tiffEntry(tiff, 273, 4, 1, pixelOffset); // StripOffsets
    tiffEntry(tiff, 274, 3, 1, orientation);
    tiffEntry(tiff, 277, 3, 1, 3); // SamplesPerPixel
    tiffEntry(tiff, 278, 3, 1, height); // RowsPerStrip: one strip
    tiffEntry(tiff, 279, 4, 1, pixelBytes); // StripByteCounts
    tiffEntry(tiff, 284, 3, 1, 1); // chunky pixels
    tiff.putInt(0); // no next IFD
    tiff.putShort((short) 8).putShort((short) 8).putShort((short) 8);
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        byte value = x < width / 2 ? (byte) 255 : 0;
        tiff.put(value).put(value).put(value);
      }
    }
    return tiff.array();
  }

  private static void tiffEntry(ByteBuffer tiff, int tag, int type, int count, int value) {
    tiff.putShort((short) tag).putShort((short) type).putInt(count);
    if (type == 3 && count == 1) {
      tiff.putShort((short) value).putShort((short) 0); // SHORT values sit left-justified
    } else {
      tiff.putInt(value);
    }
  }

  /** A PNG of only a header claiming the given size, a tiny IDAT and IEND, all CRCs right. */
  public static byte[] pngHeaderOnly(int width, int height) {
    ByteArrayOutputStream ihdr = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(ihdr)) {
      out.writeInt(width);
      out.writeInt(height);
      out.write(new byte[] {8, 2, 0, 0, 0}); // 8-bit RGB, deflate, no filter, no interlace
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    byte[] tinyDeflate = {0x78, (byte) 0x9C, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01};
    return concat(slice(png(solid(1, 1, RED)), 0, 8),
        chunk("IHDR", ihdr.toByteArray()), chunk("IDAT", tinyDeflate), chunk("IEND", new byte[0]));
  }

  static byte[] chunk(String type, byte[] data) {
    byte[] typeBytes = type.getBytes(StandardCharsets.ISO_8859_1);
    CRC32 crc = new CRC32();
    crc.update(typeBytes);
    crc.update(data);
    ByteArrayOutputStream chunk = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(chunk)) {
      out.writeInt(data.length);
      out.write(typeBytes);
      out.write(data);
      out.writeInt((int) crc.getValue());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return chunk.toByteArray();
  }

  /**
   * An Adobe-style CMYK JPEG written by the JDK encoder from a 4-band raster. Photoshop stores
   * CMYK inverted (255 = no ink), so that is what we store.
   */
  static byte[] cmykJpeg(int width, int height, int cyan, int magenta, int yellow, int black) {
    WritableRaster raster = Raster.createInterleavedRaster(
        java.awt.image.DataBuffer.TYPE_BYTE, width, height, 4, null);
    int[] inverted = {255 - cyan, 255 - magenta, 255 - yellow, 255 - black};
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        raster.setPixel(x, y, inverted);
      }
    }
    ImageWriter writer = jdkJpegWriter();
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (var out = new MemoryCacheImageOutputStream(bytes)) {
      writer.setOutput(out);
      writer.write(null, new IIOImage(raster, null, null), writer.getDefaultWriteParam());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      writer.dispose();
    }
    return bytes.toByteArray();
  }

  private static ImageWriter jdkJpegWriter() {
    var writers = ImageIO.getImageWritersByFormatName("jpeg");
    while (writers.hasNext()) {
      ImageWriter writer = writers.next();
      if (writer.canWriteRasters()) {
        return writer;
      }
    }
    throw new IllegalStateException("no JPEG writer that writes rasters");
  }

  /** A two-frame animated GIF: first frame red, second blue. */
  static byte[] animatedGif(int width, int height) {
    ImageWriter writer = ImageIO.getImageWritersByFormatName("gif").next();
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (var out = new MemoryCacheImageOutputStream(bytes)) {
      writer.setOutput(out);
      writer.prepareWriteSequence(null);
      writer.writeToSequence(new IIOImage(filled(width, height, 0xFF0000), null, null), null);
      writer.writeToSequence(new IIOImage(filled(width, height, 0x0000FF), null, null), null);
      writer.endWriteSequence();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      writer.dispose();
    }
    return bytes.toByteArray();
  }

  /** A palette (indexed colour) PNG in one colour. */
  static byte[] palettePng(int width, int height, int rgb) {
    BufferedImage indexed = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_INDEXED);
    var graphics = indexed.createGraphics();
    graphics.setColor(new java.awt.Color(rgb));
    graphics.fillRect(0, 0, width, height);
    graphics.dispose();
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try {
      ImageIO.write(indexed, "png", bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  private static BufferedImage filled(int width, int height, int rgb) {
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    var graphics = image.createGraphics();
    graphics.setColor(new java.awt.Color(rgb));
    graphics.fillRect(0, 0, width, height);
    graphics.dispose();
    return image;
  }

  static byte[] slice(byte[] data, int from, int to) {
    return java.util.Arrays.copyOfRange(data, from, to);
  }

  static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] part : parts) {
      out.writeBytes(part);
    }
    return out.toByteArray();
  }

  /** Index of the first JPEG start-of-scan marker: entropy data follows its segment. */
  static int startOfScan(byte[] jpeg) {
    for (int i = 2; i < jpeg.length - 1; i++) {
      if ((jpeg[i] & 0xFF) == 0xFF && (jpeg[i + 1] & 0xFF) == 0xDA) {
        return i;
      }
    }
    throw new IllegalArgumentException("no SOS marker");
  }

  static double[] pixel(DecodedImage image, int x, int y) {
    return image.mat().get(y, x);
  }
}
