package dev.raut.core.camera;

import dev.raut.core.analysis.ImageAnalysis;
import dev.raut.core.geometry.Box;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Follows faces across frames by box overlap (greedy IoU matching) and smooths each face's emotion,
 * the classes of a per-face classifier, and its age and gender, with an exponential moving average over their
 * probabilities, so a label does not flicker on one ambiguous frame. The smoothing is time-based: the same steadiness at 10 or 300 analysed frames/s.
 * Used by the analysis worker only (not thread-safe).
 */
public final class FaceTracker {
  private static final double MIN_IOU = 0.3;
  /** Probabilities older than this weigh about 1/e: long enough to steady, short enough to follow a smile. */
  private static final double SMOOTHING_MS = 250;
  /** A face unseen for this long is forgotten; a new face there gets a new id. */
  private static final double FORGET_MS = 1000;
  private static final double GOLDEN_ANGLE = 137.508;

  private final List<Track> tracks = new ArrayList<>();
  private int nextId = 1;

  private static final class Track {
    final int id;
    Box box;
    double lastSeenMs;
    double[] probabilities;
    List<String> labels;
    /** Smoothed per-face classifier probabilities by label; null until the face had classes. */
    Map<String, Double> classes;
    double classesSeenMs;
    /** Smoothed apparent age and probability of "female"; NaN until the face had age and gender. */
    double age = Double.NaN;
    double female = Double.NaN;
    double ageSeenMs;

    Track(int id) {
      this.id = id;
    }
  }

  /** Matches this frame's faces to the known ones; {@code timeMs} is the frame's time (any monotonic clock). */
  public List<TrackedFace> update(List<ImageAnalysis.Face> faces, double timeMs) {
    for (Iterator<Track> it = tracks.iterator(); it.hasNext();) {
      if (timeMs - it.next().lastSeenMs > FORGET_MS) {
        it.remove();
      }
    }
    List<Box> boxes = new ArrayList<>(faces.size());
    for (ImageAnalysis.Face f : faces) {
      boxes.add(f.box());
    }
    Track[] assigned = matchGreedy(boxes);
    List<TrackedFace> result = new ArrayList<>(faces.size());
    for (int i = 0; i < faces.size(); i++) {
      Track track = assigned[i];
      if (track == null) {
        track = new Track(nextId++);
        tracks.add(track);
      }
      double dt = track.probabilities == null ? Double.POSITIVE_INFINITY : Math.max(0, timeMs - track.lastSeenMs);
      track.box = boxes.get(i);
      track.lastSeenMs = timeMs;
      ImageAnalysis.Emotion smoothed = smooth(track, faces.get(i).emotion(), dt);
      List<ImageAnalysis.ClassScore> classes = smoothClasses(track, faces.get(i).classes(), timeMs);
      smoothAgeGender(track, faces.get(i), timeMs);
      Double age = Double.isNaN(track.age) || faces.get(i).age() == null ? null : Math.round(track.age * 10) / 10.0;
      ImageAnalysis.ClassScore gender = age == null ? null : track.female >= 0.5
          ? new ImageAnalysis.ClassScore("female", Math.round(track.female * 10000) / 10000.0)
          : new ImageAnalysis.ClassScore("male", Math.round((1 - track.female) * 10000) / 10000.0);
      result.add(new TrackedFace(track.id, hue(track.id), faces.get(i), smoothed, classes, age, gender));
    }
    return result;
  }

  /** Forgets every face (a new source, or time jumped back when a video looped). */
  public void reset() {
    tracks.clear();
  }

  /** Best pairs first: each known face goes to at most one new box and the other way round. */
  private Track[] matchGreedy(List<Box> boxes) {
    Track[] assigned = new Track[boxes.size()];
    boolean[] taken = new boolean[tracks.size()];
    while (true) {
      double best = MIN_IOU;
      int bestBox = -1;
      int bestTrack = -1;
      for (int b = 0; b < boxes.size(); b++) {
        if (assigned[b] != null) {
          continue;
        }
        for (int t = 0; t < tracks.size(); t++) {
          if (taken[t]) {
            continue;
          }
          double iou = tracks.get(t).box.iou(boxes.get(b));
          if (iou >= best) {
            best = iou;
            bestBox = b;
            bestTrack = t;
          }
        }
      }
      if (bestBox < 0) {
        return assigned;
      }
      assigned[bestBox] = tracks.get(bestTrack);
      taken[bestTrack] = true;
    }
  }

