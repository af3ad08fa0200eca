package dev.raut.app.gallery;

import dev.raut.core.text.Messages;
import dev.raut.app.AppServices;
import dev.raut.app.BackgroundTasks;
import dev.raut.app.StatusModel;
import dev.raut.core.analysis.AnalysisError;
import dev.raut.core.analysis.AnalysisRequest;
import dev.raut.core.analysis.Analyzer;
import dev.raut.core.analysis.DetectorChoice;
import dev.raut.core.analysis.ImageAnalysis;
import dev.raut.core.classify.ClassifierLibrary;
import dev.raut.core.classify.ClassPrediction;
import dev.raut.core.document.DocumentException;
import dev.raut.core.document.DocumentFormat;
import dev.raut.core.document.DocumentSource;
import dev.raut.core.document.DocumentSummary;
import dev.raut.core.document.EmbeddedPhoto;
import dev.raut.core.image.DecodeTarget;
import dev.raut.core.image.DecodedImage;
import dev.raut.core.image.ImageDecodeException;
import dev.raut.core.image.ImageDecoder;
import dev.raut.core.image.ImageFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;
import javafx.collections.transformation.SortedList;

/**
 * The gallery's logic: which photos are in it, what is computed for them, the analysis runs with
 * progress and cancel, removing with undo, which cards are shown in which order (filter and sort:
 * the view only), selection, and the detail item. Only this class (and its helpers) call the
 * core; the view binds to its properties. Every public method is called on the FX thread; analysis
 * runs on its {@code analysis} {@link BackgroundTasks}, folder walks, pasted images and exports on
 * its {@code files} ones, and every property is set in their callbacks, on the FX thread.
 */
public final class GalleryPresenter {
  private final java.util.concurrent.atomic.AtomicLong analysesStarted = new java.util.concurrent.atomic.AtomicLong();
  /** The prefix of the gallery's settings names (gallery. then choice, detector...): settings, not text keys. */
  static final String SETTINGS = "gallery.";
  private static final String KEY_CHOICE = SETTINGS + "choice";
  private static final String KEY_DETECTOR = SETTINGS + "detector";
  private static final String KEY_AGE_GENDER = SETTINGS + "ageGender";
  private static final String KEY_LANDMARKS = SETTINGS + "landmarks";
  private static final String KEY_SORT = SETTINGS + "sort";
  /** How many removals Undo can bring back, the latest first. */
  static final int UNDO_STEPS = 20;

  private final AppServices services;
  private final BackgroundTasks analysis;
  private final BackgroundTasks files;
  /** Observes each item's state and result, so a filter or sort follows results as they arrive. */
  private final ObservableList<GalleryItem> items = FXCollections.observableArrayList(
      item -> new javafx.beans.Observable[] {item.stateProperty(), item.resultProperty()});
  private final FilteredList<GalleryItem> filtered = new FilteredList<>(items);
  private final SortedList<GalleryItem> shown = new SortedList<>(filtered);
  private final ObjectProperty<GalleryFilter> filter = new SimpleObjectProperty<>(GalleryFilter.ALL);
  private final ObjectProperty<GallerySort> sort = new SimpleObjectProperty<>(GallerySort.ADDED);
  private final java.util.Deque<Removal> removals = new java.util.ArrayDeque<>();
  private final ReadOnlyBooleanWrapper canUndo = new ReadOnlyBooleanWrapper();
  private final javafx.beans.property.ReadOnlyObjectWrapper<GalleryItem> revealed =
      new javafx.beans.property.ReadOnlyObjectWrapper<>();
  private final ObservableList<AnalysisChoice> choices = FXCollections.observableArrayList();
  private final ObjectProperty<AnalysisChoice> choice = new SimpleObjectProperty<>(AnalysisChoice.FACES);
  private final ObjectProperty<DetectorChoice> detector = new SimpleObjectProperty<>(DetectorChoice.AUTO);
  private final ObjectProperty<GalleryItem> detailItem = new SimpleObjectProperty<>();
  private final BooleanProperty ageGender = new SimpleBooleanProperty();
  private final BooleanProperty landmarks = new SimpleBooleanProperty();
  private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper();
  private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper();
  private final ReadOnlyStringWrapper progressText = new ReadOnlyStringWrapper("");
  private Run run;
  /** A saved classifier choice waiting for the classifier list. */
  private String savedChoice;
  private volatile Path pastedFolder;
  private int nextTicket;
  /** The card a Shift+click or Shift+arrow extends the selection from. */
  private GalleryItem anchor;

  /** Photos removed in one go, where they were in the gallery, and the request their results answer. */
  private record Removal(List<GalleryItem> items, int[] positions, AnalysisRequest request) {}

  /**
   * One analysis request over a set of items: counts for the progress bar, a cancel flag its
   * queued work reads (a cancelled piece declines, posting nothing), and the photos still waiting
   * for their result, so removing or queueing one again settles the counts at once.
   */
  private static final class Run {
    final AtomicBoolean cancelled = new AtomicBoolean();
    final long startNanos = System.nanoTime();
    final Map<GalleryItem, BackgroundTasks.Cancellable> waiting = new java.util.HashMap<>();
    int total;
    int done;
  }

