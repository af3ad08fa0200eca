package dev.raut.core.classify;

/** One class and its probability. */
public record ClassPrediction(String label, double score) {}
