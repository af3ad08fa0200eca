package dev.raut.cli;

import dev.raut.core.analysis.AnalysisRequest;
import dev.raut.core.analysis.DetectorChoice;
import dev.raut.core.emotion.EmotionModel;
import dev.raut.core.emotion.EmotionViews;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/**
 * What to look for, shared by {@code raut analyze}, {@code raut live} and the Spark job: an option
 * added here reaches every door. The face detector stays with each command: photos and webcams
 * want different defaults.
 */
public final class AnalysisOptions {
  @Option(names = "--faces", description = "Detect faces (boxes, scores, keypoints).")
  boolean faces;

  @Option(names = "--emotions", description = "Emotion of each face (implies --faces).")
  boolean emotions;

  @Option(names = "--objects", description = "Detect the 80 COCO object classes.")
  boolean objects;

  @Option(names = "--classifier", paramLabel = "NAME_OR_FILE",
      description = "Your classifier: a name from 'raut models list', a card (.json) or an .onnx. One imported with"
          + " --scope face runs on each face (faces[].classes).")
  String classifier;

  @Option(names = "--emotion-model", paramLabel = "NAME",
      description = "Which model reads each face's emotion: a built-in one (mini-xception, face-expression, blend;"
          + " 'default' = the best measured for the input) or your own face-scope classifier. Implies --emotions.")
  String emotionModel;

  @Option(names = "--age-gender", description = "Apparent age (years) and gender of each face (implies --faces).")
  boolean ageGender;

  @Option(names = "--landmarks", description = "68 landmarks of each face, in image pixels (implies --faces).")
  boolean landmarks;

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
    String card = classifier == null ? null : ClassifierChoice.resolve(command.commandLine(), "--classifier", classifier);
    EmotionModel builtIn = emotionModel == null ? null : EmotionModel.find(emotionModel);
    String emotionCard = builtIn != null ? null : ClassifierChoice.emotionModel(command.commandLine(), emotionModel);
    boolean emotionNamed = builtIn != null || emotionCard != null;
    return AnalysisRequest.asked(faces || ageGender || landmarks, emotions || emotionNamed, objects, card, detector,
            objectThreshold, views)
        .withEmotionModel(emotionCard).withBuiltInEmotion(builtIn).withFaceExtras(ageGender, landmarks);
  }
}
