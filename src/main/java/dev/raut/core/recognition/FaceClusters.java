package dev.raut.core.recognition;

import java.util.ArrayList;
import java.util.List;

/**
 * Groups faces by person: average-linkage agglomerative clustering on descriptor distances, merging
 * the two closest groups while their mean distance stays under the threshold. Deterministic (ties
 * go to the lower indices), O(n³) on n faces: fine for a gallery of a few thousand faces.
 */
public final class FaceClusters {
  private FaceClusters() {
  }

  /** Groups of indices into {@code descriptors}, each group sorted, groups ordered by their first index. */
  public static List<List<Integer>> cluster(List<float[]> descriptors, double threshold) {
    return cluster(descriptors, threshold, null);
  }

  /**
   * The same, but two faces of one photo never end up in one group (one person is not twice in a
   * photo): {@code photoOf[i]} numbers face i's photo; null puts no such limit.
   */
  public static List<List<Integer>> cluster(List<float[]> descriptors, double threshold, int[] photoOf) {
    int n = descriptors.size();
    java.util.BitSet[] photos = new java.util.BitSet[n];
    for (int i = 0; i < n; i++) {
      photos[i] = new java.util.BitSet();
      if (photoOf != null) {
        photos[i].set(photoOf[i]);
      }
    }
    double[][] distance = new double[n][n];
    for (int i = 0; i < n; i++) {
      for (int j = i + 1; j < n; j++) {
        distance[i][j] = distance[j][i] = FaceMatching.distance(descriptors.get(i), descriptors.get(j));
      }
    }
    List<List<Integer>> groups = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      groups.add(new ArrayList<>(List.of(i)));
    }
    // linkage[a][b]: mean distance between the members of groups a and b (kept for live groups only)
    double[][] linkage = distance;
    boolean[] alive = new boolean[n];
    java.util.Arrays.fill(alive, true);
    while (true) {
      int bestA = -1;
      int bestB = -1;
      double best = threshold;
      for (int a = 0; a < n; a++) {
        if (!alive[a]) {
          continue;
        }
        for (int b = a + 1; b < n; b++) {
          if (alive[b] && linkage[a][b] < best && !photos[a].intersects(photos[b])) {
            best = linkage[a][b];
            bestA = a;
            bestB = b;
          }
        }
      }
      if (bestA < 0) {
        break;
      }
      int sizeA = groups.get(bestA).size();
      int sizeB = groups.get(bestB).size();
      for (int c = 0; c < n; c++) {
        if (alive[c] && c != bestA && c != bestB) {
          double merged = (linkage[bestA][c] * sizeA + linkage[bestB][c] * sizeB) / (sizeA + sizeB);
          linkage[bestA][c] = linkage[c][bestA] = merged;
        }
      }
      groups.get(bestA).addAll(groups.get(bestB));
      photos[bestA].or(photos[bestB]);
      alive[bestB] = false;
    }
    List<List<Integer>> result = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      if (alive[i]) {
        List<Integer> group = new ArrayList<>(groups.get(i));
        group.sort(null);
        result.add(List.copyOf(group));
      }
    }
    return result;
  }
}
