package dev.raut.core.evaluate;

/**
 * One class's line of the report. {@code support} is how many images truly are this class,
 * {@code predicted} how many the model put in it. Undefined ratios (nothing predicted, no
 * support) are 0.0, as scikit-learn's {@code classification_report} reports them by default.
 */
public record ClassMetrics(String label, double precision, double recall, double f1, int support, int predicted) {}
