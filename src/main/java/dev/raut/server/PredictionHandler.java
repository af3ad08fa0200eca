package dev.raut.server;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import dev.raut.core.analysis.AnalysisError;
import dev.raut.core.analysis.AnalysisRequest;
import dev.raut.core.analysis.ImageAnalysis;
import dev.raut.core.text.Language;
import io.javalin.http.Context;
import dev.raut.core.document.DocumentPart;
import io.javalin.http.Handler;
import java.util.List;

/**
 * {@code POST /prediction}: the research's Flask API, answer for answer. One multipart field
 * {@code image}; errors carry only the reason phrase, as that API's clients expect. A PDF/Office
 * document's photos answer as a list, one prediction per photo with its {@code part}.
 */
final class PredictionHandler implements Handler {
  static final String SUCCESS = "Success Predicting the Image"; // not user text: the Flask API's fixed answer

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
    List<ImageAnalysis> results;
    // one image per request, the field the Flask API read; a request carrying more is refused
    try (Intake.Batch batch = intake.open(ctx, 1)) {
      results = batch.analyze(request);
    } catch (ApiException e) {
      throw e.withoutDetail();
    }
    ImageAnalysis first = results.get(0);
    if (first.part() == null && !first.ok()) {
      throw new ApiException(statusFor(first.error().code()), null); // the image, or the whole document, failed
    }
    if (first.part() == null) {
      ctx.json(Envelope.ok(SUCCESS, task.pick(first)));
      return;
    }
    // a document: one prediction per photo inside it, each with its place (and its error, if it had one)
    ctx.json(Envelope.ok(SUCCESS, results.stream().map(r -> new PhotoPrediction(r.part(),
        r.ok() ? task.pick(r) : PredictionTask.Prediction.NOTHING, r.ok() ? null : r.error().in(RequestLanguage.of(ctx))))
        .toList()));
  }

  /** {@code data} for an uploaded document: the Flask API's two fields per photo, and where the photo is. */
  @JsonPropertyOrder({"part", "image_types_prediction", "confidence", "error"})
  record PhotoPrediction(DocumentPart part, @JsonUnwrapped PredictionTask.Prediction prediction,
      @JsonInclude(JsonInclude.Include.NON_NULL) AnalysisError error) {}

  /** The decoder's error codes, told as HTTP statuses. */
  static int statusFor(String errorCode) {
    return switch (errorCode) {
      case Intake.UNSUPPORTED_TYPE, "unsupported_format", "unsupported_document" -> 415;
      case "too_large", "file_too_big" -> 413;
      case "analysis_failed" -> 500;
      default -> 400;
    };
  }
}
