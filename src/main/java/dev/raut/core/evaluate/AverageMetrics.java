package dev.raut.core.evaluate;

/** Macro (every class counts the same) or weighted (by support) average of the per-class figures. */
public record AverageMetrics(double precision, double recall, double f1, int support) {}