  /** Stands in the run's waiting photos for a piece being started, until run() hands back its handle. */
  private static final BackgroundTasks.Cancellable STARTING = new BackgroundTasks.Cancellable() {
    @Override
    public void cancel() {
      // replaced by the piece's handle before anything else on the FX thread can ask
    }

    @Override
    public boolean isCancelled() {
      return false;
    }
  };

  /**
   * {@code analysis} runs the photos' analyses (the app passes the analysis pool's), {@code files}
   * the folder walks, pasted images and exports (the I/O pool's); both end with {@link #close()}.
   */
  public GalleryPresenter(AppServices services, BackgroundTasks analysis, BackgroundTasks files) {
    this.services = services;
    this.analysis = analysis;
    this.files = files;
    detector.set(parseDetector(services.settings().get(KEY_DETECTOR, DetectorChoice.AUTO.name())));
    choices.setAll(AnalysisChoice.BUILT_IN);
    String saved = services.settings().get(KEY_CHOICE, "faces");
    AnalysisChoice.BUILT_IN.stream().filter(c -> c.key().equals(saved)).findFirst().ifPresent(choice::set);
    if (saved.startsWith("classifier:")) {
      savedChoice = saved; // chosen once the classifier list has been read
    }
    choice.addListener((obs, old, now) -> {
      if (now != null && !now.equals(old)) {
        services.settings().put(KEY_CHOICE, now.key());
        reanalyseAll();
      }
    });
    detector.addListener((obs, old, now) -> {
      services.settings().put(KEY_DETECTOR, now.name());
      if (choice.get().findsFaces()) {
        reanalyseAll();
      }
    });
    ageGender.set(services.settings().getBoolean(KEY_AGE_GENDER, false));
    landmarks.set(services.settings().getBoolean(KEY_LANDMARKS, false));
    for (var extra : List.of(ageGender, landmarks)) {
      extra.addListener((obs, old, now) -> {
        services.settings().putBoolean(KEY_AGE_GENDER, ageGender.get());
        services.settings().putBoolean(KEY_LANDMARKS, landmarks.get());
        if (choice.get().findsFaces()) {
          reanalyseAll();
        }
      });
    }
    services.emotionModels().inUseProperty().addListener((obs, old, now) -> {
      if (usesEmotions()) {
        reanalyseAll();
      }
    });
    services.emotionModels().noteProperty().addListener((obs, old, now) -> {
      if (!now.isEmpty()) {
        services.status().setMessage(now);
      }
    });
    items.addListener((ListChangeListener<GalleryItem>) c -> {
      if (structural(c)) {
        updateCounts();
      }
    });
    sort.set(parseSort(services.settings().get(KEY_SORT, GallerySort.ADDED.name())));
    shown.setComparator(sort.get().comparator());
    sort.addListener((obs, old, now) -> {
      GallerySort order = now == null ? GallerySort.ADDED : now;
      services.settings().put(KEY_SORT, order.name());
      shown.setComparator(order.comparator());
    });
    filter.addListener((obs, old, now) -> {
      GalleryFilter which = now == null ? GalleryFilter.ALL : now;
      filtered.setPredicate(which.showsAll() ? null : which::test);
      updateCounts();
    });
    // a hidden card is not selected: Delete and export act on what can be seen
    filtered.addListener((ListChangeListener<GalleryItem>) c -> {
      boolean changed = false;
      while (c.next()) {
        if (c.wasRemoved()) {
          c.getRemoved().stream().filter(i -> !currentFilter().test(i)).forEach(i -> i.selectedProperty().set(false));
        }
        changed |= c.wasAdded() || c.wasRemoved();
      }
      if (changed && !currentFilter().showsAll()) {
        updateCounts();
      }
    });
    services.status().setModelInUse(modelDescription());
  }

  /** True unless the change only says that items' states or results changed. */
  private static boolean structural(ListChangeListener.Change<? extends GalleryItem> c) {
    while (c.next()) {
      if (!c.wasUpdated()) {
        c.reset();
        return true;
      }
    }
    c.reset();
    return false;
  }

  private GalleryFilter currentFilter() {
    return filter.get() == null ? GalleryFilter.ALL : filter.get();
  }

  // ---- what the view binds to

  /** Every photo in the gallery, in the order added (whatever the grid shows). */
  public ObservableList<GalleryItem> items() {
    return items;
  }

  /** The photos the grid shows: {@link #items()} through the filter, in the chosen order. */
  public ObservableList<GalleryItem> shown() {
    return shown;
  }

  /** Which cards are shown; the view only: hidden photos stay in the gallery, its counts and its runs. */
  public ObjectProperty<GalleryFilter> filterProperty() {
    return filter;
  }

  /** The order of the cards (remembered). */
  public ObjectProperty<GallerySort> sortProperty() {
    return sort;
  }

