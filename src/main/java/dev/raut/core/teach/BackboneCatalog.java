package dev.raut.core.teach;

import dev.raut.core.model.ModelCatalog;
import java.util.List;
import java.util.Optional;

/**
 * The backbones Raut can teach on, all converted from registry packages (see {@code models/}).
 * Chosen by measurement (src/test/java/dev/raut/bench/BackboneProbe.java, README "Teach").
 */
public final class BackboneCatalog {
  private static final Backbone.Part MOBILENET_V3 =
      new Backbone.Part(ModelCatalog.EMBED_MOBILENET_V3, 224, Backbone.Pixels.RAW_0_255, 208);
  private static final Backbone.Part MOBILENET_V3_TEXTURE =
      new Backbone.Part(ModelCatalog.EMBED_MOBILENET_V3_TEXTURE, 224, Backbone.Pixels.RAW_0_255, 608);
  private static final Backbone.Part MOBILENET_V2 =
      new Backbone.Part(ModelCatalog.EMBED_MOBILENET_V2, 224, Backbone.Pixels.ZERO_ONE, 1792);

  /** Fast: MobileNetV3 from the CenterNet detector (COCO), 208-D: a smaller head, a little less accurate. */
  public static final Backbone FAST = new Backbone("mobilenet-v3", "MobileNetV3 (208-D)",
      List.of(MOBILENET_V3), "MIT");
  /** MobileNetV2 1.4 ImageNet feature vector from nsfwjs, 1792-D. */
  public static final Backbone MOBILENET_V2_140 = new Backbone("mobilenet-v2", "MobileNetV2 1.4 (1792-D)",
      List.of(MOBILENET_V2), "MIT (nsfwjs); Apache-2.0 (TF-Hub MobileNetV2 weights)");
  /**
   * Both joined, each L2-normalised. Measured below {@link #TEXTURE} on batik10 and art6 (so is
   * the texture statistics joined with MobileNetV2: 77.3% / 67.4% held out); kept for measurement.
   */
  public static final Backbone ACCURATE = new Backbone("mobilenet-v2+v3", "MobileNetV2 1.4 + MobileNetV3 (2000-D)",
      List.of(MOBILENET_V2, MOBILENET_V3), "MIT; Apache-2.0 (TF-Hub MobileNetV2 weights)");

  /**
   * MobileNetV3 texture statistics: blocks 5, 9, 11 and 14 each pooled to per-channel mean and
   * standard deviation, each block L2-normalised inside the converted model, 608-D; same network and
   * cost as {@link #FAST}.
   */
  public static final Backbone TEXTURE = new Backbone("mobilenet-v3-texture",
      "MobileNetV3 texture (mean + std of 4 blocks, 608-D)", List.of(MOBILENET_V3_TEXTURE), "MIT");

  private static final List<Backbone> ALL = List.of(FAST, MOBILENET_V2_140, ACCURATE, TEXTURE);

  private BackboneCatalog() {}

  public static List<Backbone> all() {
    return ALL;
  }

  /**
   * The backbone used when the user picks none ("fast"): MobileNetV3 texture statistics. In Raut's
   * own measurement (teach + HeadProbe 5-fold CV, docs/bench/teach-texture.txt) it beat the 208-D
   * MobileNetV3 card on batik10 (5-fold 80.0% vs 75.5%, held-out 80.7% vs 69.3%) and on art6
   * (held-out 70.8% vs 64.9%); same network, embedding about half as fast.
   */
  public static Backbone defaultBackbone() {
    return TEXTURE;
  }

  /** The backbone for the "accurate" choice: the best measured, the default. */
  public static Backbone accurate() {
    return TEXTURE;
  }

  /** The backbone for the "fast" choice: the same network with a 208-D embedding, so a smaller, faster head. */
  public static Backbone fast() {
    return FAST;
  }

  public static Optional<Backbone> find(String id) {
    return ALL.stream().filter(b -> b.id().equals(id)).findFirst();
  }

  public static Backbone get(String id) {
    return find(id).orElseThrow(() -> new IllegalArgumentException("Unknown backbone '" + id + "'. Known: "
        + String.join(", ", ALL.stream().map(Backbone::id).toList())));
  }
}
