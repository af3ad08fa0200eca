package dev.raut.core.evaluate;

import java.nio.file.Path;

/**
 * One image of a dataset and its true label. {@code name} is how the dataset refers to it (the
 * path relative to the dataset, with forward slashes), for reports; {@code file} is where it is.
 */
public record LabelledImage(Path file, String name, String label) {
  public LabelledImage withLabel(String newLabel) {
    return new LabelledImage(file, name, newLabel);
  }
}
