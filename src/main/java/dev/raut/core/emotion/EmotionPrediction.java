package dev.raut.core.emotion;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The emotion of one face: the top label, its probability, and every class's probability in model order. */
public record EmotionPrediction(String label, double score, Map<String, Double> scores) {
  public EmotionPrediction {
    scores = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(scores));
  }

  /** A prediction from probabilities by label, listed in {@code order}; the top label wins ties by order. */
  public static EmotionPrediction of(List<String> order, Map<String, Double> byLabel) {
    Map<String, Double> scores = new LinkedHashMap<>();
    String best = order.get(0);
    for (String label : order) {
      double p = byLabel.get(label);
      scores.put(label, p);
      if (p > scores.get(best)) {
        best = label;
      }
    }
    return new EmotionPrediction(best, scores.get(best), scores);
  }

  /** Face by face, the mean of two models' probabilities, matched by label name (their orders may differ). */
  public static List<EmotionPrediction> blend(List<EmotionPrediction> a, List<EmotionPrediction> b) {
    if (a.size() != b.size()) {
      throw new IllegalArgumentException("blend needs one prediction per face from each model");
    }
    List<EmotionPrediction> blended = new ArrayList<>(a.size());
    for (int i = 0; i < a.size(); i++) {
      Map<String, Double> other = b.get(i).scores();
      if (!other.keySet().equals(a.get(i).scores().keySet())) {
        throw new IllegalArgumentException("blend needs both models to answer the same labels");
      }
      Map<String, Double> mean = new LinkedHashMap<>();
      a.get(i).scores().forEach((label, p) -> mean.put(label, (p + other.get(label)) / 2));
      blended.add(of(List.copyOf(a.get(i).scores().keySet()), mean));
    }
    return blended;
  }
}
