package dev.raut.core.recognition;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.raut.core.geometry.Box;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The people the user's photos show: each photo's faces with their 128-D descriptors, which person
 * each face belongs to, and the people's names. Kept in one JSON file in the user's data folder,
 * never in the photos; written whole to a temporary file and moved into place, so a crash leaves
 * the previous version. Not thread-safe: its owner changes it on one thread and saves a
 * {@link #snapshot()} elsewhere.
 */
public final class PeopleBook {
  /** Mean distance under which faces are one person when grouping (README, "Face recognition": purity 85.8%). */
  public static final double GROUPING_THRESHOLD = 0.50;

  private static final ObjectMapper JSON = new ObjectMapper();

  /** A face of a photo: where it is, its descriptor, and its person's id (null until grouped). */
  public record Face(Box box, float[] descriptor, String person) {
    Face withPerson(String id) {
      return new Face(box, descriptor, id);
    }
  }

  /** One described photo; {@code size} and {@code modified} tell whether the file changed since. */
  public record Photo(long size, long modified, List<Face> faces) {
    public Photo {
      faces = List.copyOf(faces);
    }
  }

  /** A face by its photo and its index in that photo. */
  public record FaceRef(String photo, int index) {}

  /** A person as the view shows one: id, name ("" when not named yet), faces (largest first is not implied). */
  public record Person(String id, String name, List<FaceRef> faces) {}

  private final Map<String, Photo> photos = new LinkedHashMap<>();
  private final Map<String, String> names = new LinkedHashMap<>();
  private int nextPerson = 1;

  public PeopleBook() {}

  private PeopleBook(PeopleBook other) {
    photos.putAll(other.photos);
    names.putAll(other.names);
    nextPerson = other.nextPerson;
  }

  /** A copy that stays as it is while this one changes (for saving on another thread). */
  public PeopleBook snapshot() {
    return new PeopleBook(this);
  }

  /** True when {@code file} was described with this size and modification time. */
  public boolean hasCurrent(String file, long size, long modified) {
    Photo p = photos.get(file);
    return p != null && p.size() == size && p.modified() == modified;
  }

  /** Records (or replaces) a photo's faces; they belong to no one until {@link #group()}. */
  public void putPhoto(String file, long size, long modified, List<DescribedFace> faces) {
    photos.put(file, new Photo(size, modified, faces.stream().map(f -> new Face(f.box(), f.descriptor(), null)).toList()));
  }

  public Map<String, Photo> photos() {
    return java.util.Collections.unmodifiableMap(photos);
  }

  public Face face(FaceRef ref) {
    return photos.get(ref.photo()).faces().get(ref.index());
  }

  /**
   * Gives every face that belongs to no one a person: the faces are clustered among themselves
   * ({@link FaceClusters}, never two faces of one photo together); a cluster whose mean distance to a known person's faces is under the
   * threshold joins that person, the others become new, unnamed people. Faces already given to
   * someone (by an earlier grouping, a merge or a split) stay where the user left them.
   * Returns how many new people were made.
   */
  public int group() {
    List<FaceRef> loose = new ArrayList<>();
    forEachFace((ref, face) -> {
      if (face.person() == null) {
        loose.add(ref);
      }
    });
    if (loose.isEmpty()) {
      return 0;
    }
    Map<String, List<float[]>> known = new LinkedHashMap<>();
    Map<String, java.util.Set<String>> knownPhotos = new LinkedHashMap<>();
    forEachFace((ref, face) -> {
      if (face.person() != null) {
        known.computeIfAbsent(face.person(), k -> new ArrayList<>()).add(face.descriptor());
        knownPhotos.computeIfAbsent(face.person(), k -> new java.util.HashSet<>()).add(ref.photo());
      }
    });
    // one person is not twice in a photo: faces of one photo are never grouped together
    Map<String, Integer> photoNumbers = new java.util.HashMap<>();
    photos.keySet().forEach(p -> photoNumbers.put(p, photoNumbers.size()));
    int[] photoOf = loose.stream().mapToInt(r -> photoNumbers.get(r.photo())).toArray();
    List<List<Integer>> clusters = FaceClusters.cluster(loose.stream().map(r -> face(r).descriptor()).toList(),
        GROUPING_THRESHOLD, photoOf);
    int made = 0;
    for (List<Integer> cluster : clusters) {
      List<float[]> members = cluster.stream().map(i -> face(loose.get(i)).descriptor()).toList();
      java.util.Set<String> memberPhotos = new java.util.HashSet<>();
      cluster.forEach(i -> memberPhotos.add(loose.get(i).photo()));
      String best = null;
      double bestDistance = GROUPING_THRESHOLD;
      for (Map.Entry<String, List<float[]>> person : known.entrySet()) {
        if (!java.util.Collections.disjoint(knownPhotos.get(person.getKey()), memberPhotos)) {
          continue;
        }
        double d = meanDistance(members, person.getValue());
        if (d < bestDistance) {
          bestDistance = d;
          best = person.getKey();
        }
      }
      if (best == null) {
        best = newPersonId();
        names.put(best, "");
        made++;
      }
      for (int i : cluster) {
        setPerson(loose.get(i), best);
      }
      // the next clusters see this one's faces and photos as that person's
      known.computeIfAbsent(best, k -> new ArrayList<>()).addAll(members);
      knownPhotos.computeIfAbsent(best, k -> new java.util.HashSet<>()).addAll(memberPhotos);
    }
    return made;
  }

  /** Names a person ("" to forget the name). */
  public void rename(String person, String name) {
    requirePerson(person);
    names.put(person, name.strip());
  }

  /** Moves every face of {@code from} to {@code into}; {@code into} keeps its name, or takes {@code from}'s if it had none. */
  public void merge(String from, String into) {
    requirePerson(from);
    requirePerson(into);
    if (from.equals(into)) {
      return;
    }
    for (FaceRef ref : facesOf(from)) {
      setPerson(ref, into);
    }
    if (names.get(into).isEmpty()) {
      names.put(into, names.get(from));
    }
    names.remove(from);
  }

  /** Takes one face out of its group into a new person of its own; returns the new person's id. */
  public String splitOff(FaceRef ref) {
    String old = face(ref).person();
    String id = newPersonId();
    names.put(id, "");
    setPerson(ref, id);
    if (old != null && facesOf(old).isEmpty()) {
      names.remove(old);
    }
    return id;
  }

  /** Everyone, most faces first (then by id), each with their faces in photo order. */
  public List<Person> people() {
    Map<String, List<FaceRef>> byPerson = new LinkedHashMap<>();
    names.keySet().forEach(id -> byPerson.put(id, new ArrayList<>()));
    forEachFace((ref, face) -> {
      if (face.person() != null) {
        byPerson.computeIfAbsent(face.person(), k -> new ArrayList<>()).add(ref);
      }
    });
    return byPerson.entrySet().stream().filter(e -> !e.getValue().isEmpty())
        .map(e -> new Person(e.getKey(), names.getOrDefault(e.getKey(), ""), List.copyOf(e.getValue())))
        .sorted(Comparator.comparingInt((Person p) -> -p.faces().size()).thenComparingInt(p -> idNumber(p.id())))
        .toList();
  }

  public List<FaceRef> facesOf(String person) {
    List<FaceRef> refs = new ArrayList<>();
    forEachFace((ref, face) -> {
      if (person.equals(face.person())) {
        refs.add(ref);
      }
    });
    return refs;
  }

  // ---- file

  /** Reads a book written by {@link #save}; a missing file is an empty book. */
  public static PeopleBook load(Path file) throws IOException {
    PeopleBook book = new PeopleBook();
    if (!Files.exists(file)) {
      return book;
    }
    Stored stored = JSON.readValue(file.toFile(), Stored.class);
    if (stored.version != Stored.VERSION) {
      throw new IOException(file + " was written by another version of Raut (people file version " + stored.version + ")");
    }
    stored.people.forEach(p -> book.names.put(p.id, p.name == null ? "" : p.name));
    for (StoredPhoto p : stored.photos) {
      List<Face> faces = p.faces.stream().map(f -> new Face(new Box(f.box[0], f.box[1], f.box[2], f.box[3]),
          decode(f.descriptor), f.person)).toList();
      book.photos.put(p.file, new Photo(p.size, p.modified, faces));
    }
    book.nextPerson = Math.max(stored.nextPerson, 1);
    return book;
  }

  /** Writes the whole book to a temporary file next to {@code file}, then moves it into place. */
  public void save(Path file) throws IOException {
    Stored stored = new Stored();
    stored.nextPerson = nextPerson;
    names.forEach((id, name) -> stored.people.add(new StoredPerson(id, name)));
    photos.forEach((path, photo) -> {
      StoredPhoto p = new StoredPhoto();
      p.file = path;
      p.size = photo.size();
      p.modified = photo.modified();
      for (Face f : photo.faces()) {
        p.faces.add(new StoredFace(new double[] {f.box().x(), f.box().y(), f.box().width(), f.box().height()},
            encode(f.descriptor()), f.person()));
      }
      stored.photos.add(p);
    });
    Path folder = file.toAbsolutePath().getParent();
    Files.createDirectories(folder);
    Path temp = Files.createTempFile(folder, ".people-", ".json.tmp");
    try {
      JSON.writerWithDefaultPrettyPrinter().writeValue(temp.toFile(), stored);
      Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(temp);
    }
  }

  // ---- helpers

  private interface FaceVisitor {
    void visit(FaceRef ref, Face face);
  }

  private void forEachFace(FaceVisitor visitor) {
    photos.forEach((path, photo) -> {
      for (int i = 0; i < photo.faces().size(); i++) {
        visitor.visit(new FaceRef(path, i), photo.faces().get(i));
      }
    });
  }

  private void setPerson(FaceRef ref, String person) {
    Photo photo = photos.get(ref.photo());
    List<Face> faces = new ArrayList<>(photo.faces());
    faces.set(ref.index(), faces.get(ref.index()).withPerson(person));
    photos.put(ref.photo(), new Photo(photo.size(), photo.modified(), faces));
  }

  private void requirePerson(String id) {
    if (!names.containsKey(Objects.requireNonNull(id))) {
      throw new IllegalArgumentException("no person " + id);
    }
  }

  private String newPersonId() {
    return "p" + nextPerson++;
  }

  private static int idNumber(String id) {
    try {
      return Integer.parseInt(id.substring(1));
    } catch (RuntimeException e) {
      return Integer.MAX_VALUE;
    }
  }

  private static double meanDistance(List<float[]> a, List<float[]> b) {
    double sum = 0;
    for (float[] x : a) {
      for (float[] y : b) {
        sum += FaceMatching.distance(x, y);
      }
    }
    return sum / (a.size() * (double) b.size());
  }

  /** 128 floats as base64 of their little-endian bytes: exact, and a fifth the size of a JSON number list. */
  static String encode(float[] descriptor) {
    ByteBuffer bytes = ByteBuffer.allocate(descriptor.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
    bytes.asFloatBuffer().put(descriptor);
    return Base64.getEncoder().encodeToString(bytes.array());
  }

  static float[] decode(String base64) {
    ByteBuffer bytes = ByteBuffer.wrap(Base64.getDecoder().decode(base64)).order(ByteOrder.LITTLE_ENDIAN);
    float[] out = new float[bytes.remaining() / Float.BYTES];
    bytes.asFloatBuffer().get(out);
    return out;
  }

  // the file's shape (public fields for Jackson)
  @JsonIgnoreProperties(ignoreUnknown = true)
  static final class Stored {
    static final int VERSION = 1;
    public int version = VERSION;
    public int nextPerson = 1;
    public List<StoredPerson> people = new ArrayList<>();
    public List<StoredPhoto> photos = new ArrayList<>();
  }

  @JsonIgnoreProperties(ignoreUnknown = true)
  static final class StoredPerson {
    public String id;
    public String name;

    StoredPerson() {}

    StoredPerson(String id, String name) {
      this.id = id;
      this.name = name;
    }
  }

  @JsonIgnoreProperties(ignoreUnknown = true)
  static final class StoredPhoto {
    public String file;
    public long size;
    public long modified;
    public List<StoredFace> faces = new ArrayList<>();
  }

  @JsonIgnoreProperties(ignoreUnknown = true)
  static final class StoredFace {
    public double[] box;
    public String descriptor;
    public String person;

    StoredFace() {}

    StoredFace(double[] box, String descriptor, String person) {
      this.box = box;
      this.descriptor = descriptor;
      this.person = person;
    }
  }
}