  /** The filters the gallery's results offer now, with how many photos each shows. */
  public List<GalleryFilter.Offer> filterOffers() {
    return GalleryFilter.offers(items);
  }

  /** The first photo Undo brought back, for the grid to scroll to. */
  public javafx.beans.property.ReadOnlyObjectProperty<GalleryItem> revealedProperty() {
    return revealed.getReadOnlyProperty();
  }

  public ObservableList<AnalysisChoice> choices() {
    return choices;
  }

  public ObjectProperty<AnalysisChoice> choiceProperty() {
    return choice;
  }

  public ObjectProperty<DetectorChoice> detectorProperty() {
    return detector;
  }

  /** Apparent age and gender of each face (off by default: one more network per face). */
  public BooleanProperty ageGenderProperty() {
    return ageGender;
  }

  /** 68 landmarks of each face, drawn in the detail view (off by default). */
  public BooleanProperty landmarksProperty() {
    return landmarks;
  }

  /** The photo shown large, or null when the detail view is closed. */
  public ObjectProperty<GalleryItem> detailItemProperty() {
    return detailItem;
  }

  public ReadOnlyBooleanProperty runningProperty() {
    return running.getReadOnlyProperty();
  }

  /** 0..1 over the current run. */
  public ReadOnlyDoubleProperty progressProperty() {
    return progress.getReadOnlyProperty();
  }

  /** "12 of 60 analysed · about 8 s left". */
  public ReadOnlyStringProperty progressTextProperty() {
    return progressText.getReadOnlyProperty();
  }

  public AppServices services() {
    return services;
  }

  // ---- adding photos

  /**
   * Adds files and folders (recursively). Walking folders happens off the FX thread; files that
   * are not images in dropped folders are counted and reported in the status bar, files named
   * explicitly always get a card (an error card when they are not images).
   */
  public void addPaths(List<Path> paths) {
    if (paths.isEmpty()) {
      return;
    }
    files.run(() -> {
      List<Path> found = ImageFiles.expand(paths);
      Map<Boolean, List<Path>> byKind = found.stream()
          .collect(java.util.stream.Collectors.partitioningBy(f -> DocumentFormat.of(f) != null));
      return new Found(byKind.get(false), byKind.get(true), countNonImagesInFolders(paths));
    }, found -> {
      addFiles(found.photos());
      found.documents().forEach(this::enqueueDocument);
      String added = Messages.text("gallery.added", found.photos().size());
      if (!found.documents().isEmpty()) {
        added = Messages.text("gallery.added.documents", added, found.documents().size());
      }
      services.status().setMessage(found.skipped() == 0 ? added
          : Messages.text("gallery.added.skipped", added, found.skipped()));
    }, error -> services.status().setMessage(AppServices.rootMessage(error)));
  }

  /** What a walk over dropped files and folders found: photos, documents, and how many other files it passed over. */
  private record Found(List<Path> photos, List<Path> documents, int skipped) {}

  /** File-chooser patterns ("*.jpg"...) for the formats the decoder reads. */
  public static List<String> imagePatterns() {
    return ImageFiles.EXTENSIONS.stream().sorted().map(e -> "*." + e).toList();
  }

  /** The same, with the documents whose photos are analysed ("*.pdf", "*.docx"...). */
  public static List<String> imageAndDocumentPatterns() {
    return java.util.stream.Stream.concat(imagePatterns().stream(),
        ImageFiles.DOCUMENT_EXTENSIONS.stream().sorted().map(e -> "*." + e)).toList();
  }

  /** A pasted or dropped image (no file behind it): saved as a PNG in a temporary folder, then added. */
  public void addPastedImage(javafx.scene.image.Image image) {
    int w = (int) image.getWidth();
    int h = (int) image.getHeight();
    int[] argb = new int[w * h];
    image.getPixelReader().getPixels(0, 0, w, h, javafx.scene.image.PixelFormat.getIntArgbInstance(), argb, 0, w);
    files.run(() -> {
      java.awt.image.BufferedImage buffered = new java.awt.image.BufferedImage(w, h, java.awt.image.BufferedImage.TYPE_INT_ARGB);
      buffered.setRGB(0, 0, w, h, argb, 0, w);
      if (pastedFolder == null) {
        pastedFolder = Files.createTempDirectory("raut-pasted");
      }
      Path file = pastedFolder.resolve("pasted-" + System.currentTimeMillis() + ".png");
      javax.imageio.ImageIO.write(buffered, "png", file.toFile());
      return file;
    }, file -> addFiles(List.of(file)), error -> services.status().setMessage(
        Messages.text("gallery.pasted.failed", AppServices.rootMessage(error))));
  }

  private void addFiles(List<Path> photos) {
    List<GalleryItem> added = photos.stream().map(GalleryItem::new).toList();
    items.addAll(added);
    enqueue(added);
  }

