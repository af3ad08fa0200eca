package dev.raut.core.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** Photos shipped inside a registry package, fetched and verified like a model's upstream files. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record SampleSet(String id, String description, ModelCard.Source source, String license) {}
