package dev.raut.app.gallery;

import dev.raut.core.text.Messages;
import dev.raut.app.EmotionModels;
import dev.raut.core.analysis.DetectorChoice;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.Separator;
import javafx.scene.control.ToolBar;
import javafx.scene.control.Tooltip;
import javafx.scene.input.Clipboard;
import javafx.scene.input.DragEvent;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.TransferMode;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.stage.DirectoryChooser;
import javafx.stage.FileChooser;
import javafx.stage.Window;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.material2.Material2AL;
import org.kordamp.ikonli.material2.Material2MZ;

/**
 * The gallery page: toolbar (add, paste, mode, detector, export, clear), the bar that filters
 * and sorts the cards and undoes removals, the card grid with drop anywhere, the progress bar with cancel, and the
 * detail view over it. Binds to {@link GalleryPresenter}; calls nothing of the core itself.
 */
public final class GalleryView extends BorderPane {
  public static final KeyCombination ADD_PHOTOS = new KeyCodeCombination(KeyCode.O, KeyCombination.SHORTCUT_DOWN);
  public static final KeyCombination ADD_FOLDER =
      new KeyCodeCombination(KeyCode.O, KeyCombination.SHORTCUT_DOWN, KeyCombination.SHIFT_DOWN);
  public static final KeyCombination EXPORT = new KeyCodeCombination(KeyCode.E, KeyCombination.SHORTCUT_DOWN);
  public static final KeyCombination PASTE = new KeyCodeCombination(KeyCode.V, KeyCombination.SHORTCUT_DOWN);
  /** Brings back the photos removed last. */
  public static final KeyCombination UNDO = new KeyCodeCombination(KeyCode.Z, KeyCombination.SHORTCUT_DOWN);
  /** Where exports go: the folder last exported to (absent: the user's pictures folder). */
  static final String KEY_EXPORT_FOLDER = GalleryPresenter.SETTINGS + "exportFolder";

  private final GalleryPresenter presenter;
  private final GalleryGrid grid;
  private final PhotoLoader loader;
  private final StackPane content;
  /** Built when first opened: its chart costs a second at start-up otherwise. */
  private DetailView detail;
  /** Held here, listened to weakly: a view replaced after a change of language is not kept alive by the presenter. */
  private final javafx.beans.value.ChangeListener<GalleryItem> detailShown = (obs, old, now) -> showDetail(now);
  /** The save dialog of an export; tests, which have no native dialogs, put their own in. */
  private java.util.function.Function<FileChooser, File> fileChooser = chooser -> chooser.showSaveDialog(window());
  /** The folder dialog of annotated images; the same for tests. */
  private java.util.function.Function<DirectoryChooser, File> folderChooser = chooser -> chooser.showDialog(window());

  public GalleryView(GalleryPresenter presenter) {
    this(presenter, new PhotoLoader(presenter.services().ioPool()));
  }

  /**
   * Everything it shows comes from {@code presenter}, so a new view (after a change of language)
   * shows the same photos, selection and open detail; {@code loader}'s thumbnail cache can be shared with the old one.
   */
  public GalleryView(GalleryPresenter presenter, PhotoLoader loader) {
    this.presenter = presenter;
    this.loader = loader;
    this.grid = new GalleryGrid(presenter, loader);
    getStyleClass().add("gallery-view");

    setTop(new javafx.scene.layout.VBox(toolbar(), viewBar(), emotionNote()));

    Label empty = new Label(Messages.text("gallery.empty"));
    empty.getStyleClass().addAll("gallery-empty", "text-muted");
    empty.setGraphic(new FontIcon(Material2AL.ADD_PHOTO_ALTERNATE));
    empty.setContentDisplay(javafx.scene.control.ContentDisplay.TOP);
    empty.visibleProperty().bind(Bindings.isEmpty(presenter.items()));
    empty.setMouseTransparent(true);
    content = new StackPane(grid, empty);
    setCenter(content);
    setBottom(progressBar());

    presenter.detailItemProperty().addListener(new javafx.beans.value.WeakChangeListener<>(detailShown));
    if (presenter.detailItemProperty().get() != null) {
      showDetail(presenter.detailItemProperty().get());
    }

    setOnDragOver(this::onDragOver);
    setOnDragDropped(this::onDragDropped);
  }