  private static int countNonImagesInFolders(List<Path> inputs) {
    int count = 0;
    for (Path input : inputs) {
      if (Files.isDirectory(input)) {
        try (Stream<Path> walk = Files.walk(input)) {
          count += (int) walk.filter(Files::isRegularFile).filter(p -> !ImageFiles.hasImageExtension(p) && !ImageFiles.hasDocumentExtension(p))
              .filter(p -> !p.getFileName().toString().startsWith(".")).count();
        } catch (IOException e) {
          throw new UncheckedIOException(Messages.text("gallery.folder.unreadable", input, e.getMessage()), e);
        }
      }
    }
    return count;
  }

  // ---- analysis runs

  /** The request the current choice asks for; emotions are read by the emotion model chosen for the app. */
  public AnalysisRequest request() {
    AnalysisRequest request = choice.get().request(detector.get());
    AnalysisRequest withEmotions = request.emotions() ? services.emotionModels().appliedTo(request) : request;
    return withEmotions.faces() ? withEmotions.withFaceExtras(ageGender.get(), landmarks.get()) : withEmotions;
  }

  /** True when the current choice reads each face's emotion (so the emotion model matters). */
  public boolean usesEmotions() {
    return choice.get() != null && choice.get().request(detector.get()).emotions();
  }

  /** What the status bar calls the models in use. */
  public String modelDescription() {
    AnalysisChoice c = choice.get();
    // the detector by its short name: the status line has no room for the toolbar's explanation of it
    String text = c.findsFaces() ? c.label() + " · "
        + Messages.text("gallery.detector.short." + detector.get().name().toLowerCase(Locale.ROOT)) : c.label();
    // the model is named unless it is the built-in default
    dev.raut.app.EmotionModels.Option emotion = services.emotionModels().inUseProperty().get();
    return usesEmotions() && !emotion.equals(dev.raut.app.EmotionModels.Option.BUILT_IN)
        ? text + " · " + Messages.text("app.emotion.by", emotion.label()) : text;
  }

  private void enqueue(List<GalleryItem> toAnalyse) {
    if (toAnalyse.isEmpty()) {
      return;
    }
    if (run == null) {
      run = new Run();
    }
    Run current = run;
    int ticket = ++nextTicket;
    AnalysisRequest request = request();
    List<GalleryItem> queued = new ArrayList<>();
    for (GalleryItem item : toAnalyse) {
      if (item.wholeDocument) {
        continue; // a document none of whose photos could be read: its problem is the file's, whatever is analysed
      }
      BackgroundTasks.Cancellable older = current.waiting.remove(item);
      if (older != null) {
        older.cancel(); // queued again in the same run: the older piece is neither heard from nor counted
        current.total--;
      }
      item.ticket = ticket;
      item.setState(GalleryItem.State.QUEUED);
      current.total++;
      queued.add(item);
    }
    // counted and shown running before any work starts: the tasks may finish it inside run()
    running.set(true);
    updateProgress();
    services.status().setModelInUse(modelDescription());
    for (GalleryItem item : queued) {
      current.waiting.put(item, STARTING);
      BackgroundTasks.Cancellable job = analysis.runOrDecline(() -> analyse(item, current, ticket, request),
          result -> finish(item, current, ticket, result),
          error -> finish(item, current, ticket, modelUnavailable(item.path().toString(), error)));
      current.waiting.replace(item, STARTING, job); // unless it finished already
    }
    endIfDone(); // nothing queued (only unreadable documents) ends a run that has nothing else
  }

  /**
   * A dropped document: read on an analysis thread, one photo at a time, each analysed there and
   * added as a finished card as soon as it is done, so no document's photos pile up in memory.
   */
  private void enqueueDocument(Path file) {
    if (run == null) {
      run = new Run();
    }
    Run owner = run;
    int ticket = ++nextTicket;
    AnalysisRequest request = request();
    owner.total++;
    running.set(true);
    updateProgress();
    analysis.runOrDecline(() -> owner.cancelled.get() ? Optional.<DocumentRead>empty()
        : Optional.of(readDocument(file, owner, ticket, request)), read -> {
          if (read.failed() != null) {
            addDocumentCard(file, read.failed(), owner, ticket);
          }
          if (read.skippedMessage() != null) {
            services.status().setMessage(read.skippedMessage());
          }
          finish(null, owner, ticket, null);
        }, error -> {
          addDocumentCard(file, modelUnavailable(file.toString(), error), owner, ticket);
          finish(null, owner, ticket, null);
        });
  }

  /** How reading a document ended: the card of a document none of whose photos could be read, and what was skipped. */
  private record DocumentRead(ImageAnalysis failed, String skippedMessage) {}

  /** On an analysis thread: each photo read is analysed and handed to the FX thread as a card; stops at Cancel. */
  private DocumentRead readDocument(Path file, Run owner, int ticket, AnalysisRequest request) {
    String name = file.toString();
    try {
      Analyzer analyzer = services.analyzer().join();
      DocumentSummary summary = PhotoRef.documents().read(DocumentSource.of(file), DocumentFormat.of(file), photo -> {
        ImageAnalysis result = analyzer.analyze(photo, name, request);
        analysis.onUi(() -> addDocumentCard(file, result, owner, ticket));
        return !owner.cancelled.get();
      });
      return new DocumentRead(null, summary.skippedAny() ? summary.message() : null);
    } catch (DocumentException e) {
      return new DocumentRead(Analyzer.failedDocument(name, e), null);
    } catch (RuntimeException e) {
      return new DocumentRead(modelUnavailable(name, e), null);
    }
  }

