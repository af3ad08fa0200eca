package dev.raut.app.gallery;

import java.util.ArrayList;
import java.util.List;

/**
 * Where each face's number badge and label go over a displayed photo, so that none overlaps
 * another and none leaves the picture. Plain geometry (no JavaFX), so it is tested on its own.
 *
 * <p>Greedy, in face order: first every face gets its badge (the number is what ties a box to its
 * row, so it always shows), at the first of a few spots around the box's corners that is free;
 * then each label goes right of its badge, or left of it at the picture's right edge, when that
 * spot is free and inside, the badge moving to another free spot at its box if that makes room. A
 * label with no room anywhere is left out: the badge alone remains.
 */
final class TagPlacement {
  /** A rectangle in the layer's pixels. */
  record Rect(double x, double y, double w, double h) {
    double maxX() {
      return x + w;
    }

    double maxY() {
      return y + h;
    }

    /** Overlap with some area: rectangles that only touch along an edge do not overlap. */
    boolean overlaps(Rect o) {
      return x < o.maxX() - EDGE && o.x < maxX() - EDGE && y < o.maxY() - EDGE && o.y < maxY() - EDGE;
    }

    boolean inside(Rect bounds) {
      return x >= bounds.x - EDGE && y >= bounds.y - EDGE && maxX() <= bounds.maxX() + EDGE
          && maxY() <= bounds.maxY() + EDGE;
    }

    boolean contains(double px, double py) {
      return px >= x && px <= maxX() && py >= y && py <= maxY();
    }
  }

  /** What one face needs: its box, and the sizes of its badge and label (label width 0: no label). */
  record Want(Rect box, double badgeWidth, double labelWidth, double height) {}

  /** Where one face's badge goes, and its label (null when there was no room for it). */
  record Tag(Rect badge, Rect label) {}

  /** Rounding slack: sizes come from font metrics in fractions of a pixel. */
  private static final double EDGE = 0.01;

  private TagPlacement() {}

  /** One {@link Tag} per wanted face, in the same order, all inside {@code bounds}. */
  static List<Tag> place(List<Want> wants, Rect bounds) {
    return place(wants, bounds, List.of());
  }

  /** As above, the tags also kept off {@code covered}: what is drawn over the picture (a card's state and remove button). */
  static List<Tag> place(List<Want> wants, Rect bounds, List<Rect> covered) {
    List<Rect> taken = new ArrayList<>(covered);
    List<Rect> badges = new ArrayList<>();
    for (Want want : wants) {
      Rect badge = badgeSpots(want, bounds).stream().filter(spot -> free(spot, taken)).findFirst()
          // all taken: a number over a number is better than a face without one
          .orElse(badgeSpots(want, bounds).get(0));
      badges.add(badge);
      taken.add(badge);
    }
    List<Tag> tags = new ArrayList<>();
    for (int i = 0; i < wants.size(); i++) {
      Want want = wants.get(i);
      Rect badge = badges.get(i);
      Tag tag = new Tag(badge, null);
      if (want.labelWidth() > 0) {
        taken.remove(badge);
        // the badge where it is, else moved to another free spot at its box where its label fits too
        List<Rect> spots = new ArrayList<>(List.of(badge));
        badgeSpots(want, bounds).stream().filter(spot -> !spot.equals(badge) && free(spot, taken)).forEach(spots::add);
        for (Rect spot : spots) {
          Rect label = labelBeside(spot, want, bounds, taken);
          if (label != null) {
            tag = new Tag(spot, label);
            taken.add(label);
            break;
          }
        }
        taken.add(tag.badge());
      }
      tags.add(tag);
    }
    return tags;
  }

  /** The label right of the badge, or left of it (at the picture's right edge), when that is inside and free; else null. */
  private static Rect labelBeside(Rect badge, Want want, Rect bounds, List<Rect> taken) {
    Rect right = new Rect(badge.maxX(), badge.y(), want.labelWidth(), want.height());
    Rect left = new Rect(badge.x() - want.labelWidth(), badge.y(), want.labelWidth(), want.height());
    for (Rect spot : List.of(right, left)) {
      if (spot.inside(bounds) && free(spot, taken)) {
        return spot;
      }
    }
    return null;
  }

  private static boolean free(Rect spot, List<Rect> taken) {
    return taken.stream().noneMatch(spot::overlaps);
  }

  /**
   * Where a face's badge may go, best first: above the box's top-left corner, inside it, below it,
   * inside its bottom; then the same at the box's right side. Each is pushed inside the picture (so
   * a box at the top edge gets its badge inside).
   */
  private static List<Rect> badgeSpots(Want want, Rect bounds) {
    Rect box = want.box();
    double w = want.badgeWidth();
    double h = want.height();
    List<Rect> spots = new ArrayList<>();
    for (double x : new double[] {box.x(), box.maxX() - w}) {
      for (double y : new double[] {box.y() - h, box.y(), box.maxY(), box.maxY() - h}) {
        spots.add(new Rect(clamp(x, bounds.x(), bounds.maxX() - w), clamp(y, bounds.y(), bounds.maxY() - h), w, h));
      }
    }
    return spots;
  }

  private static double clamp(double v, double min, double max) {
    return Math.max(min, Math.min(v, Math.max(min, max)));
  }

  /**
   * The index of the smallest box containing the point, or -1: where boxes overlap (a face in front
   * of another), a click means the small one, since the big one has room elsewhere.
   */
  static int smallestAt(List<Rect> boxes, double x, double y) {
    int found = -1;
    double area = Double.MAX_VALUE;
    for (int i = 0; i < boxes.size(); i++) {
      Rect b = boxes.get(i);
      if (b.contains(x, y) && b.w() * b.h() < area) {
        found = i;
        area = b.w() * b.h();
      }
    }
    return found;
  }
}
