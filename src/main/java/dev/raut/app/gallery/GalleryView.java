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
 * The gallery page: toolbar (add, paste, mode, detector, export, clear), the card grid with drop
 * anywhere, the progress bar with cancel, and the detail view over it. Binds to
 * {@link GalleryPresenter}; calls nothing of the core itself.
 */
public final class GalleryView extends BorderPane {
  public static final KeyCombination ADD_PHOTOS = new KeyCodeCombination(KeyCode.O, KeyCombination.SHORTCUT_DOWN);
  public static final KeyCombination ADD_FOLDER =
      new KeyCodeCombination(KeyCode.O, KeyCombination.SHORTCUT_DOWN, KeyCombination.SHIFT_DOWN);
  public static final KeyCombination EXPORT = new KeyCodeCombination(KeyCode.E, KeyCombination.SHORTCUT_DOWN);
  public static final KeyCombination PASTE = new KeyCodeCombination(KeyCode.V, KeyCombination.SHORTCUT_DOWN);

  private final GalleryPresenter presenter;
  private final GalleryGrid grid;
  private final PhotoLoader loader;
  private final StackPane content;
  /** Built when first opened: its chart costs a second at start-up otherwise. */
  private DetailView detail;
  /** Held here, listened to weakly: a view replaced after a change of language is not kept alive by the presenter. */
  private final javafx.beans.value.ChangeListener<GalleryItem> detailShown = (obs, old, now) -> showDetail(now);

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

    setTop(new javafx.scene.layout.VBox(toolbar(), emotionNote()));

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
    mode.setMaxWidth(260);

    ComboBox<DetectorChoice> detector = new ComboBox<>();
    detector.getItems().setAll(DetectorChoice.AUTO, DetectorChoice.BACK, DetectorChoice.FRONT, DetectorChoice.HAAR);
    detector.setConverter(dev.raut.app.DetectorNames.converter());
    detector.valueProperty().bindBidirectional(presenter.detectorProperty());
    detector.setTooltip(new Tooltip(Messages.text("gallery.detector.tip")));
    detector.setAccessibleText(Messages.text("gallery.detector.accessible"));
    detector.setMaxWidth(230);

    Label emotionLabel = new Label(Messages.text("app.emotion.label"));
    ComboBox<EmotionModels.Option> emotion = new ComboBox<>(presenter.services().emotionModels().options());
    emotion.valueProperty().bindBidirectional(presenter.services().emotionModels().chosenProperty());
    emotion.setTooltip(new Tooltip(Messages.text("app.emotion.tip")));
    emotion.setAccessibleText(Messages.text("app.emotion.accessible"));
    emotion.setId("emotion-model");
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
    MenuItem csvJson = new MenuItem(Messages.text("gallery.export.results"));
    csvJson.setAccelerator(EXPORT);
    csvJson.setOnAction(e -> exportResults());
    MenuItem annotated = new MenuItem(Messages.text("gallery.export.annotated"));
    annotated.setOnAction(e -> saveAnnotated());
    export.getItems().addAll(csvJson, annotated);
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

  public void exportResults() {
    if (presenter.items().isEmpty()) {
      return;
    }
    boolean selected = !presenter.selectedItems().isEmpty();
    FileChooser chooser = new FileChooser();
    chooser.setTitle(Messages.text(selected ? "gallery.export.selected" : "gallery.export.all"));
    chooser.getExtensionFilters().addAll(new FileChooser.ExtensionFilter("CSV", "*.csv"),
        new FileChooser.ExtensionFilter("JSON", "*.json"));
    chooser.setInitialFileName("raut-results.csv");
    lastFolder().ifPresent(chooser::setInitialDirectory);
    File file = chooser.showSaveDialog(window());
    if (file != null) {
      Path target = file.toPath();
      if (!target.getFileName().toString().contains(".")) {
        String ext = chooser.getSelectedExtensionFilter() != null
            && chooser.getSelectedExtensionFilter().getDescription().equals("JSON") ? ".json" : ".csv";
        target = target.resolveSibling(target.getFileName() + ext);
      }
      presenter.exportResults(target, selected);
    }
  }

  public void saveAnnotated() {
    DirectoryChooser chooser = new DirectoryChooser();
    chooser.setTitle(Messages.text("gallery.export.annotatedInto"));
    lastFolder().ifPresent(chooser::setInitialDirectory);
    File folder = chooser.showDialog(window());
    if (folder != null) {
      presenter.saveAnnotated(folder.toPath(), !presenter.selectedItems().isEmpty());
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
