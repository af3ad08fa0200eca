package dev.raut.cli;

import dev.raut.core.analysis.AnalysisRequest;
import dev.raut.core.analysis.DetectorChoice;
import dev.raut.core.emotion.EmotionViews;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/**
 * What to look for, shared by {@code raut analyze} and {@code raut live}. The face detector stays
 * with each command: photos and webcams want different defaults.
 */
final class AnalysisOptions {
  @Option(names = "--faces", description = "Detect faces (boxes, scores, keypoints).")
  boolean faces;

  @Option(names = "--emotions", description = "Emotion of each face (implies --faces).")
  boolean emotions;

  @Option(names = "--objects", description = "Detect the 80 COCO object classes.")
  boolean objects;

  @Option(names = "--classifier", paramLabel = "CARD_OR_ONNX", description = "Your ONNX image classifier (.onnx) or its card (.json).")
  String classifier;

  @Option(names = "--object-threshold", paramLabel = "P", defaultValue = "0.3", description = "Minimum object score (default: ${DEFAULT-VALUE}).")
  double objectThreshold;

  @CommandLine.Spec(CommandLine.Spec.Target.MIXEE)
  CommandLine.Model.CommandSpec command;

  /** The request, or a usage error naming the bad option. */
  AnalysisRequest toRequest(String detectorName, EmotionViews views) {
    DetectorChoice detector;
    try {
      detector = DetectorChoice.parse(detectorName);
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(command.commandLine(), e.getMessage());
    }
    if (objectThreshold < 0 || objectThreshold > 1) {
      throw new CommandLine.ParameterException(command.commandLine(), "--object-threshold must be between 0 and 1");
    }
    return AnalysisRequest.asked(faces, emotions, objects, classifier, detector, objectThreshold, views);
  }
}
