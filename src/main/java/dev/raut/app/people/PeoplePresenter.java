package dev.raut.app.people;

import dev.raut.app.AppServices;
import dev.raut.app.BackgroundTasks;
import dev.raut.app.gallery.GalleryItem;
import dev.raut.app.gallery.GalleryPresenter;
import dev.raut.core.analysis.DetectorChoice;
import dev.raut.core.image.ImageDecodeException;
import dev.raut.core.recognition.DescribedFace;
import dev.raut.core.recognition.PeopleBook;
import dev.raut.core.text.Messages;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The People page's logic: describes the gallery's photos (only when asked, on the analysis
 * threads, with progress and cancel), groups their faces by person, and renames, merges and splits
 * people. The {@link PeopleBook} lives on the UI thread; every change is saved to the user's data
 * folder in the background, newest snapshot last. Background work goes through two {@link
 * BackgroundTasks}: {@code analysis} for describing photos, {@code files} for reading and saving.
 */
public final class PeoplePresenter {
  private final AppServices services;
  private final BackgroundTasks analysis;
  private final BackgroundTasks files;
  private final GalleryPresenter gallery;
  private final Path file;
  private final Runnable showGallery;
  private final ObservableList<PeopleBook.Person> people = FXCollections.observableArrayList();
  private final ObjectProperty<PeopleBook.Person> selected = new SimpleObjectProperty<>();
  private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper();
  private final ReadOnlyBooleanWrapper loaded = new ReadOnlyBooleanWrapper();
  private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper();
  private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
  private final AtomicLong saveVersion = new AtomicLong();
  private final Object saveLock = new Object();
  private long savedVersion;
  private PeopleBook book = new PeopleBook();
  private Run run;
  /** A "find people" asked for before the saved book was read: started once it is. */
  private boolean findWhenLoaded;

  /** One pass over the gallery's photos. */
  private static final class Run {
    final AtomicBoolean cancelled = new AtomicBoolean();
    int total;
    int done;
    int failed;
  }

  /** What describing one photo gave: its faces (null when it was already in the book or failed). */
  private record Described(Path photo, List<DescribedFace> faces, long size, long modified, boolean failed) {}

  /** {@code showGallery} brings the gallery page forward (to show a person's photo large). */
  public PeoplePresenter(AppServices services, GalleryPresenter gallery, Path file, Runnable showGallery,
      BackgroundTasks analysis, BackgroundTasks files) {
    this.services = services;
    this.gallery = gallery;
    this.file = file;
    this.showGallery = showGallery;
    this.analysis = analysis;
    this.files = files;
    files.run(() -> PeopleBook.load(file), read -> {
      book = read;
      bookRead();
    }, error -> {
      // an unreadable file is left alone (not overwritten) until the user changes something
      message.set(Messages.text("people.unreadable", file, AppServices.rootMessage(error)));
      bookRead();
    });
  }

  private void bookRead() {
    loaded.set(true);
    refresh();
    if (findWhenLoaded) {
      findWhenLoaded = false;
      findPeople();
    }
  }

  // ---- what the view binds to

  /** Everyone, most photos first. */
  public ObservableList<PeopleBook.Person> people() {
    return people;
  }

  /** The person whose photos are shown. */
  public ObjectProperty<PeopleBook.Person> selectedProperty() {
    return selected;
  }

  public ReadOnlyBooleanProperty runningProperty() {
    return running.getReadOnlyProperty();
  }

  /** True once the saved people were read. */
  public ReadOnlyBooleanProperty loadedProperty() {
    return loaded.getReadOnlyProperty();
  }

  public ReadOnlyDoubleProperty progressProperty() {
    return progress.getReadOnlyProperty();
  }

  /** "12 of 40 photos read", "3 people in 8 photos", or what went wrong. */
  public ReadOnlyStringProperty messageProperty() {
    return message.getReadOnlyProperty();
  }

  public PeopleBook.Face face(PeopleBook.FaceRef ref) {
    return book.face(ref);
  }

  public Path file() {
    return file;
  }

  // ---- finding people

  /** The gallery's analysed photos whose faces are not described yet (or changed on disk). */
  private List<Path> photosToDescribe() {
    return gallery.items().stream()
        .filter(i -> i.state() == GalleryItem.State.DONE && i.result() != null && !i.result().faces().isEmpty())
        .map(GalleryItem::path).distinct().toList();
  }

