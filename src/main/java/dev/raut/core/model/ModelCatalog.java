package dev.raut.core.model;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Optional;

/** The default models Raut ships cards for; the cards travel in the jar under {@code dev/raut/models/}. */
public final class ModelCatalog {
  public static final String FACE_FRONT = "face-front";
  public static final String FACE_BACK = "face-back";
  public static final String FACE_HAAR = "face-haar";
  public static final String EMOTION = "emotion";
  public static final String OBJECTS = "objects";
  /** Photo-embedding backbones for teaching classifiers (see dev.raut.core.teach.BackboneCatalog). */
  public static final String EMBED_MOBILENET_V3 = "embed-mobilenet-v3";
  public static final String EMBED_MOBILENET_V2 = "embed-mobilenet-v2";
  /** MobileNetV3 blocks 5, 9, 11, 14 pooled to mean + std (texture statistics), 608-D. */
  public static final String EMBED_MOBILENET_V3_TEXTURE = "embed-mobilenet-v3-texture";
  /** face-api's networks, rebuilt from their weights (dev.raut.core.convert.FaceApiConverter). */
  public static final String FACE_EXPRESSION = "face-expression";
  public static final String FACE_AGE_GENDER = "face-age-gender";
  public static final String FACE_LANDMARK_68 = "face-landmark-68";
  public static final String FACE_LANDMARK_68_TINY = "face-landmark-68-tiny";
  public static final String FACE_RECOGNITION = "face-recognition";

  private static final List<String> DEFAULT_IDS = List.of(FACE_FRONT, FACE_BACK, FACE_HAAR, EMOTION, OBJECTS,
      EMBED_MOBILENET_V3, EMBED_MOBILENET_V2, EMBED_MOBILENET_V3_TEXTURE,
      FACE_EXPRESSION, FACE_AGE_GENDER, FACE_LANDMARK_68, FACE_LANDMARK_68_TINY, FACE_RECOGNITION);
  private static final String RESOURCE_DIR = "/dev/raut/models/";
  private static final ObjectMapper JSON =
      new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

  private static final ModelCatalog DEFAULT = load();

  private final List<ModelCard> cards;
  private final SampleSet samples;

  private ModelCatalog(List<ModelCard> cards, SampleSet samples) {
    this.cards = List.copyOf(cards);
    this.samples = samples;
  }

  public static ModelCatalog defaults() {
    return DEFAULT;
  }

  private static ModelCatalog load() {
    List<ModelCard> cards = DEFAULT_IDS.stream().map(id -> read(id + ".json", ModelCard.class)).toList();
    return new ModelCatalog(cards, read("samples.json", SampleSet.class));
  }

  private static <T> T read(String name, Class<T> type) {
    try (InputStream in = ModelCatalog.class.getResourceAsStream(RESOURCE_DIR + name)) {
      if (in == null) {
        throw new IllegalStateException("Model card " + name + " is missing from the application");
      }
      return JSON.readValue(in, type);
    } catch (IOException e) {
      throw new UncheckedIOException("Model card " + name + " cannot be read: " + e.getMessage(), e);
    }
  }

  public List<ModelCard> cards() {
    return cards;
  }

  public Optional<ModelCard> find(String id) {
    return cards.stream().filter(c -> c.id().equals(id)).findFirst();
  }

  public ModelCard get(String id) {
    return find(id).orElseThrow(() -> new IllegalArgumentException(
        "Unknown model '" + id + "'. Known models: " + String.join(", ", DEFAULT_IDS)));
  }

  /** Sample photos from a registry package, fetched like the models; used by tests and demos. */
  public SampleSet samples() {
    return samples;
  }
}