  /** The engine or a model could not load: no photo can succeed, each card says why. */
  private static ImageAnalysis modelUnavailable(String name, Throwable error) {
    return ImageAnalysis.failed(name, new AnalysisError("model_unavailable", AppServices.rootMessage(error)));
  }

  /** On the FX thread: one finished photo of a document (or the document's error) becomes a card. */
  private void addDocumentCard(Path file, ImageAnalysis result, Run owner, int ticket) {
    if (owner.cancelled.get()) {
      return; // cancelled, cleared, or analysed afresh since: reading stopped, this photo is not shown
    }
    GalleryItem item = new GalleryItem(new PhotoRef(file, result.part()));
    item.wholeDocument = result.part() == null;
    item.ticket = ticket;
    items.add(item);
    if (owner == run) {
      owner.total++;
    }
    finish(item, owner, ticket, result);
  }

  /**
   * On an analysis thread; empty (nothing posted to the FX thread) when the run was cancelled or
   * the photo removed or queued afresh since: whoever did that settled the card and the counts.
   */
  private Optional<ImageAnalysis> analyse(GalleryItem item, Run owner, int ticket, AnalysisRequest request) {
    if (owner.cancelled.get() || item.removed || item.ticket != ticket) {
      return Optional.empty();
    }
    analysesStarted.incrementAndGet();
    analysis.onUi(() -> {
      if (item.ticket == ticket && !item.removed && item.state() == GalleryItem.State.QUEUED) {
        item.setState(GalleryItem.State.ANALYSING);
      }
    });
    try {
      return Optional.of(item.part() == null ? services.analyzer().join().analyze(item.path(), request)
          : analyseAgain(item, request));
    } catch (RuntimeException e) {
      return Optional.of(modelUnavailable(item.path().toString(), e));
    }
  }

  /** How many photo analyses have begun on the analysis threads (for tests of Cancel: none begins after it). */
  long analysesStarted() {
    return analysesStarted.get();
  }

  /** A photo inside a document, read again from the document (the mode or the detector changed). */
  private ImageAnalysis analyseAgain(GalleryItem item, AnalysisRequest request) {
    String name = item.path().toString();
    try {
      EmbeddedPhoto photo = PhotoRef.documents().readOne(DocumentSource.of(item.path()), DocumentFormat.of(item.path()),
          item.part());
      return services.analyzer().join().analyze(photo, name, request);
    } catch (DocumentException e) {
      return Analyzer.failedDocument(name, e).withPart(item.part());
    }
  }

  /** On the FX thread: a photo's result, or with {@code item} null the end of a document's reading. */
  private void finish(GalleryItem item, Run owner, int ticket, ImageAnalysis result) {
    if (item != null) {
      owner.waiting.remove(item);
      if (item.ticket == ticket && !item.removed) {
        item.setResult(result);
        item.setState(result.ok() ? GalleryItem.State.DONE : GalleryItem.State.ERROR);
      }
    }
    if (owner == run) {
      owner.done++;
      endIfDone();
    }
    updateCounts();
  }

  /** Ends the current run when every photo it counts is done; updates the progress line either way. */
  private void endIfDone() {
    if (run != null && run.done >= run.total) {
      run = null;
      running.set(false);
    }
    updateProgress();
  }

  /**
   * Stops the running batch: photos not started yet become "not analysed" at once, in one pass, and
   * their queued work declines without posting anything (not one FX event per photo, each
   * rescanning the gallery); the few in flight finish and land on their cards.
   */
  public void cancel() {
    if (run != null) {
      abandonRun();
      for (GalleryItem item : items) {
        if (item.state() == GalleryItem.State.QUEUED) {
          item.setState(GalleryItem.State.NOT_ANALYSED);
        }
      }
      updateCounts();
      services.status().setMessage(Messages.text("gallery.cancelled"));
    }
  }

  /**
   * On exit: the run stops, no more work is taken, the work under way ends (a model must not close
   * under it), and no result reaches the gallery after this.
   */
  public void close() {
    abandonRun();
    analysis.close();
    files.close();
  }

  /** Analyses every photo again (after the mode, detector or classifier changed). */
  public void reanalyseAll() {
    abandonRun();
    services.status().setModelInUse(modelDescription());
    services.warmUp(request());
    enqueue(List.copyOf(items));
  }

  /** Analyses the given photos again (e.g. the ones that were not analysed). */
  public void reanalyse(List<GalleryItem> which) {
    enqueue(which.stream().filter(items::contains).toList());
  }

  private void abandonRun() {
    if (run != null) {
      run.cancelled.set(true);
      run = null;
      running.set(false);
      updateProgress();
    }
  }

  // ---- removing and selecting

