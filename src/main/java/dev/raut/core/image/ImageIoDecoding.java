package dev.raut.core.image;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.util.Iterator;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.MemoryCacheImageInputStream;
import org.opencv.core.CvType;
import org.opencv.core.Mat;

/**
 * Decodes the first frame with Java ImageIO (plus the TwelveMonkeys plugins): GIF, which
 * OpenCV lacks, and files OpenCV refuses (animated WebP, lossless JPEG, rare TIFF variants).
 * Streams are memory-cached so uploads never touch the disk.
 */
final class ImageIoDecoding {
  private ImageIoDecoding() {}

  static Mat decode(byte[] data, ImageHeader header) throws ImageDecodeException {
    BufferedImage firstFrame = readFirstFrame(data, header.format());
    int width = firstFrame.getWidth();
    int height = firstFrame.getHeight();
    // drawing onto an opaque white BGR image converts palettes and composites transparency
    BufferedImage bgr = new BufferedImage(width, height, BufferedImage.TYPE_3BYTE_BGR);
    Graphics2D graphics = bgr.createGraphics();
    try {
      graphics.setColor(Color.WHITE);
      graphics.fillRect(0, 0, width, height);
      graphics.drawImage(firstFrame, 0, 0, null);
    } finally {
      graphics.dispose();
    }
    Mat mat = new Mat(height, width, CvType.CV_8UC3);
    mat.put(0, 0, ((DataBufferByte) bgr.getRaster().getDataBuffer()).getData());
    return Orientation.apply(mat, header.orientation());
  }

  private static BufferedImage readFirstFrame(byte[] data, ImageFormat format) throws ImageDecodeException {
    try (var in = new MemoryCacheImageInputStream(new ByteArrayInputStream(data))) {
      Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
      if (!readers.hasNext()) {
        throw ImageHeaders.corrupt(format);
      }
      ImageReader reader = readers.next();
      try {
        reader.setInput(in, true, true);
        return reader.read(0);
      } finally {
        reader.dispose();
      }
    } catch (IOException | RuntimeException e) {
      ImageDecodeException reported = endsEarly(e) ? ImageHeaders.truncated(format) : ImageHeaders.corrupt(format);
      throw new ImageDecodeException(reported.errorCode(), reported.reasonProblem(), e);
    }
  }

  private static boolean endsEarly(Throwable error) {
    for (Throwable cause = error; cause != null; cause = cause.getCause()) {
      if (cause instanceof EOFException) {
        return true;
      }
    }
    return false;
  }
}
