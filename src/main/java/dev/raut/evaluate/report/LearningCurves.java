package dev.raut.evaluate.report;

import dev.raut.core.teach.Head;
import dev.raut.core.text.Messages;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.util.List;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/** Loss and accuracy per epoch (or optimiser iteration) of a teach run, training and validation. */
public final class LearningCurves {
  private LearningCurves() {}

  public static byte[] png(List<Head.Epoch> epochs, String xAxis) {
    return Png.encode(render(epochs, xAxis));
  }

  public static BufferedImage render(List<Head.Epoch> epochs, String xAxis) {
    XYSeries trainLoss = new XYSeries(Messages.text("report.curves.trainLoss"));
    XYSeries validationLoss = new XYSeries(Messages.text("report.curves.validationLoss"));
    XYSeries trainAccuracy = new XYSeries(Messages.text("report.curves.trainAccuracy"));
    XYSeries validationAccuracy = new XYSeries(Messages.text("report.curves.validationAccuracy"));
    for (Head.Epoch e : epochs) {
      trainLoss.add(e.index(), e.trainLoss());
      trainAccuracy.add(e.index(), e.trainAccuracy());
      if (!Double.isNaN(e.validationLoss())) {
        validationLoss.add(e.index(), e.validationLoss());
        validationAccuracy.add(e.index(), e.validationAccuracy());
      }
    }
    XYSeriesCollection data = new XYSeriesCollection();
    data.addSeries(trainLoss);
    data.addSeries(validationLoss);
    data.addSeries(trainAccuracy);
    data.addSeries(validationAccuracy);
    JFreeChart chart = ChartFactory.createXYLineChart(null, xAxis, Messages.text("report.curves.axis"), data);
    chart.setBackgroundPaint(Color.WHITE);
    XYPlot plot = chart.getXYPlot();
    plot.setBackgroundPaint(Color.WHITE);
    plot.setRangeGridlinePaint(new Color(0xdddddd));
    XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, false);
    Color[] colours = {new Color(0x1f77b4), new Color(0xff7f0e), new Color(0x1f77b4), new Color(0xff7f0e)};
    for (int i = 0; i < 4; i++) {
      renderer.setSeriesPaint(i, colours[i]);
      renderer.setSeriesStroke(i, i < 2 ? new BasicStroke(2f)
          : new BasicStroke(2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 1f, new float[] {6f, 4f}, 0f));
    }
    plot.setRenderer(renderer);
    return chart.createBufferedImage(720, 360);
  }
}
