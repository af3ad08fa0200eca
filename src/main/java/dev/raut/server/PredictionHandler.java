package dev.raut.server;

import dev.raut.core.analysis.AnalysisRequest;
import dev.raut.core.analysis.ImageAnalysis;
import io.javalin.http.Context;
import io.javalin.http.Handler;

/**
 * {@code POST /prediction}: the research's Flask API, answer for answer. One multipart field
 * {@code image}; errors carry only the reason phrase, as that API's clients expect.
 */
final class PredictionHandler implements Handler {
  static final String SUCCESS = "Success Predicting the Image";

  private final Intake intake;
  private final PredictionTask task;
  private final AnalysisRequest request;

  PredictionHandler(Intake intake, PredictionTask task, String classifier, String emotionModel) {
    this.intake = intake;
    this.task = task;
    this.request = task.request(classifier, emotionModel);
  }

  @Override
  public void handle(Context ctx) {
    ImageAnalysis result;
    // one image per request, the field the Flask API read; a request carrying more is refused
    try (Intake.Batch batch = intake.open(ctx, 1)) {
      result = batch.analyze(request).get(0);
    } catch (ApiException e) {
      throw e.withoutDetail();
    }
    if (!result.ok()) {
      throw new ApiException(statusFor(result.error().code()), null);
    }
    ctx.json(Envelope.ok(SUCCESS, task.pick(result)));
  }

  /** The decoder's error codes, told as HTTP statuses. */
  static int statusFor(String errorCode) {
    return switch (errorCode) {
      case Intake.UNSUPPORTED_TYPE, "unsupported_format" -> 415;
      case "too_large", "file_too_big" -> 413;
      case "analysis_failed" -> 500;
      default -> 400;
    };
  }
}
