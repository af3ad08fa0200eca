package dev.raut.core.emotion;

import java.util.Map;

/** The emotion of one face: the top label, its probability, and every class's probability in model order. */
public record EmotionPrediction(String label, double score, Map<String, Double> scores) {
  public EmotionPrediction {
    scores = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(scores));
  }
}
