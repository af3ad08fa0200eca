package dev.raut.app.gallery;

import dev.raut.core.analysis.ImageAnalysis;
import dev.raut.core.text.Labels;
import dev.raut.core.text.Messages;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Which cards the grid shows: all, the errors only, the photos with a face of one emotion, those
 * whose top label (of the photo or of a face, by a classifier) is one class, or those with one kind
 * of object. Only the view: photos hidden by a filter stay in the gallery, its counts and its runs.
 * {@code value} is the model's own label ("happy", "person"), shown in the current language.
 */
public record GalleryFilter(Kind kind, String value) {
  public enum Kind { ALL, ERRORS, EMOTION, LABEL, OBJECT }

  public static final GalleryFilter ALL = new GalleryFilter(Kind.ALL, null);
  public static final GalleryFilter ERRORS = new GalleryFilter(Kind.ERRORS, null);

  public static GalleryFilter emotion(String label) {
    return new GalleryFilter(Kind.EMOTION, label);
  }

  public static GalleryFilter label(String label) {
    return new GalleryFilter(Kind.LABEL, label);
  }

  public static GalleryFilter object(String label) {
    return new GalleryFilter(Kind.OBJECT, label);
  }

  /** A filter offered in the menu, with how many photos of the gallery it would show. */
  public record Offer(GalleryFilter filter, int photos) {}

  public boolean showsAll() {
    return kind == Kind.ALL;
  }

  public boolean test(GalleryItem item) {
    if (kind == Kind.ALL) {
      return true;
    }
    if (kind == Kind.ERRORS) {
      return item.state() == GalleryItem.State.ERROR;
    }
    ImageAnalysis r = item.result();
    if (item.state() != GalleryItem.State.DONE || r == null || !r.ok()) {
      return false;
    }
    return switch (kind) {
      case EMOTION -> r.faces().stream().anyMatch(f -> f.emotion() != null && f.emotion().label().equals(value));
      case LABEL -> topLabels(r).contains(value);
      case OBJECT -> r.objects().stream().anyMatch(o -> o.label().equals(value));
      default -> true;
    };
  }

  /** The photo's top class, and each face's top class (a per-face classifier): what "top label" means. */
  private static List<String> topLabels(ImageAnalysis r) {
    List<String> labels = new ArrayList<>();
    if (!r.classes().isEmpty()) {
      labels.add(r.classes().get(0).label());
    }
    for (ImageAnalysis.Face f : r.faces()) {
      if (!f.classes().isEmpty()) {
        labels.add(f.classes().get(0).label());
      }
    }
    return labels;
  }

  /** "All photos", "Errors only", "Faces: happy", "Label: cat", "Objects: person". */
  public String label() {
    return switch (kind) {
      case ALL -> Messages.text("gallery.filter.all");
      case ERRORS -> Messages.text("gallery.filter.errors");
      case EMOTION -> Messages.text("gallery.filter.emotion", Labels.emotion(value));
      case LABEL -> Messages.text("gallery.filter.label", value);
      case OBJECT -> Messages.text("gallery.filter.object", Labels.object(value));
    };
  }

  @Override
  public String toString() {
    return label();
  }

  /**
   * What the menu offers for these photos: all, errors, then every emotion, top label and object
   * found in them (each once, by its label), with how many photos each would show.
   */
  static List<Offer> offers(List<GalleryItem> items) {
    int errors = 0;
    Map<String, Integer> emotions = new TreeMap<>();
    Map<String, Integer> labels = new TreeMap<>();
    Map<String, Integer> objects = new TreeMap<>();
    for (GalleryItem item : items) {
      ImageAnalysis r = item.result();
      if (item.state() == GalleryItem.State.ERROR) {
        errors++;
      }
      if (item.state() != GalleryItem.State.DONE || r == null || !r.ok()) {
        continue;
      }
      r.faces().stream().filter(f -> f.emotion() != null).map(f -> f.emotion().label()).distinct()
          .forEach(e -> emotions.merge(e, 1, Integer::sum));
      topLabels(r).stream().distinct().forEach(l -> labels.merge(l, 1, Integer::sum));
      r.objects().stream().map(ImageAnalysis.DetectedObjectResult::label).distinct()
          .forEach(o -> objects.merge(o, 1, Integer::sum));
    }
    List<Offer> offers = new ArrayList<>();
    offers.add(new Offer(ALL, items.size()));
    offers.add(new Offer(ERRORS, errors));
    emotions.forEach((e, n) -> offers.add(new Offer(emotion(e), n)));
    labels.forEach((l, n) -> offers.add(new Offer(label(l), n)));
    objects.forEach((o, n) -> offers.add(new Offer(object(o), n)));
    return offers;
  }
}
