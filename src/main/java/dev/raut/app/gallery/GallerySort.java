package dev.raut.app.gallery;

import dev.raut.core.analysis.ImageAnalysis;
import dev.raut.core.text.Labels;
import dev.raut.core.text.Messages;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;

/**
 * The order of the cards. Photos without a finished result (queued, failed) come after the
 * others in every order that reads results; ties keep the order the photos were added in.
 */
public enum GallerySort {
  /** As added (removed photos brought back by Undo at their old place). */
  ADDED,
  /** By file name, numbers as numbers: photo2 before photo10. */
  NAME,
  /** Most faces first. */
  FACES,
  /** Grouped by each photo's main emotion (the one most of its faces show), by its name; the strongest first in a group. */
  EMOTION,
  /** The most confident top label first: the photo's class, an object, or a face's emotion or class. */
  CONFIDENCE;

  /** Null for {@link #ADDED}: the gallery's own order. */
  Comparator<GalleryItem> comparator() {
    Comparator<GalleryItem> byAdding = Comparator.comparingLong(GalleryItem::order);
    return switch (this) {
      case ADDED -> null;
      case NAME -> Comparator.<GalleryItem, String>comparing(GalleryItem::fileName, GallerySort::naturalCompare)
          .thenComparing(byAdding);
      case FACES -> finishedFirst().thenComparing(Comparator.comparingInt((GalleryItem i) -> faces(i)).reversed())
          .thenComparing(byAdding);
      case EMOTION -> finishedFirst().thenComparing(GallerySort::compareEmotions).thenComparing(byAdding);
      case CONFIDENCE -> finishedFirst().thenComparing(Comparator.comparingDouble(GallerySort::topScore).reversed())
          .thenComparing(byAdding);
    };
  }

  /** "Order added", "Name"... in the current language. */
  public String label() {
    return Messages.text("gallery.sort." + name().toLowerCase(java.util.Locale.ROOT));
  }

  @Override
  public String toString() {
    return label();
  }

  private static Comparator<GalleryItem> finishedFirst() {
    return Comparator.comparingInt(i -> finished(i) == null ? 1 : 0);
  }

  private static ImageAnalysis finished(GalleryItem item) {
    ImageAnalysis r = item.result();
    return item.state() == GalleryItem.State.DONE && r != null && r.ok() ? r : null;
  }

  private static int faces(GalleryItem item) {
    ImageAnalysis r = finished(item);
    return r == null ? 0 : r.faces().size();
  }

  /** The photo's main emotion and its best score, or null when no face has an emotion. */
  private record MainEmotion(String label, double score) {}

  private static MainEmotion mainEmotion(GalleryItem item) {
    ImageAnalysis r = finished(item);
    if (r == null) {
      return null;
    }
    Map<String, Integer> votes = new HashMap<>();
    Map<String, Double> best = new HashMap<>();
    for (ImageAnalysis.Face f : r.faces()) {
      if (f.emotion() != null) {
        votes.merge(f.emotion().label(), 1, Integer::sum);
        best.merge(f.emotion().label(), f.emotion().score(), Math::max);
      }
    }
    return votes.keySet().stream()
        .max(Comparator.<String>comparingInt(votes::get).thenComparingDouble(best::get))
        .map(label -> new MainEmotion(label, best.get(label))).orElse(null);
  }

  private static int compareEmotions(GalleryItem a, GalleryItem b) {
    MainEmotion ea = mainEmotion(a);
    MainEmotion eb = mainEmotion(b);
    if (ea == null || eb == null) {
      return Boolean.compare(ea == null, eb == null); // photos without an emotion after those with one
    }
    java.text.Collator collator = java.text.Collator.getInstance(Messages.language().locale());
    int byName = collator.compare(Labels.emotion(ea.label()), Labels.emotion(eb.label()));
    return byName != 0 ? byName : Double.compare(eb.score(), ea.score());
  }

  private static double topScore(GalleryItem item) {
    ImageAnalysis r = finished(item);
    if (r == null) {
      return 0;
    }
    double top = r.classes().isEmpty() ? 0 : r.classes().get(0).score();
    for (ImageAnalysis.DetectedObjectResult o : r.objects()) {
      top = Math.max(top, o.score());
    }
    for (ImageAnalysis.Face f : r.faces()) {
      if (f.emotion() != null) {
        top = Math.max(top, f.emotion().score());
      }
      if (!f.classes().isEmpty()) {
        top = Math.max(top, f.classes().get(0).score());
      }
    }
    return top;
  }

  /** Case-insensitive, with runs of digits compared as numbers ("IMG_9" before "IMG_10"). */
  static int naturalCompare(String a, String b) {
    int i = 0;
    int j = 0;
    while (i < a.length() && j < b.length()) {
      char ca = a.charAt(i);
      char cb = b.charAt(j);
      if (Character.isDigit(ca) && Character.isDigit(cb)) {
        int endA = i;
        while (endA < a.length() && Character.isDigit(a.charAt(endA))) {
          endA++;
        }
        int endB = j;
        while (endB < b.length() && Character.isDigit(b.charAt(endB))) {
          endB++;
        }
        java.math.BigInteger na = new java.math.BigInteger(a.substring(i, endA));
        java.math.BigInteger nb = new java.math.BigInteger(b.substring(j, endB));
        int c = na.compareTo(nb);
        if (c != 0) {
          return c;
        }
        i = endA;
        j = endB;
      } else {
        int c = Character.compare(Character.toLowerCase(ca), Character.toLowerCase(cb));
        if (c != 0) {
          return c;
        }
        i++;
        j++;
      }
    }
    int byLength = Integer.compare(a.length() - i, b.length() - j);
    return byLength != 0 ? byLength : a.compareTo(b);
  }
}
