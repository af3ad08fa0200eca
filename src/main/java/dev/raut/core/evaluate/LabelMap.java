package dev.raut.core.evaluate;

import dev.raut.core.text.Problem;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Renames a dataset's labels to the model's ({@code happiness=happy,anger=angry}). Given as
 * {@code a=b,c=d} or as a file with one {@code a=b} per line ({@code #} starts a comment).
 * Keys match exactly or, failing that, ignoring case.
 */
public final class LabelMap {
  private static final LabelMap EMPTY = new LabelMap(Map.of());

  private final Map<String, String> entries;

  private LabelMap(Map<String, String> entries) {
    this.entries = Collections.unmodifiableMap(new LinkedHashMap<>(entries));
  }

  public static LabelMap empty() {
    return EMPTY;
  }

  public static LabelMap of(Map<String, String> entries) {
    return new LabelMap(entries);
  }

  /** {@code spec} is a file holding the map, or the map itself as {@code a=b,c=d}. */
  public static LabelMap parse(String spec) {
    Path file = Path.of(spec.trim());
    if (!spec.contains("=") || Files.isRegularFile(file)) {
      try {
        return parseEntries(Files.readAllLines(file, StandardCharsets.UTF_8), Problem.verbatim(file.toString()));
      } catch (IOException e) {
        throw new DatasetException(Problem.of("errors.dataset.labelMapUnreadable", spec), e);
      }
    }
    return parseEntries(List.of(spec), Problem.of("errors.dataset.theLabelMap"));
  }

  private static LabelMap parseEntries(List<String> lines, Problem source) {
    Map<String, String> entries = new LinkedHashMap<>();
    for (String line : lines) {
      int comment = line.indexOf('#');
      String content = comment >= 0 ? line.substring(0, comment) : line;
      for (String entry : content.split(",")) {
        if (entry.isBlank()) {
          continue;
        }
        int eq = entry.indexOf('=');
        String from = eq < 0 ? "" : entry.substring(0, eq).trim();
        String to = eq < 0 ? "" : entry.substring(eq + 1).trim();
        if (from.isEmpty() || to.isEmpty()) {
          throw new DatasetException(Problem.of("errors.dataset.labelMapEntry", source, entry.trim()));
        }
        entries.put(from, to);
      }
    }
    return new LabelMap(entries);
  }

  public Map<String, String> entries() {
    return entries;
  }

  /** The mapped label, or the label itself when no entry matches. */
  public String apply(String label) {
    String mapped = entries.get(label);
    if (mapped != null) {
      return mapped;
    }
    for (Map.Entry<String, String> e : entries.entrySet()) {
      if (e.getKey().equalsIgnoreCase(label)) {
        return e.getValue();
      }
    }
    return label;
  }

  /**
   * The dataset with its labels mapped and then spelled as the model spells them (matching ignores
   * case), plus what was renamed and which dataset labels the model does not know. Images with an
   * unknown label stay in (the model can never be right on them, which the report shows).
   */
  public Mapped applyTo(Dataset dataset, List<String> modelLabels) {
    Map<String, String> renamed = new TreeMap<>();
    Map<String, Integer> unknown = new TreeMap<>();
    List<LabelledImage> images = new ArrayList<>(dataset.images().size());
    for (LabelledImage image : dataset.images()) {
      String label = modelSpelling(apply(image.label()), modelLabels);
      if (!label.equals(image.label())) {
        renamed.put(image.label(), label);
      }
      if (!modelLabels.contains(label)) {
        unknown.merge(image.label(), 1, Integer::sum);
      }
      images.add(image.withLabel(label));
    }
    return new Mapped(dataset.withImages(images), renamed, unknown);
  }

  private static String modelSpelling(String label, List<String> modelLabels) {
    for (String modelLabel : modelLabels) {
      if (modelLabel.toLowerCase(Locale.ROOT).equals(label.toLowerCase(Locale.ROOT))) {
        return modelLabel;
      }
    }
    return label;
  }

  /**
   * @param renamed dataset label → the model label it became
   * @param unknownToModel dataset labels (as in the dataset) that match no model label, with their image counts
   */
  public record Mapped(Dataset dataset, Map<String, String> renamed, Map<String, Integer> unknownToModel) {
    public Mapped {
      renamed = Collections.unmodifiableMap(new TreeMap<>(renamed));
      unknownToModel = Collections.unmodifiableMap(new TreeMap<>(unknownToModel));
    }
  }
}
