package dev.raut.core.recognition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.raut.core.geometry.Box;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Grouping, naming, merging, splitting and the file of the People page, on made-up descriptors. */
class PeopleBookTest {
  @TempDir
  Path temp;

  /** A unit-length descriptor near {@code centre} (distance about {@code spread} from it). */
  private static float[] near(float[] centre, double spread, Random random) {
    float[] d = new float[centre.length];
    for (int i = 0; i < d.length; i++) {
      d[i] = (float) (centre[i] + random.nextGaussian() * spread / Math.sqrt(d.length));
    }
    return d;
  }

  private static float[] randomCentre(Random random) {
    float[] c = new float[FaceDescriber.DIMENSIONS];
    double norm = 0;
    for (int i = 0; i < c.length; i++) {
      c[i] = (float) random.nextGaussian();
      norm += c[i] * c[i];
    }
    for (int i = 0; i < c.length; i++) {
      c[i] /= (float) Math.sqrt(norm);
    }
    return c;
  }

  private static DescribedFace face(float[] descriptor, int x) {
    return new DescribedFace(new Box(x, 10, 50, 50), 0.9, descriptor);
  }

  /** Two people (A in three photos, B in two), faces 0.2 from their centres, centres 1.4 apart. */
  private static PeopleBook twoPeople(Random random) {
    float[] a = randomCentre(random);
    float[] b = randomCentre(random);
    PeopleBook book = new PeopleBook();
    book.putPhoto("a1.jpg", 100, 1, List.of(face(near(a, 0.2, random), 0)));
    book.putPhoto("a2.jpg", 100, 1, List.of(face(near(a, 0.2, random), 0), face(near(b, 0.2, random), 100)));
    book.putPhoto("a3.jpg", 100, 1, List.of(face(near(a, 0.2, random), 0)));
    book.putPhoto("b2.jpg", 100, 1, List.of(face(near(b, 0.2, random), 0)));
    return book;
  }

  @Test
  void groupsFacesByPersonMostPhotosFirst() {
    PeopleBook book = twoPeople(new Random(1));
    assertThat(book.group()).isEqualTo(2);
    List<PeopleBook.Person> people = book.people();
    assertThat(people).hasSize(2);
    assertThat(people.get(0).faces()).extracting(PeopleBook.FaceRef::photo).containsExactly("a1.jpg", "a2.jpg", "a3.jpg");
    assertThat(people.get(1).faces()).containsExactly(new PeopleBook.FaceRef("a2.jpg", 1), new PeopleBook.FaceRef("b2.jpg", 0));
    assertThat(people).allMatch(p -> p.name().isEmpty());
    assertThat(book.group()).as("nothing loose: nothing changes").isZero();
  }

  @Test
  void aNewPhotoOfAKnownPersonJoinsThemAndAStrangerBecomesSomeoneNew() {
    Random random = new Random(2);
    float[] a = randomCentre(random);
    PeopleBook book = new PeopleBook();
    book.putPhoto("a1.jpg", 1, 1, List.of(face(near(a, 0.2, random), 0)));
    book.putPhoto("a2.jpg", 1, 1, List.of(face(near(a, 0.2, random), 0)));
    book.group();
    String ana = book.people().get(0).id();
    book.rename(ana, "  Ana ");

    book.putPhoto("a3.jpg", 1, 1, List.of(face(near(a, 0.2, random), 0)));
    book.putPhoto("x.jpg", 1, 1, List.of(face(near(randomCentre(random), 0.2, random), 0)));
    assertThat(book.group()).isEqualTo(1);
    assertThat(book.people()).extracting(PeopleBook.Person::name).containsExactly("Ana", "");
    assertThat(book.facesOf(ana)).hasSize(3);
  }

