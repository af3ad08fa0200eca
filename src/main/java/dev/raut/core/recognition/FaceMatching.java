package dev.raut.core.recognition;

/**
 * Same person or not, by the Euclidean distance between two descriptors. The threshold was chosen
 * by measurement on the identities of the dev photos (README, "Face recognition"); face-api's own
 * documentation suggests 0.6 for its descriptors on its detector's crops.
 */
public final class FaceMatching {
  /** Below this distance two faces are taken to be the same person. */
  public static final double THRESHOLD = 0.66;

  private FaceMatching() {
  }

  public static double distance(float[] a, float[] b) {
    if (a.length != b.length) {
      throw new IllegalArgumentException("descriptors of different lengths: " + a.length + " and " + b.length);
    }
    double sum = 0;
    for (int i = 0; i < a.length; i++) {
      double d = a[i] - b[i];
      sum += d * d;
    }
    return Math.sqrt(sum);
  }

  public static boolean samePerson(double distance, double threshold) {
    return distance <= threshold;
  }
}
