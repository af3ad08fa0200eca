package dev.raut.app.gallery;

import static org.assertj.core.api.Assertions.assertThat;

import dev.raut.app.AppServices;
import dev.raut.app.PresenterServices;
import dev.raut.app.SameThreadTasks;
import dev.raut.core.model.ModelCatalog;
import dev.raut.core.model.ModelStore;
import dev.raut.core.text.Messages;
import dev.raut.testing.TestDocuments;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The gallery's logic with same-thread tasks and no toolkit, on the fetched models and sample
 * photos: what lands on the cards, what the progress and the counts say, and what Cancel, removing
 * and closing cost the UI thread.
 */
class GalleryPresenterLogicTest {
  @TempDir
  Path temp;

  private PresenterServices app;
  private AppServices services;
  /** The file work (folder walks, exports): done inside each call. */
  private final SameThreadTasks files = SameThreadTasks.immediate();

  @BeforeEach
  void open() {
    app = PresenterServices.withModels(temp);
    services = app.services();
  }

  @AfterEach
  void close() throws Exception {
    app.close();
  }

  private static List<Path> samplePhotos() {
    Path dir = ModelStore.defaultStore().samplesDir(ModelCatalog.defaults().samples().id());
    List<Path> photos = IntStream.rangeClosed(1, 6).mapToObj(i -> dir.resolve("sample" + i + ".jpg")).toList();
    photos.forEach(p -> assertThat(p).as("sample photo (run the build once: it fetches them)").isRegularFile());
    return photos;
  }

  private GalleryPresenter gallery(SameThreadTasks analysis) {
    return new GalleryPresenter(services, analysis, files);
  }

  private static List<GalleryItem.State> states(GalleryPresenter gallery) {
    return gallery.items().stream().map(GalleryItem::state).toList();
  }

  @Test
  void addedPhotosAreAnalysedAndTheirResultsLandOnTheirCards() {
    GalleryPresenter gallery = gallery(SameThreadTasks.immediate());
    gallery.addPaths(samplePhotos().subList(0, 2));

    assertThat(gallery.items()).extracting(GalleryItem::fileName).containsExactly("sample1.jpg", "sample2.jpg");
    assertThat(states(gallery)).containsOnly(GalleryItem.State.DONE);
    int faces = gallery.items().stream().mapToInt(i -> i.result().faces().size()).sum();
    assertThat(gallery.items()).allSatisfy(i -> assertThat(i.result().faces()).isNotEmpty());
    assertThat(gallery.runningProperty().get()).isFalse();
    assertThat(gallery.progressTextProperty().get()).isEmpty();
    assertThat(services.status().messageProperty().get()).isEqualTo(Messages.text("gallery.added", 2));
    assertThat(services.status().countsProperty().get()).isEqualTo(String.join(" · ",
        Messages.text("gallery.counts.photos", 2), Messages.text("gallery.counts.done", 2),
        Messages.text("gallery.counts.faces", faces)));
  }

  @Test
  void aCorruptPhotoGetsItsOwnErrorAndTheOthersFinish() throws Exception {
    byte[] jpeg = Files.readAllBytes(samplePhotos().get(0));
    Path broken = Files.write(temp.resolve("broken.jpg"), Arrays.copyOf(jpeg, jpeg.length / 3));
    Path notAPhoto = Files.writeString(temp.resolve("notes.jpg"), "not a photo");
    GalleryPresenter gallery = gallery(SameThreadTasks.immediate());
    gallery.addPaths(List.of(samplePhotos().get(0), broken, notAPhoto, samplePhotos().get(1)));

    assertThat(states(gallery)).containsExactly(GalleryItem.State.DONE, GalleryItem.State.ERROR,
        GalleryItem.State.ERROR, GalleryItem.State.DONE);
    assertThat(gallery.items().get(1).result().error().message()).containsIgnoringCase("broken.jpg");
    assertThat(gallery.items().get(2).result().error().message()).containsIgnoringCase("notes.jpg");
    assertThat(gallery.items().get(3).result().faces()).isNotEmpty();
    assertThat(services.status().countsProperty().get()).contains(Messages.text("gallery.counts.errors", 2));
    assertThat(gallery.runningProperty().get()).isFalse();
  }