  private void showDetail(GalleryItem item) {
    if (detail == null) {
      detail = new DetailView(presenter, loader);
      content.getChildren().add(detail);
    }
    detail.setVisible(item != null);
    detail.show(item);
    if (item == null) {
      grid.requestFocus();
    }
  }

  /** The presenter, for the main window's shortcuts and tests. */
  public GalleryPresenter presenter() {
    return presenter;
  }

  /**
   * Two rows: adding photos, what to find, export and clear; under it, only while faces are found,
   * the face detector and the emotion model (so both fit a 1000 px window next to long classifier names).
   */
  private javafx.scene.layout.VBox toolbar() {
    Button addPhotos = button(Messages.text("gallery.addPhotos"), Material2AL.ADD_PHOTO_ALTERNATE,
        Messages.text("gallery.addPhotos.tip"), this::choosePhotos);
    addPhotos.setId("add-photos");
    Button addFolder = button(Messages.text("gallery.addFolder"), Material2AL.FOLDER_OPEN,
        Messages.text("gallery.addFolder.tip"), this::chooseFolder);
    addFolder.setId("add-folder");
    Button paste = button(null, Material2AL.CONTENT_PASTE, Messages.text("gallery.paste.tip"), this::paste);
    paste.setAccessibleText(Messages.text("gallery.paste"));

    ComboBox<AnalysisChoice> mode = new ComboBox<>(presenter.choices());
    mode.valueProperty().bindBidirectional(presenter.choiceProperty());
    mode.setTooltip(new Tooltip(Messages.text("gallery.mode.tip")));
    mode.setAccessibleText(Messages.text("gallery.mode.accessible"));
    mode.setId("mode");
    // a width of its own, not the longest imported model's name (which would push Export off the bar)
    mode.setPrefWidth(200);
    mode.setMaxWidth(260);

    ComboBox<DetectorChoice> detector = new ComboBox<>();
    detector.getItems().setAll(DetectorChoice.AUTO, DetectorChoice.BACK, DetectorChoice.FRONT, DetectorChoice.HAAR);
    detector.setConverter(dev.raut.app.DetectorNames.converter());
    detector.valueProperty().bindBidirectional(presenter.detectorProperty());
    detector.setTooltip(new Tooltip(Messages.text("gallery.detector.tip")));
    detector.setAccessibleText(Messages.text("gallery.detector.accessible"));
    detector.setMaxWidth(250); // "Otomatis (terbaik untuk foto)" whole

    Label emotionLabel = new Label(Messages.text("app.emotion.label"));
    ComboBox<EmotionModels.Option> emotion = new ComboBox<>(presenter.services().emotionModels().options());
    emotion.valueProperty().bindBidirectional(presenter.services().emotionModels().chosenProperty());
    emotion.setTooltip(new Tooltip(Messages.text("app.emotion.tip")));
    emotion.setAccessibleText(Messages.text("app.emotion.accessible"));
    emotion.setId("emotion-model");
    emotion.setPrefWidth(230); // "Built-in (best measured)" whole; a long imported name is cut in the box
    emotion.setMaxWidth(230);
    emotionLabel.setLabelFor(emotion);
    // only where emotions are read: faces + emotion, or a per-face classifier next to the emotion
    javafx.beans.binding.BooleanBinding readsEmotions = Bindings.createBooleanBinding(presenter::usesEmotions,
        presenter.choiceProperty());
    for (javafx.scene.Node n : List.of(emotionLabel, emotion)) {
      n.visibleProperty().bind(readsEmotions);
      n.managedProperty().bind(readsEmotions);
    }
    Label detectorLabel = new Label(Messages.text("gallery.detector"));
    detectorLabel.setLabelFor(detector);
    // the extras sit in one small menu, so the row still fits a 1000-pixel window next to a long model name
    javafx.scene.control.CheckMenuItem ageGender = new javafx.scene.control.CheckMenuItem(Messages.text("gallery.ageGender"));
    ageGender.setId("age-gender");
    ageGender.selectedProperty().bindBidirectional(presenter.ageGenderProperty());
    javafx.scene.control.CheckMenuItem landmarks = new javafx.scene.control.CheckMenuItem(Messages.text("gallery.landmarks"));
    landmarks.setId("landmarks");
    landmarks.selectedProperty().bindBidirectional(presenter.landmarksProperty());
    MenuButton extras = new MenuButton(Messages.text("gallery.extras"), null, ageGender, landmarks);
    extras.setId("face-extras");
    extras.setTooltip(new Tooltip(Messages.text("gallery.extras.tip")));
    extras.setAccessibleText(Messages.text("gallery.extras"));
    ToolBar faces = new ToolBar(new Label(Messages.text("gallery.faces")), detectorLabel, detector, emotionLabel, emotion,
        new Separator(), extras);
    faces.getStyleClass().add("gallery-face-bar");
    javafx.beans.binding.BooleanBinding findsFaces = Bindings.createBooleanBinding(
        () -> presenter.choiceProperty().get() != null && presenter.choiceProperty().get().findsFaces(),
        presenter.choiceProperty());
    faces.visibleProperty().bind(findsFaces);
    faces.managedProperty().bind(findsFaces);

    MenuButton export = new MenuButton(Messages.text("gallery.export"), new FontIcon(Material2MZ.SAVE_ALT));
    export.setId("export");
    export.setTooltip(new Tooltip(Messages.text("gallery.export.tip")));
    export.setAccessibleText(Messages.text("gallery.export"));
    // first, which photos it covers: the selected ones, else those shown (all, without a filter)
    MenuItem scope = new MenuItem();
    scope.setId("export-scope");
    scope.setDisable(true);
    MenuItem csvJson = new MenuItem(Messages.text("gallery.export.results"));
    csvJson.setAccelerator(EXPORT);
    csvJson.setOnAction(e -> exportResults());
    MenuItem jpeg = new MenuItem(Messages.text("gallery.export.annotated.jpeg"));
    jpeg.setId("export-jpeg");
    jpeg.setOnAction(e -> saveAnnotated(GalleryExport.ImageFormat.JPEG));
    MenuItem png = new MenuItem(Messages.text("gallery.export.annotated.png"));
    png.setId("export-png");
    png.setOnAction(e -> saveAnnotated(GalleryExport.ImageFormat.PNG));
    export.getItems().addAll(scope, new javafx.scene.control.SeparatorMenuItem(), csvJson, jpeg, png);
    export.setOnShowing(e -> scope.setText(Messages.text("gallery.export.scope", scopeText())));
    export.disableProperty().bind(Bindings.isEmpty(presenter.items()));

    Button clear = button(Messages.text("gallery.clear"), Material2AL.CLEAR_ALL, Messages.text("gallery.clear.tip"),
        presenter::clear);
    clear.setId("clear-all");
    clear.disableProperty().bind(Bindings.isEmpty(presenter.items()));
    Region spacer = new Region();
    HBox.setHgrow(spacer, Priority.ALWAYS);
    ToolBar main = new ToolBar(addPhotos, addFolder, paste, new Separator(), new Label(Messages.text("gallery.find")), mode,
        spacer, export, clear);
    main.setId("gallery-toolbar");
    return new javafx.scene.layout.VBox(main, faces);
  }

