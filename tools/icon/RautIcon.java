import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Arc2D;
import java.awt.geom.Ellipse2D;
import java.awt.geom.RoundRectangle2D;
import java.awt.image.BufferedImage;
import java.io.File;
import javax.imageio.ImageIO;

/**
 * Draws Raut's icon: a face in a detection box on a rounded square. Run with
 * {@code java tools/icon/RautIcon.java installer} to write installer/linux/raut.png (and the
 * sizes the .ico and .icns are made from: see installer/README.md).
 */
public class RautIcon {
  public static void main(String[] args) throws Exception {
    File out = new File(args.length > 0 ? args[0] : ".");
    for (int size : new int[] {16, 32, 48, 128, 256, 512}) {
      ImageIO.write(draw(size), "png", new File(out, "icon-" + size + ".png"));
    }
  }

  static BufferedImage draw(int size) {
    BufferedImage image = new BufferedImage(size, size, BufferedImage.TYPE_INT_ARGB);
    Graphics2D g = image.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
    double s = size / 512.0;
    g.setPaint(new GradientPaint(0, 0, new Color(0x2B, 0x3A, 0x67), size, size, new Color(0x49, 0x6A, 0x81)));
    g.fill(new RoundRectangle2D.Double(16 * s, 16 * s, 480 * s, 480 * s, 110 * s, 110 * s));
    g.setColor(new Color(0xFF, 0xFC, 0xF2));
    g.fill(new Ellipse2D.Double(146 * s, 116 * s, 220 * s, 270 * s));
    g.setColor(new Color(0x2B, 0x3A, 0x67));
    g.fill(new Ellipse2D.Double(200 * s, 210 * s, 34 * s, 34 * s));
    g.fill(new Ellipse2D.Double(278 * s, 210 * s, 34 * s, 34 * s));
    g.setStroke(new BasicStroke((float) (18 * s), BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
    g.draw(new Arc2D.Double(206 * s, 250 * s, 100 * s, 70 * s, 200, 140, Arc2D.OPEN));
    g.setColor(new Color(0x66, 0xE0, 0xA3));
    g.setStroke(new BasicStroke((float) Math.max(1.5, 16 * s), BasicStroke.CAP_SQUARE, BasicStroke.JOIN_MITER));
    double a = 70 * s;
    double l = 96 * s;
    double r = 442 * s;
    double t = 86 * s;
    double b = 416 * s;
    g.drawLine((int) l, (int) t, (int) (l + a), (int) t);
    g.drawLine((int) l, (int) t, (int) l, (int) (t + a));
    g.drawLine((int) r, (int) t, (int) (r - a), (int) t);
    g.drawLine((int) r, (int) t, (int) r, (int) (t + a));
    g.drawLine((int) l, (int) b, (int) (l + a), (int) b);
    g.drawLine((int) l, (int) b, (int) l, (int) (b - a));
    g.drawLine((int) r, (int) b, (int) (r - a), (int) b);
    g.drawLine((int) r, (int) b, (int) r, (int) (b - a));
    g.dispose();
    return image;
  }
}