  /**
   * Removes photos from the gallery (never the files). Undo ({@link #undoRemove()}) brings them
   * back, with their results and in their places; the status line says how many went, with Undo beside it.
   */
  public void remove(List<GalleryItem> which) {
    int n = removeKeepingUndo(which);
    if (n > 0) {
      services.status().setMessage(Messages.text("gallery.removed", n), Messages.text("gallery.undo"),
          this::undoRemove);
    }
  }

  /** Empties the gallery; Undo brings every photo back. */
  public void clear() {
    abandonRun();
    int n = removeKeepingUndo(List.copyOf(items));
    detailItem.set(null);
    services.status().setMessage(Messages.text("gallery.cleared", n), n == 0 ? null : Messages.text("gallery.undo"),
        this::undoRemove);
  }

  /** Removes those of {@code which} still in the gallery, remembering where each was; the number removed. */
  private int removeKeepingUndo(List<GalleryItem> which) {
    java.util.Set<GalleryItem> gone = new java.util.HashSet<>(which); // a set: removing thousands stays linear
    List<GalleryItem> removed = new ArrayList<>();
    int[] positions = new int[gone.size()];
    for (int i = 0; i < items.size(); i++) {
      if (gone.contains(items.get(i))) {
        positions[removed.size()] = i;
        removed.add(items.get(i));
      }
    }
    if (removed.isEmpty()) {
      return 0;
    }
    removed.forEach(i -> i.removed = true);
    settleRemovedInRun(removed);
    if (detailItem.get() != null && gone.contains(detailItem.get())) {
      detailItem.set(null);
    }
    if (gone.contains(anchor)) {
      anchor = null;
    }
    items.removeAll(gone);
    removals.addLast(new Removal(removed, java.util.Arrays.copyOf(positions, removed.size()), request()));
    while (removals.size() > UNDO_STEPS) {
      removals.removeFirst();
    }
    canUndo.set(true);
    return removed.size();
  }

  /** The removed photos still waiting in the run: their work is not heard from, and the run counts them no more. */
  private void settleRemovedInRun(List<GalleryItem> removed) {
    if (run == null) {
      return;
    }
    for (GalleryItem item : removed) {
      BackgroundTasks.Cancellable waiting = run.waiting.remove(item);
      if (waiting != null) {
        waiting.cancel();
        run.total--;
      }
    }
    endIfDone();
  }

  /**
   * Brings back the photos removed last (each Undo one removal further back), where they were,
   * with their results: nothing is analysed again unless the analysis was still to come or what
   * is computed changed since. They come back selected and the grid scrolls to them.
   */
  public void undoRemove() {
    Removal last = removals.pollLast();
    if (last == null) {
      services.status().setMessage(Messages.text("gallery.undo.nothing"));
      return;
    }
    canUndo.set(!removals.isEmpty());
    List<GalleryItem> back = last.items();
    int[] at = last.positions();
    back.forEach(i -> i.removed = false);
    // positions ascending, each counted with the earlier ones back in: neighbours go in with one addAll
    for (int start = 0; start < back.size();) {
      int end = start + 1;
      while (end < back.size() && at[end] == at[end - 1] + 1) {
        end++;
      }
      items.addAll(Math.min(at[start], items.size()), back.subList(start, end));
      start = end;
    }
    boolean requestChanged = !last.request().equals(request());
    enqueue(back.stream().filter(i -> requestChanged || i.state() == GalleryItem.State.QUEUED
        || i.state() == GalleryItem.State.ANALYSING).toList());
    java.util.Set<GalleryItem> restored = new java.util.HashSet<>(back);
    items.forEach(i -> i.selectedProperty().set(restored.contains(i) && currentFilter().test(i)));
    anchor = back.get(0);
    revealed.set(null);
    revealed.set(back.get(0));
    String message = Messages.text("gallery.restored", back.size());
    if (removals.isEmpty()) {
      services.status().setMessage(message);
    } else {
      services.status().setMessage(message, Messages.text("gallery.undo"), this::undoRemove);
    }
  }

  /** True while a removal can be undone. */
  public ReadOnlyBooleanProperty canUndoProperty() {
    return canUndo.getReadOnlyProperty();
  }

  /** The selected photos, in the order shown (a hidden photo is never selected). */
  public List<GalleryItem> selectedItems() {
    return shown.stream().filter(GalleryItem::isSelected).toList();
  }

  /**
   * A click: alone selects only this one, with Ctrl (Cmd) toggles it, with Shift extends from the
   * last click, over the cards as shown.
   */
  public void select(GalleryItem item, boolean toggle, boolean range) {
    int index = shown.indexOf(item);
    if (index < 0) {
      return;
    }
    int from = anchor == null ? -1 : shown.indexOf(anchor);
    if (range && from >= 0) {
      int low = Math.min(from, index);
      int high = Math.max(from, index);
      for (int i = 0; i < shown.size(); i++) {
        shown.get(i).selectedProperty().set(i >= low && i <= high || toggle && shown.get(i).isSelected());
      }
      return;
    }
    if (toggle) {
      item.selectedProperty().set(!item.isSelected());
    } else {
      items.forEach(i -> i.selectedProperty().set(i == item));
    }
    anchor = item;
  }

