package dev.raut.app.gallery;

import dev.raut.core.analysis.ImageAnalysis;
import dev.raut.core.document.DocumentPart;
import dev.raut.core.text.Messages;
import java.nio.file.Path;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleBooleanProperty;

/**
 * One photo in the gallery: its file, where its analysis stands, the result, and whether it is
 * selected. Changed on the FX thread only, by {@link GalleryPresenter}. Holds no pixels: thumbnails
 * live in a bounded cache, so 5,000 items cost little memory.
 */
public final class GalleryItem {
  public enum State {
    QUEUED,
    ANALYSING,
    DONE,
    ERROR,
    NOT_ANALYSED;

    /** "Queued", "Analysing…", ... in the current language. */
    public String text() {
      return Messages.text("gallery.state." + name().toLowerCase(java.util.Locale.ROOT));
    }
  }

  /** Numbers items in the order they were made: the sort orders' tie-break, kept when Undo brings one back. */
  private static final java.util.concurrent.atomic.AtomicLong MADE = new java.util.concurrent.atomic.AtomicLong();

  private final Path path;
  private final PhotoRef photo;
  private final long order = MADE.incrementAndGet();
  private final ReadOnlyObjectWrapper<State> state = new ReadOnlyObjectWrapper<>(State.QUEUED);
  private final ReadOnlyObjectWrapper<ImageAnalysis> result = new ReadOnlyObjectWrapper<>();
  private final BooleanProperty selected = new SimpleBooleanProperty();
  /** Which analysis request owns this item now: results of an older request are dropped. */
  volatile int ticket;
  /** The error card of a document none of whose photos could be read (it is not analysed again). */
  boolean wholeDocument;
  /** Read by analysis threads so a removed photo is skipped without waiting for the FX thread. */
  volatile boolean removed;

  GalleryItem(Path path) {
    this(PhotoRef.of(path));
  }

  /** A photo file, or one photo inside a document. */
  GalleryItem(PhotoRef photo) {
    this.path = photo.file();
    this.photo = photo;
  }

  /** The photo's file, or the document it is in. */
  public Path path() {
    return path;
  }

  /** Where the photo is inside {@link #path()}, or null for a photo file. */
  public DocumentPart part() {
    return photo.part();
  }

  PhotoRef photo() {
    return photo;
  }

  /** When it was added, relative to the other items (for ties when sorting). */
  long order() {
    return order;
  }

  /** "sample1.jpg", or "report.pdf — page 3, photo 2" for a photo inside a document. */
  public String fileName() {
    return photo.label();
  }

  public ReadOnlyObjectProperty<State> stateProperty() {
    return state.getReadOnlyProperty();
  }

  public State state() {
    return state.get();
  }

  void setState(State value) {
    state.set(value);
  }

  public ReadOnlyObjectProperty<ImageAnalysis> resultProperty() {
    return result.getReadOnlyProperty();
  }

  /** The latest finished analysis, or null. */
  public ImageAnalysis result() {
    return result.get();
  }

  void setResult(ImageAnalysis value) {
    result.set(value);
  }

  public BooleanProperty selectedProperty() {
    return selected;
  }

  public boolean isSelected() {
    return selected.get();
  }

  @Override
  public String toString() {
    return fileName() + " (" + state() + ")";
  }
}