  @Test
  void twoFacesOfOnePhotoAreNeverOnePersonHoweverAlike() {
    Random random = new Random(7);
    float[] twin = randomCentre(random);
    PeopleBook book = new PeopleBook();
    book.putPhoto("twins.jpg", 1, 1, List.of(face(near(twin, 0.1, random), 0), face(near(twin, 0.1, random), 100)));
    book.group();
    assertThat(book.people()).hasSize(2);
    // a third photo of one of them joins one twin, not both, and a photo of both splits between them
    book.putPhoto("again.jpg", 1, 1, List.of(face(near(twin, 0.1, random), 0), face(near(twin, 0.1, random), 100)));
    book.group();
    assertThat(book.people()).hasSize(2).allSatisfy(p -> assertThat(p.faces()).extracting(PeopleBook.FaceRef::photo)
        .containsExactlyInAnyOrder("twins.jpg", "again.jpg"));
  }

  @Test
  void mergeMovesEveryFaceAndKeepsAName() {
    PeopleBook book = twoPeople(new Random(3));
    book.group();
    PeopleBook.Person big = book.people().get(0);
    PeopleBook.Person small = book.people().get(1);
    book.rename(small.id(), "Budi");
    book.merge(small.id(), big.id());
    assertThat(book.people()).singleElement().satisfies(p -> {
      assertThat(p.id()).isEqualTo(big.id());
      assertThat(p.name()).as("the unnamed group takes the merged one's name").isEqualTo("Budi");
      assertThat(p.faces()).hasSize(5);
    });
    assertThatThrownBy(() -> book.rename(small.id(), "x")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aSplitFaceBecomesSomeoneElseAndRegroupingLeavesItThere() {
    PeopleBook book = twoPeople(new Random(4));
    book.group();
    PeopleBook.Person a = book.people().get(0);
    String split = book.splitOff(new PeopleBook.FaceRef("a3.jpg", 0));
    assertThat(book.facesOf(a.id())).hasSize(2);
    assertThat(book.facesOf(split)).containsExactly(new PeopleBook.FaceRef("a3.jpg", 0));
    book.group();
    assertThat(book.people()).hasSize(3);
  }

  @Test
  void savesAndLoadsEverythingWithoutLeavingTemporaryFiles() throws Exception {
    PeopleBook book = twoPeople(new Random(5));
    book.group();
    String first = book.people().get(0).id();
    book.rename(first, "Ana");
    Path file = temp.resolve("data").resolve("people.json");
    book.save(file);
    book.rename(first, "Ana Maria");
    book.save(file);
    try (Stream<Path> files = Files.list(file.getParent())) {
      assertThat(files).containsExactly(file);
    }

    PeopleBook read = PeopleBook.load(file);
    assertThat(read.people()).isEqualTo(book.people());
    assertThat(read.people().get(0).name()).isEqualTo("Ana Maria");
    PeopleBook.FaceRef ref = new PeopleBook.FaceRef("a2.jpg", 1);
    assertThat(read.face(ref).descriptor()).containsExactly(book.face(ref).descriptor());
    assertThat(read.face(ref).box()).isEqualTo(book.face(ref).box());
    assertThat(read.hasCurrent("a1.jpg", 100, 1)).isTrue();
    assertThat(read.hasCurrent("a1.jpg", 101, 1)).as("the file changed size").isFalse();
    // ids keep counting after a reload, so a new person never takes an old one's id
    read.putPhoto("new.jpg", 1, 1, List.of(face(randomCentre(new Random(6)), 0)));
    read.group();
    assertThat(read.people()).extracting(PeopleBook.Person::id).doesNotHaveDuplicates().hasSize(3);
  }

  @Test
  void aMissingFileIsAnEmptyBookAndABrokenOneSaysWhere() throws Exception {
    assertThat(PeopleBook.load(temp.resolve("none.json")).people()).isEmpty();
    Path broken = Files.writeString(temp.resolve("people.json"), "{\"version\": 1, \"photos\": [");
    assertThatThrownBy(() -> PeopleBook.load(broken)).isInstanceOf(java.io.IOException.class);
  }
}
