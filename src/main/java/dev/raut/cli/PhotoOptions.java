package dev.raut.cli;

import dev.raut.core.emotion.EmotionViews;
import picocli.CommandLine.Option;

/**
 * The face detector and emotion reading for photos, shared by {@code raut analyze} and the Spark job
 * (which also mixes in {@link AnalysisOptions}), so both doors take the same options with the same defaults.
 */
public final class PhotoOptions {
  @Option(names = "--detector", paramLabel = "NAME", defaultValue = "auto", descriptionKey = "photo.detector")
  String detector;

  @Option(names = "--thorough", descriptionKey = "photo.thorough")
  boolean thorough;

  /** The request these options and {@code analysis} describe, or a usage error naming the bad option. */
  public dev.raut.core.analysis.AnalysisRequest toRequest(AnalysisOptions analysis) {
    return analysis.toRequest(detector, thorough ? EmotionViews.THOROUGH : EmotionViews.FAST);
  }
}
