package dev.raut.core.model;

import java.nio.file.Path;

/** Turns a model's verified upstream files into the artifact Raut loads (for example TF.js graph to ONNX). */
@FunctionalInterface
public interface ArtifactConverter {
  byte[] convert(ModelCard card, Path upstreamDir) throws FetchException;
}
