package dev.raut.core.evaluate;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Labelled images read from class folders or a CSV.
 *
 * @param source what the user named (the folder or the CSV file)
 * @param root the folder image names are relative to (the class folders' parent, or the CSV's folder)
 * @param layout how the labels were given
 * @param images in a stable order (by class folder and file name, or CSV row order)
 */
public record Dataset(Path source, Path root, Layout layout, List<LabelledImage> images) {
  public enum Layout {
    /** {@code root/<label>/*.jpg}, the Keras {@code image_dataset_from_directory} layout. */
    CLASS_FOLDERS,
    /** A CSV whose rows are {@code image,label}. */
    CSV
  }

  public Dataset {
    images = List.copyOf(images);
  }

  /** How many images each label has, by label. */
  public Map<String, Integer> labelCounts() {
    Map<String, Integer> counts = new TreeMap<>();
    images.forEach(image -> counts.merge(image.label(), 1, Integer::sum));
    return counts;
  }

  public Dataset withImages(List<LabelledImage> newImages) {
    return new Dataset(source, root, layout, newImages);
  }
}
