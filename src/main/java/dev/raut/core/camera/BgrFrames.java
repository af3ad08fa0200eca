package dev.raut.core.camera;

import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import org.opencv.core.CvType;
import org.opencv.core.Mat;

/**
 * Copies the Java images the webcam drivers hand out into BGR Mats. A driver image that is already
 * 3-byte BGR is copied straight; any other layout is first drawn into a reused BGR buffer.
 */
final class BgrFrames {
  private BufferedImage scratch;

  void copy(BufferedImage image, Mat bgr) {
    BufferedImage source = image;
    if (image.getType() != BufferedImage.TYPE_3BYTE_BGR) {
      if (scratch == null || scratch.getWidth() != image.getWidth() || scratch.getHeight() != image.getHeight()) {
        scratch = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_3BYTE_BGR);
      }
      Graphics2D g = scratch.createGraphics();
      try {
        g.drawImage(image, 0, 0, null);
      } finally {
        g.dispose();
      }
      source = scratch;
    }
    byte[] pixels = ((DataBufferByte) source.getRaster().getDataBuffer()).getData();
    bgr.create(source.getHeight(), source.getWidth(), CvType.CV_8UC3);
    bgr.put(0, 0, pixels);
  }
}
