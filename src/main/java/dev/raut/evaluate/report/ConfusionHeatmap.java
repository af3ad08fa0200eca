package dev.raut.evaluate.report;

import dev.raut.core.evaluate.ConfusionMatrix;
import dev.raut.core.text.Messages;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Locale;

/**
 * The confusion matrix as a heatmap: each cell shows its count (and its share of the row when
 * there is room), coloured by that row share so that small and large classes read the same.
 */
public final class ConfusionHeatmap {
  private static final Font LABEL_FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 13);
  private static final Font TITLE_FONT = new Font(Font.SANS_SERIF, Font.BOLD, 14);
  /** scikit-learn / matplotlib's "Blues", sampled from white to dark blue. */
  private static final Color[] BLUES = {
      new Color(0xF7FBFF), new Color(0xDEEBF7), new Color(0xC6DBEF), new Color(0x9ECAE1), new Color(0x6BAED6),
      new Color(0x4292C6), new Color(0x2171B5), new Color(0x08519C), new Color(0x08306B)};
  private static final int PAD = 16;
  private static final int LEGEND_WIDTH = 14;

  private ConfusionHeatmap() {}

  public static byte[] png(ConfusionMatrix matrix) {
    return Png.encode(render(matrix));
  }

  public static BufferedImage render(ConfusionMatrix matrix) {
    List<String> labels = matrix.labels();
    int n = Math.max(1, labels.size());
    int cell = Math.max(22, Math.min(72, 576 / n));
    Font countFont = new Font(Font.SANS_SERIF, Font.BOLD, Math.max(9, Math.min(18, cell / 3)));
    Font shareFont = new Font(Font.SANS_SERIF, Font.PLAIN, Math.max(9, Math.min(12, cell / 5)));

    FontMetrics labelMetrics = metrics(LABEL_FONT);
    int longest = labels.stream().mapToInt(labelMetrics::stringWidth).max().orElse(0);
    boolean rotateColumns = longest > cell - 4;
    int titleSpace = metrics(TITLE_FONT).getHeight() + 8;
    int left = PAD + titleSpace + longest + 8;
    int top = PAD + titleSpace;
    int grid = cell * labels.size();
    int columnLabelSpace = rotateColumns ? longest + 8 : labelMetrics.getHeight() + 8;
    int legendSpace = PAD + LEGEND_WIDTH + 6 + labelMetrics.stringWidth("100%");
    int width = left + grid + legendSpace + PAD;
    int height = top + grid + columnLabelSpace + titleSpace + PAD;

    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    try {
      g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
      g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
      g.setColor(Color.WHITE);
      g.fillRect(0, 0, width, height);

      for (int row = 0; row < labels.size(); row++) {
        for (int column = 0; column < labels.size(); column++) {
          double share = matrix.rowFraction(row, column);
          int x = left + column * cell;
          int y = top + row * cell;
          g.setColor(blues(share));
          g.fillRect(x, y, cell, cell);
          g.setColor(share > 0.5 ? Color.WHITE : new Color(0x1A1A1A));
          boolean showShare = cell >= 48 && matrix.rowTotal(row) > 0;
          int countY = showShare ? y + cell / 2 : y + cell / 2 + metrics(countFont).getAscent() / 2 - 1;
          centred(g, countFont, String.valueOf(matrix.count(row, column)), x + cell / 2, countY);
          if (showShare) {
            centred(g, shareFont, percent(share), x + cell / 2, y + cell / 2 + metrics(shareFont).getHeight());
          }
        }
      }
      g.setColor(new Color(0x9E9E9E));
      g.setStroke(new BasicStroke(1f));
      g.drawRect(left, top, grid, grid);

      g.setColor(Color.BLACK);
      g.setFont(LABEL_FONT);
      for (int i = 0; i < labels.size(); i++) {
        String label = labels.get(i);
        int rowCentre = top + i * cell + cell / 2;
        g.drawString(label, left - 8 - labelMetrics.stringWidth(label), rowCentre + labelMetrics.getAscent() / 2 - 1);
        int columnCentre = left + i * cell + cell / 2;
        if (rotateColumns) {
          AffineTransform saved = g.getTransform();
          g.translate(columnCentre + labelMetrics.getAscent() / 2 - 1, top + grid + 6 + labelMetrics.stringWidth(label));
          g.rotate(-Math.PI / 2);
          g.drawString(label, 0, 0);
          g.setTransform(saved);
        } else {
          g.drawString(label, columnCentre - labelMetrics.stringWidth(label) / 2, top + grid + 6 + labelMetrics.getAscent());
        }
      }

      g.setFont(TITLE_FONT);
      FontMetrics titleMetrics = metrics(TITLE_FONT);
      String across = Messages.text("report.heatmap.predicted");
      g.drawString(across, left + grid / 2 - titleMetrics.stringWidth(across) / 2, top + grid + columnLabelSpace + titleMetrics.getAscent());
      AffineTransform saved = g.getTransform();
      String down = Messages.text("report.heatmap.true");
      g.translate(PAD + titleMetrics.getAscent(), top + grid / 2 + titleMetrics.stringWidth(down) / 2);
      g.rotate(-Math.PI / 2);
      g.drawString(down, 0, 0);
      g.setTransform(saved);
      String title = Messages.text("report.heatmap.title");
      g.drawString(title, left, PAD + titleMetrics.getAscent());

      drawLegend(g, left + grid + PAD, top, grid, labelMetrics);
    } finally {
      g.dispose();
    }
    return image;
  }

  private static void drawLegend(Graphics2D g, int x, int top, int height, FontMetrics labelMetrics) {
    for (int y = 0; y < height; y++) {
      g.setColor(blues(1.0 - (double) y / Math.max(1, height - 1)));
      g.drawLine(x, top + y, x + LEGEND_WIDTH, top + y);
    }
    g.setColor(new Color(0x9E9E9E));
    g.drawRect(x, top, LEGEND_WIDTH, height);
    g.setColor(Color.BLACK);
    g.setFont(LABEL_FONT);
    g.drawString("100%", x + LEGEND_WIDTH + 6, top + labelMetrics.getAscent());
    g.drawString("0%", x + LEGEND_WIDTH + 6, top + height);
  }

  /** Linear interpolation through the {@link #BLUES} stops; {@code share} in 0..1. */
  static Color blues(double share) {
    double position = Math.max(0, Math.min(1, share)) * (BLUES.length - 1);
    int low = (int) Math.floor(position);
    int high = Math.min(BLUES.length - 1, low + 1);
    double t = position - low;
    Color a = BLUES[low];
    Color b = BLUES[high];
    return new Color(mix(a.getRed(), b.getRed(), t), mix(a.getGreen(), b.getGreen(), t), mix(a.getBlue(), b.getBlue(), t));
  }

  private static int mix(int a, int b, double t) {
    return (int) Math.round(a + (b - a) * t);
  }

  private static void centred(Graphics2D g, Font font, String text, int centreX, int baseline) {
    g.setFont(font);
    g.drawString(text, centreX - g.getFontMetrics().stringWidth(text) / 2, baseline);
  }

  private static String percent(double share) {
    return String.format(Locale.ROOT, "%.0f%%", share * 100);
  }

  private static FontMetrics metrics(Font font) {
    BufferedImage scratch = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = scratch.createGraphics();
    try {
      g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
      return g.getFontMetrics(font);
    } finally {
      g.dispose();
    }
  }
}
