package dev.raut.core.analysis;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/** Why an image could not be analysed: a stable machine code and a sentence for people. */
@JsonPropertyOrder({"code", "message"})
public record AnalysisError(String code, String message) {}