  /**
   * Describes the faces of every analysed gallery photo not described yet, then groups the faces
   * that belong to no one. Photos already in the book are skipped, so a second call costs little.
   */
  public void findPeople() {
    if (run != null) {
      return;
    }
    if (!loaded.get()) {
      findWhenLoaded = true;
      return;
    }
    List<Path> photos = photosToDescribe();
    Run current = new Run();
    current.total = photos.size();
    run = current;
    running.set(true);
    progress.set(0);
    message.set(Messages.text("people.reading", 0, current.total));
    DetectorChoice detector = gallery.detectorProperty().get();
    if (photos.isEmpty()) {
      finishRun(current);
      return;
    }
    PeopleBook known = book.snapshot();
    for (Path photo : photos) {
      analysis.run(() -> describe(photo, detector, known, current.cancelled),
          described -> photoDone(current, described),
          error -> photoDone(current, new Described(photo, null, 0, 0, true)));
    }
  }

  /** In the background: touches nothing of the page. */
  private Described describe(Path photo, DetectorChoice detector, PeopleBook known, AtomicBoolean cancelled) {
    if (cancelled.get()) {
      return new Described(photo, null, 0, 0, false);
    }
    try {
      long size = Files.size(photo);
      long modified = Files.getLastModifiedTime(photo).toMillis();
      List<DescribedFace> faces = known.hasCurrent(photo.toString(), size, modified) ? null
          : services.analyzer().join().describeFaces(photo, detector);
      return new Described(photo, faces, size, modified, false);
    } catch (IOException | ImageDecodeException | RuntimeException e) {
      return new Described(photo, null, 0, 0, true); // one unreadable photo does not stop the others
    }
  }

  private void photoDone(Run owner, Described described) {
    if (owner != run) {
      return;
    }
    if (described.faces() != null) {
      book.putPhoto(described.photo().toString(), described.size(), described.modified(), described.faces());
    }
    owner.done++;
    if (described.failed()) {
      owner.failed++;
    }
    progress.set((double) owner.done / owner.total);
    message.set(Messages.text("people.reading", owner.done, owner.total));
    if (owner.done == owner.total) {
      finishRun(owner);
    }
  }

  private void finishRun(Run owner) {
    run = null;
    running.set(false);
    progress.set(owner.total == 0 ? 0 : 1);
    book.group();
    refresh();
    save();
    int photos = book.photos().size();
    String summary = owner.cancelled.get() ? Messages.text("people.cancelled")
        : Messages.text("people.found", people.size(), photos);
    message.set(owner.failed == 0 ? summary : summary + " · " + Messages.text("people.unread", owner.failed));
  }

  /** Stops describing: the photos read so far are kept and grouped. */
  public void cancel() {
    if (run != null) {
      run.cancelled.set(true);
    }
  }

  /** Shows a face's photo large in the gallery (adding it to the gallery when it left it). */
  public void openPhoto(PeopleBook.FaceRef ref) {
    Path photo = Path.of(ref.photo());
    gallery.items().stream().filter(i -> i.path().equals(photo)).findFirst().ifPresentOrElse(gallery::openDetail,
        () -> gallery.addPaths(List.of(photo)));
    showGallery.run();
  }

  // ---- changing people

  public void rename(PeopleBook.Person person, String name) {
    book.rename(person.id(), name);
    changed(person.id());
  }

  /** All of {@code from}'s faces go to {@code into}. */
  public void merge(PeopleBook.Person from, PeopleBook.Person into) {
    book.merge(from.id(), into.id());
    changed(into.id());
  }

  /** One face becomes a person of its own (it was not this person). */
  public void splitOff(PeopleBook.FaceRef face) {
    String stays = selected.get() == null ? null : selected.get().id();
    String id = book.splitOff(face);
    changed(stays != null && !book.facesOf(stays).isEmpty() ? stays : id);
  }

  private void changed(String select) {
    refresh();
    people.stream().filter(p -> p.id().equals(select)).findFirst().ifPresent(selected::set);
    save();
  }

  private void refresh() {
    String wanted = selected.get() == null ? null : selected.get().id();
    people.setAll(book.people());
    selected.set(people.stream().filter(p -> p.id().equals(wanted)).findFirst()
        .orElse(people.isEmpty() ? null : people.get(0)));
  }

  /** Saves a snapshot off the UI thread; a later snapshot is never overwritten by an earlier one. */
  private void save() {
    PeopleBook snapshot = book.snapshot();
    long version = saveVersion.incrementAndGet();
    files.run(() -> {
      synchronized (saveLock) {
        if (version >= savedVersion) {
          snapshot.save(file);
          savedVersion = version;
        }
      }
      return null;
    }, saved -> { }, error -> message.set(Messages.text("people.notSaved", file, AppServices.rootMessage(error))));
  }

  /** Ends background work on app exit: the saves under way finish (the next start reads them). */
  public void close() {
    cancel();
    analysis.close();
    files.close();
  }

  /** True once every change made so far is on disk (tests wait for it). */
  public boolean saved() {
    synchronized (saveLock) {
      return savedVersion == saveVersion.get();
    }
  }
}