  private static ImageAnalysis.Emotion smooth(Track track, ImageAnalysis.Emotion emotion, double dtMs) {
    if (emotion == null) {
      return null;
    }
    List<String> labels = new ArrayList<>(emotion.scores().keySet());
    double[] p = new double[labels.size()];
    for (int c = 0; c < p.length; c++) {
      p[c] = emotion.scores().get(labels.get(c));
    }
    if (track.probabilities == null || !labels.equals(track.labels)) {
      track.probabilities = p;
      track.labels = labels;
    } else {
      double alpha = 1 - Math.exp(-dtMs / SMOOTHING_MS);
      for (int c = 0; c < p.length; c++) {
        track.probabilities[c] += alpha * (p[c] - track.probabilities[c]);
      }
    }
    int best = 0;
    Map<String, Double> scores = new LinkedHashMap<>();
    for (int c = 0; c < p.length; c++) {
      double v = Math.round(track.probabilities[c] * 10000) / 10000.0;
      scores.put(labels.get(c), v);
      if (track.probabilities[c] > track.probabilities[best]) {
        best = c;
      }
    }
    return new ImageAnalysis.Emotion(labels.get(best), scores.get(labels.get(best)), scores);
  }

  /**
   * The same time-based average for a per-face classifier's classes. A face carries only its top
   * classes, so a label missing from this frame counts as 0 for it (it was below the others); the
   * answer keeps as many classes as the frame gave, most likely first.
   */
  private static List<ImageAnalysis.ClassScore> smoothClasses(Track track, List<ImageAnalysis.ClassScore> classes,
      double timeMs) {
    if (classes.isEmpty()) {
      return List.of();
    }
    if (track.classes == null) {
      track.classes = new LinkedHashMap<>();
      classes.forEach(c -> track.classes.put(c.label(), c.score()));
    } else {
      double alpha = 1 - Math.exp(-Math.max(0, timeMs - track.classesSeenMs) / SMOOTHING_MS);
      Map<String, Double> now = new LinkedHashMap<>();
      classes.forEach(c -> now.put(c.label(), c.score()));
      for (String label : now.keySet()) {
        track.classes.putIfAbsent(label, 0.0);
      }
      track.classes.replaceAll((label, old) -> old + alpha * (now.getOrDefault(label, 0.0) - old));
      // labels that faded out are dropped, so the map stays as small as the classifier's output
      track.classes.values().removeIf(v -> v < 1e-4);
    }
    track.classesSeenMs = timeMs;
    return track.classes.entrySet().stream()
        .sorted(Map.Entry.<String, Double>comparingByValue().reversed())
        .limit(classes.size())
        .map(e -> new ImageAnalysis.ClassScore(e.getKey(), Math.round(e.getValue() * 10000) / 10000.0))
        .toList();
  }

  /**
   * Age and the probability of "female" averaged over time like the emotion, so "34 y" does not
   * jump between 31 and 38 from frame to frame; frames without age/gender leave them untouched.
   */
  private static void smoothAgeGender(Track track, ImageAnalysis.Face face, double timeMs) {
    if (face.age() == null || face.gender() == null) {
      return;
    }
    double female = face.gender().label().equals("female") ? face.gender().score() : 1 - face.gender().score();
    if (Double.isNaN(track.age)) {
      track.age = face.age();
      track.female = female;
    } else {
      double alpha = 1 - Math.exp(-Math.max(0, timeMs - track.ageSeenMs) / SMOOTHING_MS);
      track.age += alpha * (face.age() - track.age);
      track.female += alpha * (female - track.female);
    }
    track.ageSeenMs = timeMs;
  }

  /** Well-spread colours for consecutive ids. */
  static double hue(int id) {
    return (id * GOLDEN_ANGLE) % 360;
  }
}
