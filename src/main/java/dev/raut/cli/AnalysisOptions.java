package dev.raut.cli;

import dev.raut.core.analysis.AnalysisRequest;
import dev.raut.core.analysis.DetectorChoice;
import dev.raut.core.emotion.EmotionModel;
import dev.raut.core.emotion.EmotionViews;
import dev.raut.core.text.Messages;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/**
 * What to look for, shared by {@code raut analyze}, {@code raut live} and the Spark job: an option
 * added here reaches every door. The face detector stays with each command: photos and webcams
 * want different defaults.
 */
public final class AnalysisOptions {
  @Option(names = "--faces", descriptionKey = "analysis.faces")
  boolean faces;

  @Option(names = "--emotions", descriptionKey = "analysis.emotions")
  boolean emotions;

  @Option(names = "--objects", descriptionKey = "analysis.objects")
  boolean objects;

  @Option(names = "--classifier", paramLabel = "NAME_OR_FILE", descriptionKey = "analysis.classifier")
  String classifier;

  @Option(names = "--emotion-model", paramLabel = "NAME", descriptionKey = "analysis.emotion-model")
  String emotionModel;

  @Option(names = "--age-gender", descriptionKey = "analysis.age-gender")
  boolean ageGender;

  @Option(names = "--landmarks", descriptionKey = "analysis.landmarks")
  boolean landmarks;

  @Option(names = "--object-threshold", paramLabel = "P", defaultValue = "0.3", descriptionKey = "analysis.object-threshold")
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
      throw new CommandLine.ParameterException(command.commandLine(), Messages.text("cli.error.objectThreshold"));
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