  /** Selects every shown card. */
  public void selectAll() {
    shown.forEach(i -> i.selectedProperty().set(true));
  }

  // ---- detail view

  public void openDetail(GalleryItem item) {
    detailItem.set(item);
  }

  public void closeDetail() {
    detailItem.set(null);
  }

  /** Moves the detail view by {@code step} photos (wrapping around). */
  public void stepDetail(int step) {
    GalleryItem current = detailItem.get();
    // through the cards as shown; a photo the filter hides (opened from People) steps through all
    List<GalleryItem> order = shown.contains(current) ? shown : items;
    if (current == null || order.isEmpty()) {
      return;
    }
    int index = Math.floorMod(order.indexOf(current) + step, order.size());
    detailItem.set(order.get(index));
    select(order.get(index), false, false);
  }

  // ---- export

  /** What an export covers: the selected cards, else every shown card (all photos when no filter hides any). */
  public enum ExportScope { ALL, SHOWN, SELECTED }

  /** Which photos an export made now would cover (see {@link #exportItems()}). */
  public ExportScope exportScope() {
    if (!selectedItems().isEmpty()) {
      return ExportScope.SELECTED;
    }
    return shown.size() == items.size() ? ExportScope.ALL : ExportScope.SHOWN;
  }

  /** The photos an export made now covers, in the order shown: the selected ones, else those shown. */
  public List<GalleryItem> exportItems() {
    List<GalleryItem> selected = selectedItems();
    return selected.isEmpty() ? List.copyOf(shown) : selected;
  }

  /** {@link #exportResults(Path, List)} of the selected photos, or of the shown ones. */
  public CompletableFuture<Integer> exportResults(Path file, boolean selectedOnly) {
    return exportResults(file, selectedOnly ? selectedItems() : List.copyOf(shown));
  }