  @Test
  void cancelWithThousandsQueuedAnalysesNoneOfThemAndPostsNothingForThem() {
    SameThreadTasks analysis = SameThreadTasks.queued();
    GalleryPresenter gallery = gallery(analysis);
    gallery.addPaths(samplePhotos().subList(0, 2));
    analysis.runAll();
    assertThat(states(gallery)).containsOnly(GalleryItem.State.DONE);
    List<Path> many = IntStream.range(0, 5000).mapToObj(i -> temp.resolve("queued" + i + ".jpg")).toList();
    gallery.addPaths(many); // never read: they are not analysed
    assertThat(gallery.runningProperty().get()).isTrue();
    assertThat(gallery.progressTextProperty().get()).isEqualTo(Messages.text("gallery.progress", 0, 5000));
    long analysed = gallery.analysesStarted();
    int posted = analysis.posted();
    int worksRun = analysis.worksRun();

    gallery.cancel();
    assertThat(gallery.runningProperty().get()).isFalse();
    assertThat(gallery.progressTextProperty().get()).isEmpty();
    assertThat(gallery.items().subList(2, 5002)).as("settled in the one pass of Cancel")
        .allMatch(i -> i.state() == GalleryItem.State.NOT_ANALYSED);
    analysis.runAll();

    assertThat(analysis.worksRun() - worksRun).as("each queued piece ran, and declined").isEqualTo(5000);
    assertThat(gallery.analysesStarted()).as("no queued photo analysed").isEqualTo(analysed);
    assertThat(analysis.posted()).as("nothing posted to the UI thread for them").isEqualTo(posted);
    assertThat(gallery.items().subList(0, 2)).as("the photos analysed before Cancel keep their results")
        .allSatisfy(i -> assertThat(i.result().faces()).isNotEmpty());
    assertThat(services.status().countsProperty().get()).startsWith(String.join(" · ",
        Messages.text("gallery.counts.photos", 5002), Messages.text("gallery.counts.done", 2)));
    assertThat(services.status().messageProperty().get()).isEqualTo(Messages.text("gallery.cancelled"));
  }

  @Test
  void thePhotoUnderWayAtCancelLandsOnItsCardAndTheRestAreNotAnalysed() {
    // immediate: each piece runs inside run(), its progress reaches the listener while it works
    SameThreadTasks analysis = SameThreadTasks.immediate();
    GalleryPresenter gallery = gallery(analysis);
    gallery.items().addListener((javafx.collections.ListChangeListener<GalleryItem>) c -> {
      while (c.next()) {
        c.getAddedSubList().stream().filter(i -> i.fileName().equals("sample1.jpg")).forEach(first ->
            first.stateProperty().addListener((obs, old, now) -> {
              if (now == GalleryItem.State.ANALYSING) {
                gallery.cancel(); // Cancel while the first photo is being analysed
              }
            }));
      }
    });
    gallery.addPaths(samplePhotos());

    assertThat(gallery.analysesStarted()).as("only the photo under way").isEqualTo(1);
    assertThat(gallery.items().get(0).state()).isEqualTo(GalleryItem.State.DONE);
    assertThat(gallery.items().get(0).result().faces()).isNotEmpty();
    assertThat(gallery.items().subList(1, 6)).allMatch(i -> i.state() == GalleryItem.State.NOT_ANALYSED)
        .allMatch(i -> i.result() == null);
    assertThat(analysis.posted()).as("the first photo's progress and result, nothing for the others").isEqualTo(2);
    assertThat(gallery.runningProperty().get()).isFalse();
    assertThat(services.status().countsProperty().get()).contains(Messages.text("gallery.counts.done", 1));
  }

  @Test
  void photosRemovedWhileQueuedAreNotAnalysedAndTheRunStillEnds() {
    SameThreadTasks analysis = SameThreadTasks.queued();
    GalleryPresenter gallery = gallery(analysis);
    gallery.addPaths(samplePhotos().subList(0, 4));
    gallery.remove(List.of(gallery.items().get(1), gallery.items().get(2)));
    assertThat(gallery.progressTextProperty().get()).isEqualTo(Messages.text("gallery.progress", 0, 2));
    int posted = analysis.posted();
    analysis.runAll();

    assertThat(gallery.analysesStarted()).isEqualTo(2);
    assertThat(analysis.posted() - posted).as("progress and result of the two left, nothing of the removed")
        .isEqualTo(4);
    assertThat(gallery.items()).extracting(GalleryItem::fileName).containsExactly("sample1.jpg", "sample4.jpg");
    assertThat(states(gallery)).containsOnly(GalleryItem.State.DONE);
    assertThat(gallery.runningProperty().get()).as("the run counts the removed photos no more").isFalse();

    gallery.undoRemove(); // back still to be analysed: analysed now
    assertThat(gallery.runningProperty().get()).isTrue();
    analysis.runAll();
    assertThat(gallery.items()).extracting(GalleryItem::fileName)
        .containsExactly("sample1.jpg", "sample2.jpg", "sample3.jpg", "sample4.jpg");
    assertThat(states(gallery)).containsOnly(GalleryItem.State.DONE);
    assertThat(gallery.analysesStarted()).isEqualTo(4);
    assertThat(gallery.runningProperty().get()).isFalse();
  }