  /**
   * Which cards are shown and in which order, while the gallery has photos: the filter menu
   * (built from the results each time it opens, with how many photos each choice shows), the
   * sort, and "Showing 3 of 14" with Show all (×) while a filter hides some; at its end Undo, which
   * stays after Clear all emptied the gallery. A box, not a ToolBar: nothing hides in an overflow menu.
   */
  private HBox viewBar() {
    MenuButton filter = new MenuButton();
    filter.setId("filter");
    filter.setGraphic(new FontIcon(Material2AL.FILTER_LIST));
    filter.textProperty().bind(Bindings.createStringBinding(() -> filterOf().label(), presenter.filterProperty()));
    filter.setTooltip(new Tooltip(Messages.text("gallery.filter.tip")));
    filter.setAccessibleText(Messages.text("gallery.filter.accessible"));
    filter.setMaxWidth(260);
    filter.setOnShowing(e -> filter.getItems().setAll(filterItems()));
    filter.getItems().add(new MenuItem(GalleryFilter.ALL.label())); // replaced as it opens; a menu needs one to open
    Label show = new Label(Messages.text("gallery.filter"));
    show.setLabelFor(filter);

    ComboBox<GallerySort> sort = new ComboBox<>(javafx.collections.FXCollections.observableArrayList(GallerySort.values()));
    sort.setId("sort");
    sort.valueProperty().bindBidirectional(presenter.sortProperty());
    sort.setTooltip(new Tooltip(Messages.text("gallery.sort.tip")));
    sort.setAccessibleText(Messages.text("gallery.sort.accessible"));
    Label sortLabel = new Label(Messages.text("gallery.sort"));
    sortLabel.setLabelFor(sort);

    Label showing = new Label();
    showing.setId("filter-count");
    showing.getStyleClass().add("text-muted");
    showing.textProperty().bind(Bindings.createStringBinding(
        () -> Messages.text("gallery.filter.showing", presenter.shown().size(), presenter.items().size()),
        presenter.shown(), presenter.items()));
    // beside the filter, an icon: "Show all" in words does not fit next to Indonesian's longer ones at 1000 px
    Button showAll = button(null, Material2AL.CLEAR, Messages.text("gallery.filter.showAll.tip"),
        () -> presenter.filterProperty().set(GalleryFilter.ALL));
    showAll.setAccessibleText(Messages.text("gallery.filter.showAll"));
    showAll.setId("show-all");
    showAll.getStyleClass().addAll("flat", "button-icon");
    javafx.beans.binding.BooleanBinding filtering = Bindings.createBooleanBinding(() -> !filterOf().showsAll(),
        presenter.filterProperty());
    for (javafx.scene.Node n : List.of(showAll, showing)) {
      n.visibleProperty().bind(filtering);
      n.managedProperty().bind(filtering);
    }
    Button undo = button(null, Material2MZ.UNDO, Messages.text("gallery.undo.tip"), presenter::undoRemove);
    undo.setId("undo-remove");
    undo.setAccessibleText(Messages.text("gallery.undo.accessible"));
    undo.disableProperty().bind(presenter.canUndoProperty().not());
    Region spacer = new Region();
    HBox.setHgrow(spacer, Priority.ALWAYS);
    for (Label l : List.of(show, sortLabel, showing)) {
      l.setMinWidth(Region.USE_PREF_SIZE);
    }
    HBox bar = new HBox(8, show, filter, showAll, new Separator(javafx.geometry.Orientation.VERTICAL), sortLabel, sort,
        new Separator(javafx.geometry.Orientation.VERTICAL), showing, spacer, undo);
    bar.setAlignment(Pos.CENTER_LEFT);
    bar.setPadding(new Insets(4, 8, 4, 8));
    bar.setId("gallery-view-bar");
    bar.getStyleClass().addAll("tool-bar", "gallery-view-bar");
    javafx.beans.binding.BooleanBinding shown = Bindings.isNotEmpty(presenter.items()).or(presenter.canUndoProperty());
    bar.visibleProperty().bind(shown);
    bar.managedProperty().bind(shown);
    return bar;
  }