  /**
   * Writes the results of {@code which} as CSV or JSON, chosen by the file's extension (.csv, else
   * JSON). Photos without a finished analysis are left out. Completes on the FX thread, after the
   * status line said so, with the number of photos written.
   */
  public CompletableFuture<Integer> exportResults(Path file, List<GalleryItem> which) {
    List<ImageAnalysis> results = which.stream()
        .filter(i -> i.state() == GalleryItem.State.DONE || i.state() == GalleryItem.State.ERROR)
        .map(GalleryItem::result).toList();
    boolean csv = file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".csv");
    return files.future(() -> {
      try {
        if (csv) {
          GalleryExport.writeCsv(file, results);
        } else {
          GalleryExport.writeJson(file, results);
        }
        return results.size();
      } catch (IOException e) {
        throw new UncheckedIOException(Messages.text("gallery.export.failed", file, e.getMessage()), e);
      }
    }).whenComplete((n, error) -> services.status().setMessage(error == null
        ? Messages.text("gallery.exported", n, file.getFileName()) : AppServices.rootMessage(error)));
  }

  /** {@link #saveAnnotated(Path, List, GalleryExport.ImageFormat)} as PNG, of the selected or the shown photos. */
  public CompletableFuture<Integer> saveAnnotated(Path folder, boolean selectedOnly) {
    return saveAnnotated(folder, selectedOnly ? selectedItems() : List.copyOf(shown), GalleryExport.ImageFormat.PNG);
  }

  /**
   * Writes each analysed photo of {@code which} with its boxes drawn in, as PNG or JPEG, into
   * {@code folder}; completes on the FX thread, after the status line said how many.
   */
  public CompletableFuture<Integer> saveAnnotated(Path folder, List<GalleryItem> which, GalleryExport.ImageFormat format) {
    List<GalleryItem> done = which.stream().filter(i -> i.state() == GalleryItem.State.DONE).toList();
    List<ImageAnalysis> results = done.stream().map(GalleryItem::result).toList();
    return files.future(() -> {
      int written = 0;
      for (int i = 0; i < done.size(); i++) {
        try {
          GalleryExport.writeAnnotated(done.get(i).photo(), results.get(i), folder, format);
          written++;
        } catch (IOException | ImageDecodeException e) {
          // the message says how many were saved before the one that failed
          throw new IOException(Messages.text("gallery.annotated.stopped", written, e.getMessage()), e);
        }
      }
      return written;
    }).whenComplete((n, error) -> services.status().setMessage(error == null
        ? Messages.text("gallery.annotated.saved", n, folder.getFileName() == null ? folder : folder.getFileName())
        : AppServices.rootMessage(error)));
  }

  // ---- classifiers

  /**
   * Every class's probability for a photo under the chosen classifier, most likely first (results
   * keep only the top five). Empty when the gallery is not in classifier mode, or the classifier runs on each face.
   * Completes on the FX thread.
   */
  public CompletableFuture<List<ClassPrediction>> allClasses(GalleryItem item) {
    AnalysisChoice current = choice.get();
    if (current.kind() != AnalysisChoice.Kind.CLASSIFIER || current.perFace()) {
      // a per-face classifier's answers are on the faces, not on the whole photo
      return CompletableFuture.completedFuture(List.of());
    }
    String card = current.classifier().card().toString();
    int side = Math.max(current.classifier().spec().width(), current.classifier().spec().height());
    return analysis.future(() -> {
      Analyzer analyzer = services.analyzer().join();
      try (DecodedImage image = item.photo().decode(new ImageDecoder(), DecodeTarget.shortSideAtLeast(side))) {
        return analyzer.engine().classifier(card).classify(image.mat());
      }
    });
  }

  /**
   * The imported classifiers the mode list offers (the Models page reads them off the FX thread and
   * hands them over). Keeps the current choice when it still exists, restores the saved one when it
   * arrives, and falls back to faces when the chosen classifier was removed.
   */
  public void setClassifiers(List<ClassifierLibrary.Entry> entries) {
    List<AnalysisChoice> list = new ArrayList<>(AnalysisChoice.BUILT_IN);
    entries.stream().filter(ClassifierLibrary.Entry::usable).map(AnalysisChoice::classifier).forEach(list::add);
    AnalysisChoice current = choice.get();
    choices.setAll(list);
    String wanted = savedChoice != null ? savedChoice : current.key();
    savedChoice = null;
    choice.set(list.stream().filter(c -> c.key().equals(wanted)).findFirst().orElse(
        current.kind() == AnalysisChoice.Kind.CLASSIFIER ? AnalysisChoice.FACES : current));
  }

  /** Selects an imported classifier by id (after an import); false when it is not in the list. */
  public boolean chooseClassifier(String id) {
    for (AnalysisChoice c : choices) {
      if (c.kind() == AnalysisChoice.Kind.CLASSIFIER && c.classifier().id().equals(id)) {
        choice.set(c);
        return true;
      }
    }
    return false;
  }

  // ---- progress and counts

  private void updateProgress() {
    if (run == null || run.total == 0) {
      progress.set(0);
      progressText.set("");
      return;
    }
    progress.set((double) run.done / run.total);
    String text = Messages.text("gallery.progress", run.done, run.total);
    if (run.done > 0 && run.done < run.total) {
      double secondsEach = (System.nanoTime() - run.startNanos) / 1e9 / run.done;
      text = Messages.text("gallery.progress.left", text, duration(secondsEach * (run.total - run.done)));
    }
    progressText.set(text);
  }

  private void updateCounts() {
    Map<GalleryItem.State, Integer> byState = new LinkedHashMap<>();
    items.forEach(i -> byState.merge(i.state(), 1, Integer::sum));
    int faces = 0;
    for (GalleryItem i : items) {
      if (i.result() != null) {
        faces += i.result().faces().size();
      }
    }
    List<String> parts = new ArrayList<>();
    // the counts are of the whole gallery; with a filter they say how many of its photos are shown
    parts.add(currentFilter().showsAll() ? Messages.text("gallery.counts.photos", items.size())
        : Messages.text("gallery.counts.photosShown", items.size(), shown.size()));
    parts.add(Messages.text("gallery.counts.done", byState.getOrDefault(GalleryItem.State.DONE, 0)));
    int errors = byState.getOrDefault(GalleryItem.State.ERROR, 0);
    if (errors > 0) {
      parts.add(Messages.text("gallery.counts.errors", errors));
    }
    if (choice.get().findsFaces() && faces > 0) {
      parts.add(Messages.text("gallery.counts.faces", faces));
    }
    services.status().setCounts(String.join(" · ", parts));
  }

  /**
   * Makes the status bar's texts again in the current language (after the user chose another):
   * the models in use, the counts and the progress line; and sorts again (emotion names changed).
   */
  public void relabel() {
    services.status().setModelInUse(modelDescription());
    shown.setComparator(sort.get().comparator()); // by emotion sorts by the emotions' names, now in another language
    updateCounts();
    updateProgress();
  }

  static String duration(double seconds) {
    if (seconds < 60) {
      return Messages.text("gallery.duration.seconds", Math.max(1, Math.round(seconds)));
    }
    long minutes = Math.round(seconds / 60);
    return minutes < 60 ? Messages.text("gallery.duration.minutes", minutes)
        : Messages.text("gallery.duration.hours", minutes / 60, String.format(Locale.ROOT, "%02d", minutes % 60));
  }

  private static GallerySort parseSort(String name) {
    try {
      return GallerySort.valueOf(name);
    } catch (IllegalArgumentException e) {
      return GallerySort.ADDED;
    }
  }

  private static DetectorChoice parseDetector(String name) {
    try {
      DetectorChoice d = DetectorChoice.valueOf(name);
      return d == DetectorChoice.NONE ? DetectorChoice.AUTO : d;
    } catch (IllegalArgumentException e) {
      return DetectorChoice.AUTO;
    }
  }

  /** The status bar's message line. */
  public StatusModel status() {
    return services.status();
  }
}
