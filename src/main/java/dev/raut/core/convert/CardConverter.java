package dev.raut.core.convert;

import dev.raut.core.model.ArtifactConverter;
import dev.raut.core.model.FetchException;
import dev.raut.core.model.ModelCard;
import java.nio.file.Path;

/** The converter for every default card: each card's {@code conversion} picks TF.js graph or face-api weights. */
public final class CardConverter implements ArtifactConverter {
  private final TfjsCardConverter tfjs = new TfjsCardConverter();
  private final FaceApiConverter faceApi = new FaceApiConverter();

  @Override
  public byte[] convert(ModelCard card, Path upstreamDir) throws FetchException {
    return card.conversionKind() == ModelCard.Conversion.FACE_API_WEIGHTS
        ? faceApi.convert(card, upstreamDir)
        : tfjs.convert(card, upstreamDir);
  }
}