  private GalleryFilter filterOf() {
    return presenter.filterProperty().get() == null ? GalleryFilter.ALL : presenter.filterProperty().get();
  }

  /** One choice per filter the results offer now ("Faces: happy (3)"), a line between kinds. */
  private List<MenuItem> filterItems() {
    List<MenuItem> menu = new ArrayList<>();
    javafx.scene.control.ToggleGroup group = new javafx.scene.control.ToggleGroup();
    GalleryFilter.Kind lastKind = null;
    for (GalleryFilter.Offer offer : presenter.filterOffers()) {
      GalleryFilter f = offer.filter();
      if (lastKind != null && f.kind() != lastKind && f.kind() != GalleryFilter.Kind.ERRORS) {
        menu.add(new javafx.scene.control.SeparatorMenuItem());
      }
      lastKind = f.kind();
      javafx.scene.control.RadioMenuItem item = new javafx.scene.control.RadioMenuItem(
          Messages.text("gallery.filter.offer", f.label(), offer.photos()));
      item.setId("filter-" + f.kind().name().toLowerCase(java.util.Locale.ROOT) + (f.value() == null ? "" : "-" + f.value()));
      item.setToggleGroup(group);
      item.setSelected(f.equals(filterOf()));
      item.setDisable(offer.photos() == 0 && !f.equals(filterOf()));
      item.setOnAction(e -> presenter.filterProperty().set(f));
      menu.add(item);
    }
    return menu;
  }

