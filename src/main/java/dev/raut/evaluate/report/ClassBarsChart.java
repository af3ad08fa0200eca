package dev.raut.evaluate.report;

import dev.raut.core.evaluate.ClassMetrics;
import dev.raut.core.evaluate.ClassificationReport;
import dev.raut.core.text.Messages;
import java.awt.Color;
import java.awt.image.BufferedImage;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.CategoryLabelPositions;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.data.category.DefaultCategoryDataset;

/** Precision, recall and F1 per class as grouped bars (JFreeChart); horizontal when there are many classes. */
public final class ClassBarsChart {
  private static final int MANY_CLASSES = 12;

  private ClassBarsChart() {}

  public static byte[] png(ClassificationReport report) {
    return Png.encode(render(report));
  }

  public static BufferedImage render(ClassificationReport report) {
    DefaultCategoryDataset data = new DefaultCategoryDataset();
    for (ClassMetrics c : report.classes()) {
      String category = c.label() + " (" + c.support() + ")";
      data.addValue(c.precision(), "precision", category);
      data.addValue(c.recall(), "recall", category);
      data.addValue(c.f1(), "F1", category);
    }
    int n = Math.max(1, report.classes().size());
    boolean horizontal = n > MANY_CLASSES;
    JFreeChart chart = ChartFactory.createBarChart(Messages.text("report.bars.title"), null, Messages.text("report.bars.score"), data,
        horizontal ? PlotOrientation.HORIZONTAL : PlotOrientation.VERTICAL, true, false, false);
    chart.setBackgroundPaint(Color.WHITE);
    CategoryPlot plot = chart.getCategoryPlot();
    plot.setBackgroundPaint(Color.WHITE);
    plot.setRangeGridlinePaint(new Color(0xBDBDBD));
    NumberAxis range = (NumberAxis) plot.getRangeAxis();
    range.setRange(0.0, 1.0);
    if (!horizontal && n > 8) {
      plot.getDomainAxis().setCategoryLabelPositions(CategoryLabelPositions.UP_45);
    }
    BarRenderer bars = (BarRenderer) plot.getRenderer();
    bars.setBarPainter(new StandardBarPainter());
    bars.setShadowVisible(false);
    bars.setItemMargin(0.05);
    bars.setSeriesPaint(0, new Color(0x4292C6));
    bars.setSeriesPaint(1, new Color(0xFD8D3C));
    bars.setSeriesPaint(2, new Color(0x41AB5D));
    int width = horizontal ? 760 : Math.max(640, 110 * n);
    int height = horizontal ? 120 + 42 * n : 400;
    return chart.createBufferedImage(width, height);
  }
}
