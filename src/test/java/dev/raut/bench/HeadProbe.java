package dev.raut.bench;

import dev.raut.core.model.ModelStore;
import dev.raut.core.teach.BackboneCatalog;
import dev.raut.core.teach.EmbeddingCache;
import dev.raut.core.teach.Features;
import dev.raut.core.teach.HeadTraining;
import dev.raut.core.teach.MlpHead;
import dev.raut.core.teach.OnnxEmbedder;
import dev.raut.core.teach.SoftmaxRegression;
import dev.raut.core.teach.TeachingData;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Dev harness: 5-fold stratified cross-validation of the teach heads on cached embeddings of a
 * labelled folder (run raut teach on it once first so the embeddings are cached). Args: DATA
 * BACKBONE_ID. Prints accuracy per head setting.
 */
public final class HeadProbe {
  public static void main(String[] args) throws Exception {
    CachedEmbeddings cached = CachedEmbeddings.load(Path.of(args[0]), args[1]);
    TeachingData data = cached.data();
    float[][] x = cached.x();
    int[] y = cached.y();
    int dim = cached.dimension();
    int k = data.classes().size();
    System.out.println(x.length + " cached embeddings, dim " + dim);
    for (boolean standardise : new boolean[] {true, false}) {
      for (double l2 : new double[] {1e-3, 1e-2, 1e-1, 3e-1, 1, 3}) {
        double acc = cv(x, y, k, 5, standardise, (fx, fy) -> SoftmaxRegression.train(fx, fy, k, l2,
            Features.balancedClassWeights(fy, k), new float[0][], new int[0], 500, () -> false));
        System.out.printf("logreg standardise=%s l2=%g: %.1f%%%n", standardise, l2, 100 * acc);
      }
    }
    double mlp = cv(x, y, k, 5, true, (fx, fy) -> {
      int[][] s = HeadTraining.stratifiedSplit(fy, k, 0.2, 3);
      return MlpHead.train(pick(fx, s[0]), pick(fy, s[0]), k, MlpHead.Settings.defaults(),
          Features.balancedClassWeights(fy, k), pick(fx, s[1]), pick(fy, s[1]), 3, () -> false);
    });
    System.out.printf("mlp: %.1f%%%n", 100 * mlp);
  }

  interface Trainer {
    dev.raut.core.teach.Head train(float[][] x, int[] y);
  }

  static double cv(float[][] x, int[] y, int k, int folds, boolean standardise, Trainer trainer) {
    int[] fold = new int[x.length];
    List<List<Integer>> byClass = new ArrayList<>();
    for (int c = 0; c < k; c++) {
      byClass.add(new ArrayList<>());
    }
    for (int i = 0; i < y.length; i++) {
      byClass.get(y[i]).add(i);
    }
    java.util.Random r = new java.util.Random(1);
    for (List<Integer> members : byClass) {
      java.util.Collections.shuffle(members, r);
      for (int j = 0; j < members.size(); j++) {
        fold[members.get(j)] = j % folds;
      }
    }
    int right = 0;
    for (int f = 0; f < folds; f++) {
      List<Integer> tr = new ArrayList<>();
      List<Integer> te = new ArrayList<>();
      for (int i = 0; i < x.length; i++) {
        (fold[i] == f ? te : tr).add(i);
      }
      int[] tri = tr.stream().mapToInt(Integer::intValue).toArray();
      int[] tei = te.stream().mapToInt(Integer::intValue).toArray();
      float[][] fx = pick(x, tri);
      float[][] tx = pick(x, tei);
      if (standardise) {
        Features.Standardization s = Features.Standardization.of(fx);
        fx = s.apply(fx);
        tx = s.apply(tx);
      }
      dev.raut.core.teach.Head head = trainer.train(fx, pick(y, tri));
      for (int i = 0; i < tei.length; i++) {
        right += head.predict(tx[i]) == y[tei[i]] ? 1 : 0;
      }
    }
    return (double) right / x.length;
  }

  static float[][] pick(float[][] x, int[] idx) {
    float[][] out = new float[idx.length][];
    for (int i = 0; i < idx.length; i++) {
      out[i] = x[idx[i]];
    }
    return out;
  }

  static int[] pick(int[] y, int[] idx) {
    int[] out = new int[idx.length];
    for (int i = 0; i < idx.length; i++) {
      out[i] = y[idx[i]];
    }
    return out;
  }
}