  /** "All 14 photos", "The 3 photos shown", "The 2 selected photos": what an export now covers. */
  String scopeText() {
    int n = presenter.exportItems().size();
    return switch (presenter.exportScope()) {
      case ALL -> Messages.text("gallery.export.scope.all", n);
      case SHOWN -> Messages.text("gallery.export.scope.shown", n, filterOf().label());
      case SELECTED -> Messages.text("gallery.export.scope.selected", n);
    };
  }

  /** A bar under the toolbar when the chosen emotion model left the library (the choice fell back to the built-in one). */
  private HBox emotionNote() {
    Label text = new Label();
    text.textProperty().bind(presenter.services().emotionModels().noteProperty());
    text.setWrapText(true);
    text.setId("emotion-note");
    text.setGraphic(new FontIcon(Material2AL.INFO));
    HBox.setHgrow(text, Priority.ALWAYS);
    text.setMaxWidth(Double.MAX_VALUE);
    Button dismiss = new Button(null, new FontIcon(Material2AL.CLOSE));
    dismiss.getStyleClass().addAll("button-icon", "flat");
    dismiss.setTooltip(new Tooltip(Messages.text("common.dismiss")));
    dismiss.setAccessibleText(Messages.text("common.dismiss"));
    dismiss.setOnAction(e -> presenter.services().emotionModels().dismissNote());
    HBox bar = new HBox(8, text, dismiss);
    bar.setAlignment(Pos.CENTER_LEFT);
    bar.setPadding(new Insets(4, 12, 4, 12));
    bar.getStyleClass().add("emotion-note");
    bar.setStyle("-fx-background-color: -color-warning-subtle;");
    javafx.beans.binding.BooleanBinding shown = presenter.services().emotionModels().noteProperty().isNotEmpty();
    bar.visibleProperty().bind(shown);
    bar.managedProperty().bind(shown);
    return bar;
  }

  private HBox progressBar() {
    ProgressBar bar = new ProgressBar();
    bar.progressProperty().bind(presenter.progressProperty());
    bar.setPrefWidth(320);
    bar.setAccessibleText(Messages.text("gallery.progress.accessible"));
    Label text = new Label();
    text.textProperty().bind(presenter.progressTextProperty());
    Button cancel = button(Messages.text("common.cancel"), Material2MZ.STOP, Messages.text("gallery.cancel.tip"),
        presenter::cancel);
    cancel.setId("cancel");
    HBox box = new HBox(10, bar, text, cancel);
    box.setAlignment(Pos.CENTER_LEFT);
    box.setPadding(new Insets(6, 12, 6, 12));
    box.getStyleClass().add("gallery-progress");
    box.visibleProperty().bind(presenter.runningProperty());
    box.managedProperty().bind(presenter.runningProperty());
    return box;
  }

  private static Button button(String text, org.kordamp.ikonli.Ikon icon, String tip, Runnable action) {
    Button button = new Button(text, new FontIcon(icon));
    button.setTooltip(new Tooltip(tip));
    button.setAccessibleText(text != null ? text : tip);
    button.setOnAction(e -> action.run());
    return button;
  }

