package dev.raut.server;

import dev.raut.core.analysis.AnalysisRequest;
import dev.raut.core.analysis.DetectorChoice;
import dev.raut.core.emotion.EmotionViews;
import dev.raut.core.analysis.ImageAnalysis;
import dev.raut.core.text.Language;
import dev.raut.core.text.Problem;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code POST /v1/analyze}: one or many {@code image} parts and the options faces, emotions,
 * objects, classifier and detector, as form fields or query parameters. {@code classifier} is
 * true/false (the server's {@code --classifier}) or the id of an imported classifier that
 * {@code /v1/models} lists under {@code library}: clients name classifiers, never files. Answers the
 * CLI's JSON schema per image, in upload order; a per-image problem is that image's {@code error}.
 * An uploaded PDF/DOCX/PPTX/XLSX gives one result per photo inside it, each with its {@code part}.
 */
final class AnalyzeHandler implements Handler {
  static final String SUCCESS = "Success Analyzing the Images"; // not user text: the Flask API's fixed answer
  static final int MAX_IMAGES = 16;

  /**
   * {@code data} of a successful answer; {@code documents} says, per uploaded document that had
   * any, what was skipped (icons under the minimum size, drawings), and is left out otherwise.
   */
  record Results(List<ImageAnalysis> images,
      @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_EMPTY)
      List<String> documents) {}

  private final Intake intake;
  private final String classifier;
  private final Map<String, String> imported;
  private final String emotionModel;

  /** {@code imported}: the library's classifiers by id, each to its card (as listed when the server started). */
  AnalyzeHandler(Intake intake, String classifier, Map<String, String> imported, String emotionModel) {
    this.intake = intake;
    this.classifier = classifier;
    this.imported = Map.copyOf(imported);
    this.emotionModel = emotionModel;
  }

  @Override
  public void handle(Context ctx) {
    try (Intake.Batch batch = intake.open(ctx, MAX_IMAGES)) {
      Language language = RequestLanguage.of(ctx);
      List<String> skipped = new java.util.ArrayList<>();
      List<ImageAnalysis> images = batch.analyze(request(ctx), document -> {
        if (document.skippedAny()) {
          skipped.add(document.problem().in(language));
        }
      });
      ctx.json(Envelope.ok(SUCCESS, new Results(images.stream().map(i -> i.in(language)).toList(), skipped)));
    }
  }

  /** The options; without any, faces and emotions (as every door does). */
  private AnalysisRequest request(Context ctx) {
    boolean faces = flag(ctx, "faces");
    boolean emotions = flag(ctx, "emotions");
    boolean objects = flag(ctx, "objects");
    boolean ageGender = flag(ctx, "age_gender");
    boolean landmarks = flag(ctx, "landmarks");
    String card = classifierCard(ctx);
    DetectorChoice detector;
    try {
      String name = option(ctx, "detector");
      detector = name == null ? DetectorChoice.AUTO : DetectorChoice.parse(name);
    } catch (IllegalArgumentException e) {
      throw ApiException.badRequest(Problem.verbatim(e.getMessage()));
    }
    return AnalysisRequest.asked(faces || ageGender || landmarks, emotions, objects, card,
            detector, AnalysisRequest.DEFAULT_OBJECT_THRESHOLD, EmotionViews.FAST)
        .withEmotionModel(emotionModel).withFaceExtras(ageGender, landmarks);
  }

  /** The card the {@code classifier} option asks for, or null for none. */
  private String classifierCard(Context ctx) {
    String value = option(ctx, "classifier");
    if (value == null) {
      return null;
    }
    Boolean asked = bool(value);
    if (asked == null) {
      String card = imported.get(value.trim());
      if (card == null) {
        throw ApiException.badRequest(Problem.of("server.unknownClassifier", value));
      }
      return card;
    }
    if (asked && classifier == null) {
      throw ApiException.badRequest(Problem.of("server.noClassifier"));
    }
    return asked ? classifier : null;
  }

  private static boolean flag(Context ctx, String name) {
    String value = option(ctx, name);
    if (value == null) {
      return false;
    }
    Boolean asked = bool(value);
    if (asked == null) {
      throw ApiException.badRequest(Problem.of("server.notBoolean", name, value));
    }
    return asked;
  }

  /** true, false, or null when the value is neither. */
  private static Boolean bool(String value) {
    return switch (value.trim().toLowerCase(Locale.ROOT)) {
      case "true", "1", "yes", "on" -> true;
      case "false", "0", "no", "off" -> false;
      default -> null;
    };
  }

  /** A form field, else a query parameter. */
  private static String option(Context ctx, String name) {
    String value = ctx.formParam(name);
    return value != null ? value : ctx.queryParam(name);
  }
}