  @Test
  void aPhotoQueuedAgainInTheSameRunIsAnalysedOnceAndCountedOnce() {
    SameThreadTasks analysis = SameThreadTasks.queued();
    GalleryPresenter gallery = gallery(analysis);
    gallery.addPaths(samplePhotos().subList(0, 3));
    gallery.reanalyse(List.of(gallery.items().get(0)));
    assertThat(gallery.progressTextProperty().get()).isEqualTo(Messages.text("gallery.progress", 0, 3));
    analysis.runAll();
    assertThat(gallery.analysesStarted()).isEqualTo(3);
    assertThat(states(gallery)).containsOnly(GalleryItem.State.DONE);
    assertThat(gallery.runningProperty().get()).isFalse();
  }

  @Test
  void everyPhotoOfADocumentBecomesAnAnalysedCardUnlessCancelledBeforeItIsRead() throws Exception {
    Path pdf = TestDocuments.pdf(temp.resolve("report.pdf"), List.of(List.of(), List.of(1, 2)));
    GalleryPresenter gallery = gallery(SameThreadTasks.immediate());
    gallery.addPaths(List.of(samplePhotos().get(2), pdf));
    assertThat(gallery.items()).extracting(GalleryItem::fileName)
        .containsExactly("sample3.jpg", "report.pdf — page 2, photo 1", "report.pdf — page 2, photo 2");
    assertThat(states(gallery)).containsOnly(GalleryItem.State.DONE);
    assertThat(gallery.items()).allSatisfy(i -> assertThat(i.result().faces()).isNotEmpty());
    assertThat(gallery.runningProperty().get()).isFalse();
    assertThat(services.status().messageProperty().get())
        .isEqualTo(Messages.text("gallery.added.documents", Messages.text("gallery.added", 1), 1));

    SameThreadTasks queued = SameThreadTasks.queued();
    GalleryPresenter cancelled = gallery(queued);
    cancelled.addPaths(List.of(pdf));
    assertThat(cancelled.runningProperty().get()).isTrue();
    cancelled.cancel();
    int posted = queued.posted();
    queued.runAll();
    assertThat(cancelled.items()).as("the document is not read").isEmpty();
    assertThat(queued.posted()).isEqualTo(posted);
    assertThat(cancelled.runningProperty().get()).isFalse();
  }

  @Test
  void exportsCompleteOnTheUiThreadAfterTheStatusLineSaysSo() throws Exception {
    GalleryPresenter gallery = gallery(SameThreadTasks.immediate());
    gallery.addPaths(samplePhotos().subList(0, 2));
    Path csv = temp.resolve("out.csv");
    var written = gallery.exportResults(csv, false);
    assertThat(written).isCompletedWithValue(2);
    assertThat(services.status().messageProperty().get()).isEqualTo(Messages.text("gallery.exported", 2, "out.csv"));
    assertThat(Files.readAllLines(csv)).hasSizeGreaterThan(2);

    Path notAFolder = Files.writeString(temp.resolve("file"), "");
    var saved = gallery.saveAnnotated(notAFolder, false);
    assertThat(saved).isCompletedExceptionally();
    assertThat(services.status().messageProperty().get()).isNotBlank()
        .isNotEqualTo(Messages.text("gallery.exported", 2, "out.csv"));
  }

  @Test
  void closingStopsTheRunAndNoQueuedWorkReachesTheGallery() {
    SameThreadTasks analysis = SameThreadTasks.queued();
    GalleryPresenter gallery = gallery(analysis);
    gallery.addPaths(samplePhotos().subList(0, 3));
    gallery.close();
    assertThat(analysis.isClosed()).isTrue();
    assertThat(files.isClosed()).isTrue();
    assertThat(gallery.runningProperty().get()).isFalse();
    assertThat(analysis.runAll()).isZero();
    assertThat(gallery.analysesStarted()).isZero();
    assertThat(gallery.items()).allMatch(i -> i.result() == null);
  }
}