  // ---- adding

  public void choosePhotos() {
    FileChooser chooser = new FileChooser();
    chooser.setTitle(Messages.text("gallery.chooser.photos"));
    chooser.getExtensionFilters().addAll(
        new FileChooser.ExtensionFilter(Messages.text("gallery.chooser.imagesAndDocuments"),
            GalleryPresenter.imageAndDocumentPatterns()),
        new FileChooser.ExtensionFilter(Messages.text("gallery.chooser.images"), GalleryPresenter.imagePatterns()),
        new FileChooser.ExtensionFilter(Messages.text("gallery.chooser.all"), "*"));
    lastFolder().ifPresent(chooser::setInitialDirectory);
    List<File> files = chooser.showOpenMultipleDialog(window());
    if (files != null && !files.isEmpty()) {
      rememberFolder(files.get(0).getParentFile());
      presenter.addPaths(files.stream().map(File::toPath).toList());
    }
  }

  public void chooseFolder() {
    DirectoryChooser chooser = new DirectoryChooser();
    chooser.setTitle(Messages.text("gallery.chooser.folder"));
    lastFolder().ifPresent(chooser::setInitialDirectory);
    File folder = chooser.showDialog(window());
    if (folder != null) {
      rememberFolder(folder);
      presenter.addPaths(List.of(folder.toPath()));
    }
  }

  /** Files, a pasted image, or text with one path per line. */
  public void paste() {
    Clipboard clipboard = Clipboard.getSystemClipboard();
    if (clipboard.hasFiles()) {
      presenter.addPaths(clipboard.getFiles().stream().map(File::toPath).toList());
    } else if (clipboard.hasImage()) {
      presenter.addPastedImage(clipboard.getImage());
    } else if (clipboard.hasString()) {
      List<Path> paths = pathsIn(clipboard.getString());
      if (paths.isEmpty()) {
        presenter.status().setMessage(Messages.text("gallery.paste.noPaths"));
      } else {
        presenter.addPaths(paths);
      }
    } else {
      presenter.status().setMessage(Messages.text("gallery.paste.nothing"));
    }
  }

  static List<Path> pathsIn(String text) {
    List<Path> paths = new ArrayList<>();
    for (String line : text.split("\\R")) {
      String trimmed = line.strip();
      if (trimmed.startsWith("file://")) {
        trimmed = java.net.URI.create(trimmed).getPath();
      }
      try {
        if (!trimmed.isEmpty() && Files.exists(Path.of(trimmed))) {
          paths.add(Path.of(trimmed));
        }
      } catch (InvalidPathException e) {
        // not a path: ignore the line
      }
    }
    return paths;
  }

  private void onDragOver(DragEvent e) {
    if (e.getDragboard().hasFiles() || e.getDragboard().hasImage()) {
      e.acceptTransferModes(TransferMode.COPY);
    }
    e.consume();
  }

  /** What a drop does; public so tests can drive it with a real event. */
  public void onDragDropped(DragEvent e) {
    boolean ok = false;
    if (e.getDragboard().hasFiles()) {
      presenter.addPaths(e.getDragboard().getFiles().stream().map(File::toPath).toList());
      ok = true;
    } else if (e.getDragboard().hasImage()) {
      presenter.addPastedImage(e.getDragboard().getImage());
      ok = true;
    }
    e.setDropCompleted(ok);
    e.consume();
  }

  // ---- export

