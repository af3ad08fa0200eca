package dev.raut.app.gallery;

import dev.raut.core.analysis.ImageAnalysis;
import dev.raut.core.geometry.Box;
import dev.raut.core.analysis.ResultCsv;
import dev.raut.core.analysis.ResultJson;
import dev.raut.core.image.DecodeTarget;
import dev.raut.core.image.DecodedImage;
import dev.raut.core.image.ImageDecodeException;
import dev.raut.core.image.ImageDecoder;
import dev.raut.core.text.Labels;
import dev.raut.core.text.Messages;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;

/**
 * Writes gallery results: CSV and JSON in the CLI's schema ({@link ResultCsv}, {@link ResultJson}),
 * and photos with their boxes and labels drawn in as PNG or JPEG (captions in the current language; the
 * CSV and JSON keep the models' own labels). Runs off the FX thread; drawing uses
 * Java2D on the decoded pixels, so nothing here touches the scene graph.
 */
final class GalleryExport {
  private static final Color FACE = new Color(0x2e, 0xcc, 0x71);
  private static final Color OBJECT = new Color(0xf3, 0x9c, 0x12);

  /** JPEG at this quality: 7–9 % of the PNG's size on the sample photos (200–500 KB, not 2–5 MB), no loss anyone sees. */
  static final float JPEG_QUALITY = 0.9f;

  /** How annotated images are written: PNG keeps every pixel (2–5 MB a photo), JPEG is far smaller. */
  public enum ImageFormat {
    PNG("png"),
    JPEG("jpg");

    final String extension;

    ImageFormat(String extension) {
      this.extension = extension;
    }
  }

  private GalleryExport() {}

  static void writeCsv(Path file, List<ImageAnalysis> results) throws IOException {
    try (PrintWriter out = new PrintWriter(Files.newBufferedWriter(file, StandardCharsets.UTF_8))) {
      ResultCsv.writeHeader(out);
      results.forEach(r -> ResultCsv.writeRows(out, r));
    }
  }

  /** A JSON array of the CLI's per-image objects (the CLI writes the same objects one per line). */
  static void writeJson(Path file, List<ImageAnalysis> results) throws IOException {
    try (PrintWriter out = new PrintWriter(Files.newBufferedWriter(file, StandardCharsets.UTF_8))) {
      out.println("[");
      for (int i = 0; i < results.size(); i++) {
        out.println("  " + ResultJson.line(results.get(i)) + (i + 1 < results.size() ? "," : ""));
      }
      out.println("]");
    }
  }

  /** Draws the analysis into the full-size photo and writes {@code <name>.annotated.png} (or .jpg) into {@code folder}. */
  static Path writeAnnotated(PhotoRef photo, ImageAnalysis r, Path folder, ImageFormat format)
      throws IOException, ImageDecodeException {
    BufferedImage image;
    try (DecodedImage decoded = photo.decode(new ImageDecoder(), DecodeTarget.fullResolution())) {
      image = new BufferedImage(decoded.width(), decoded.height(), BufferedImage.TYPE_3BYTE_BGR);
      // TYPE_3BYTE_BGR stores pixels in the same B,G,R byte order as the decoded Mat
      decoded.mat().get(0, 0, ((DataBufferByte) image.getRaster().getDataBuffer()).getData());
    }
    double scale = (double) image.getWidth() / r.width();
    Graphics2D g = image.createGraphics();
    try {
      g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
      float line = Math.max(2f, image.getWidth() / 400f);
      g.setStroke(new BasicStroke(line));
      g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, Math.max(12, Math.round(image.getWidth() / 60f))));
      for (ImageAnalysis.DetectedObjectResult o : r.objects()) {
        draw(g, o.box(), scale, OBJECT, Labels.object(o.label()) + " " + Overlays.percent(o.score()));
      }
      for (ImageAnalysis.Face f : r.faces()) {
        String text = f.emotion() == null ? Messages.text("gallery.export.face", Overlays.percent(f.score()))
            : Labels.emotion(f.emotion().label()) + " " + Overlays.percent(f.emotion().score());
        if (f.age() != null) {
          text += " · " + FaceClasses.ageGenderLong(f.age(), f.gender().label());
        }
        draw(g, f.box(), scale, FACE, text);
        drawLandmarks(g, f.landmarks68(), scale, line);
      }
      if (!r.classes().isEmpty()) {
        ImageAnalysis.ClassScore top = r.classes().get(0);
        draw(g, new Box(0, 0, r.width(), r.height()), scale, OBJECT,
            top.label() + " " + Overlays.percent(top.score()));
      }
    } finally {
      g.dispose();
    }
    String name = photo.file().getFileName().toString();
    int dot = name.lastIndexOf('.');
    // a photo inside a document: report-page3-photo2.annotated.png
    String where = photo.part() == null ? "" : "-" + photo.part().describe(name).replace(", ", "-").replace(' ', '-');
    Path out = folder.resolve((dot > 0 ? name.substring(0, dot) : name) + where + ".annotated." + format.extension);
    if (format == ImageFormat.JPEG) {
      writeJpeg(image, out);
    } else if (!ImageIO.write(image, "png", out.toFile())) {
      throw new IOException(Messages.text("gallery.export.noWriter", "PNG"));
    }
    return out;
  }

  private static void writeJpeg(BufferedImage image, Path out) throws IOException {
    java.util.Iterator<javax.imageio.ImageWriter> writers = ImageIO.getImageWritersByFormatName("jpeg");
    if (!writers.hasNext()) {
      throw new IOException(Messages.text("gallery.export.noWriter", "JPEG"));
    }
    javax.imageio.ImageWriter writer = writers.next();
    javax.imageio.ImageWriteParam param = writer.getDefaultWriteParam();
    param.setCompressionMode(javax.imageio.ImageWriteParam.MODE_EXPLICIT);
    param.setCompressionQuality(JPEG_QUALITY);
    Files.deleteIfExists(out); // an ImageOutputStream over an existing longer file would leave its tail
    try (javax.imageio.stream.ImageOutputStream stream = ImageIO.createImageOutputStream(out.toFile())) {
      writer.setOutput(stream);
      writer.write(null, new javax.imageio.IIOImage(image, null, null), param);
    } finally {
      writer.dispose();
    }
  }

  /** Each of the 68 landmarks as a dot, in the face colour. */
  private static void drawLandmarks(Graphics2D g, List<dev.raut.core.geometry.Point> points, double scale, float line) {
    g.setColor(FACE);
    int r = Math.max(2, Math.round(line));
    for (dev.raut.core.geometry.Point p : points) {
      g.fillOval((int) Math.round(p.x() * scale) - r / 2, (int) Math.round(p.y() * scale) - r / 2, r, r);
    }
  }

  private static void draw(Graphics2D g, Box box, double scale, Color color, String text) {
    int x = (int) Math.round(box.x() * scale);
    int y = (int) Math.round(box.y() * scale);
    int w = (int) Math.round(box.width() * scale);
    int h = (int) Math.round(box.height() * scale);
    g.setColor(color);
    g.drawRect(x, y, w, h);
    int textWidth = g.getFontMetrics().stringWidth(text) + 8;
    int textHeight = g.getFontMetrics().getHeight();
    int ty = y - textHeight >= 0 ? y - textHeight : y;
    g.fillRect(x, ty, textWidth, textHeight);
    g.setColor(Color.BLACK);
    g.drawString(text, x + 4, ty + g.getFontMetrics().getAscent());
  }
}