  /**
   * Asks where to save the results (CSV or JSON) of the photos an export covers (the selected,
   * else the shown ones), starting in the folder last exported to; null when there is nothing to
   * export or the person cancelled.
   */
  public java.util.concurrent.CompletableFuture<Integer> exportResults() {
    if (presenter.items().isEmpty()) {
      return null;
    }
    List<GalleryItem> which = presenter.exportItems();
    FileChooser chooser = new FileChooser();
    chooser.setTitle(Messages.text("gallery.export.resultsOf", scopeText()));
    chooser.getExtensionFilters().addAll(new FileChooser.ExtensionFilter("CSV", "*.csv"),
        new FileChooser.ExtensionFilter("JSON", "*.json"));
    chooser.setInitialFileName("raut-results.csv");
    chooser.setInitialDirectory(exportFolder());
    File file = fileChooser.apply(chooser);
    if (file == null) {
      return null;
    }
    rememberExportFolder(file.getAbsoluteFile().getParentFile());
    Path target = file.toPath();
    if (!target.getFileName().toString().contains(".")) {
      String ext = chooser.getSelectedExtensionFilter() != null
          && chooser.getSelectedExtensionFilter().getDescription().equals("JSON") ? ".json" : ".csv";
      target = target.resolveSibling(target.getFileName() + ext);
    }
    return presenter.exportResults(target, which);
  }

  /**
   * Asks for a folder, starting in the one last exported to, and saves the covered photos with
   * their boxes drawn in as {@code format}; null when cancelled.
   */
  public java.util.concurrent.CompletableFuture<Integer> saveAnnotated(GalleryExport.ImageFormat format) {
    if (presenter.items().isEmpty()) {
      return null;
    }
    List<GalleryItem> which = presenter.exportItems();
    DirectoryChooser chooser = new DirectoryChooser();
    chooser.setTitle(Messages.text("gallery.export.annotatedInto", scopeText()));
    chooser.setInitialDirectory(exportFolder());
    File folder = folderChooser.apply(chooser);
    if (folder == null) {
      return null;
    }
    rememberExportFolder(folder.getAbsoluteFile());
    return presenter.saveAnnotated(folder.toPath(), which, format);
  }

  /** For tests, which have no native dialogs: what stands in for the save dialog and the folder dialog. */
  void useExportChoosers(java.util.function.Function<FileChooser, File> files,
      java.util.function.Function<DirectoryChooser, File> folders) {
    fileChooser = files;
    folderChooser = folders;
  }

  /** The folder exported to last, else the user's pictures folder, else home: never the photos' own folder. */
  File exportFolder() {
    String saved = presenter.services().settings().get(KEY_EXPORT_FOLDER, null);
    if (saved != null && new File(saved).isDirectory()) {
      return new File(saved);
    }
    return picturesFolder();
  }

  /** The pictures folder: Linux's XDG name for it (it may be "Gambar"), else ~/Pictures, else home. */
  static File picturesFolder() {
    Path home = Path.of(System.getProperty("user.home"));
    Path xdg = home.resolve(".config/user-dirs.dirs");
    try {
      if (Files.isRegularFile(xdg)) {
        for (String line : Files.readAllLines(xdg)) {
          if (line.startsWith("XDG_PICTURES_DIR=")) {
            String dir = line.substring(line.indexOf('=') + 1).replace("\"", "").replace("$HOME", home.toString());
            if (Files.isDirectory(Path.of(dir)) && !Path.of(dir).equals(home)) {
              return new File(dir);
            }
          }
        }
      }
    } catch (java.io.IOException | InvalidPathException e) {
      // an unreadable settings file: the usual name below
    }
    Path pictures = home.resolve("Pictures");
    return Files.isDirectory(pictures) ? pictures.toFile() : home.toFile();
  }

  private void rememberExportFolder(File folder) {
    if (folder != null && folder.isDirectory()) {
      presenter.services().settings().put(KEY_EXPORT_FOLDER, folder.getAbsolutePath());
    }
  }

  private java.util.Optional<File> lastFolder() {
    String saved = presenter.services().settings().get(GalleryPresenter.SETTINGS + "lastFolder", null);
    if (saved == null) {
      return java.util.Optional.empty();
    }
    File dir = new File(saved);
    return dir.isDirectory() ? java.util.Optional.of(dir) : java.util.Optional.empty();
  }

  private void rememberFolder(File folder) {
    if (folder != null) {
      presenter.services().settings().put(GalleryPresenter.SETTINGS + "lastFolder", folder.getAbsolutePath());
    }
  }

  private Window window() {
    return getScene() == null ? null : getScene().getWindow();
  }
}
