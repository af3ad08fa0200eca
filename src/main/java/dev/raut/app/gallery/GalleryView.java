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

  public GalleryView(GalleryPresenter presenter) {
    this.presenter = presenter;
    this.loader = new PhotoLoader(presenter.services().ioPool());
    this.grid = new GalleryGrid(presenter, loader);
    getStyleClass().add("gallery-view");

    setTop(new javafx.scene.layout.VBox(toolbar(), emotionNote()));

    Label empty = new Label("Drop photos or folders here\nor use Add photos… (Ctrl+O), Add folder… (Ctrl+Shift+O) or paste (Ctrl+V)");
    empty.getStyleClass().addAll("gallery-empty", "text-muted");
    empty.setGraphic(new FontIcon(Material2AL.ADD_PHOTO_ALTERNATE));
    empty.setContentDisplay(javafx.scene.control.ContentDisplay.TOP);
    empty.visibleProperty().bind(Bindings.isEmpty(presenter.items()));
    empty.setMouseTransparent(true);
    content = new StackPane(grid, empty);
    setCenter(content);
    setBottom(progressBar());

    presenter.detailItemProperty().addListener((obs, old, now) -> {
      if (detail == null) {
        detail = new DetailView(presenter, loader);
        content.getChildren().add(detail);
      }
      detail.setVisible(now != null);
      detail.show(now);
      if (now == null) {
        grid.requestFocus();
      }
    });

    setOnDragOver(this::onDragOver);
    setOnDragDropped(this::onDragDropped);
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
    Button addPhotos = button("Add photos…", Material2AL.ADD_PHOTO_ALTERNATE, "Add photos (Ctrl+O)", this::choosePhotos);
    Button addFolder = button("Add folder…", Material2AL.FOLDER_OPEN, "Add a folder and its subfolders (Ctrl+Shift+O)",
        this::chooseFolder);
    Button paste = button(null, Material2AL.CONTENT_PASTE, "Paste images or files (Ctrl+V)", this::paste);
    paste.setAccessibleText("Paste");

    ComboBox<AnalysisChoice> mode = new ComboBox<>(presenter.choices());
    mode.valueProperty().bindBidirectional(presenter.choiceProperty());
    mode.setTooltip(new Tooltip("What to find: faces and their emotion, objects, or an imported classifier"));
    mode.setAccessibleText("Analysis mode");
    mode.setId("mode");
    mode.setMaxWidth(260);

    ComboBox<DetectorChoice> detector = new ComboBox<>();
    detector.getItems().setAll(DetectorChoice.AUTO, DetectorChoice.BACK, DetectorChoice.FRONT, DetectorChoice.HAAR);
    detector.setConverter(dev.raut.app.DetectorNames.converter());
    detector.valueProperty().bindBidirectional(presenter.detectorProperty());
    detector.setTooltip(new Tooltip("Face detector: BlazeFace back for group photos, front for close-ups, or OpenCV's Haar cascade"));
    detector.setAccessibleText("Face detector");
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
    Label detectorLabel = new Label(GalleryStrings.DETECTOR);
    detectorLabel.setLabelFor(detector);
    // the extras sit in one small menu, so the row still fits a 1000-pixel window next to a long model name
    javafx.scene.control.CheckMenuItem ageGender = new javafx.scene.control.CheckMenuItem(GalleryStrings.AGE_GENDER);
    ageGender.setId("age-gender");
    ageGender.selectedProperty().bindBidirectional(presenter.ageGenderProperty());
    javafx.scene.control.CheckMenuItem landmarks = new javafx.scene.control.CheckMenuItem(GalleryStrings.LANDMARKS);
    landmarks.setId("landmarks");
    landmarks.selectedProperty().bindBidirectional(presenter.landmarksProperty());
    MenuButton extras = new MenuButton(GalleryStrings.EXTRAS, null, ageGender, landmarks);
    extras.setId("face-extras");
    extras.setTooltip(new Tooltip(GalleryStrings.EXTRAS_TIP));
    extras.setAccessibleText(GalleryStrings.EXTRAS);
    ToolBar faces = new ToolBar(new Label(GalleryStrings.FACES), detectorLabel, detector, emotionLabel, emotion,
        new Separator(), extras);
    faces.getStyleClass().add("gallery-face-bar");
    javafx.beans.binding.BooleanBinding findsFaces = Bindings.createBooleanBinding(
        () -> presenter.choiceProperty().get() != null && presenter.choiceProperty().get().findsFaces(),
        presenter.choiceProperty());
    faces.visibleProperty().bind(findsFaces);
    faces.managedProperty().bind(findsFaces);

    MenuButton export = new MenuButton("Export", new FontIcon(Material2MZ.SAVE_ALT));
    export.setTooltip(new Tooltip("Export results as CSV or JSON, or save annotated images (Ctrl+E)"));
    export.setAccessibleText("Export");
    MenuItem csvJson = new MenuItem("Results as CSV or JSON…");
    csvJson.setAccelerator(EXPORT);
    csvJson.setOnAction(e -> exportResults());
    MenuItem annotated = new MenuItem("Annotated images (PNG)…");
    annotated.setOnAction(e -> saveAnnotated());
    export.getItems().addAll(csvJson, annotated);
    export.disableProperty().bind(Bindings.isEmpty(presenter.items()));

    Button clear = button("Clear all", Material2AL.CLEAR_ALL, "Remove every photo from the gallery", presenter::clear);
    clear.disableProperty().bind(Bindings.isEmpty(presenter.items()));
    Region spacer = new Region();
    HBox.setHgrow(spacer, Priority.ALWAYS);
    ToolBar main = new ToolBar(addPhotos, addFolder, paste, new Separator(), new Label("Find"), mode, spacer, export,
        clear);
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
    bar.setAccessibleText("Analysis progress");
    Label text = new Label();
    text.textProperty().bind(presenter.progressTextProperty());
    Button cancel = button("Cancel", Material2MZ.STOP, "Stop analysing; photos not started stay unanalysed", presenter::cancel);
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
    chooser.setTitle("Add photos");
    chooser.getExtensionFilters().addAll(
        new FileChooser.ExtensionFilter("Images and documents", GalleryPresenter.imageAndDocumentPatterns()),
        new FileChooser.ExtensionFilter("Images", GalleryPresenter.imagePatterns()),
        new FileChooser.ExtensionFilter("All files", "*"));
    lastFolder().ifPresent(chooser::setInitialDirectory);
    List<File> files = chooser.showOpenMultipleDialog(window());
    if (files != null && !files.isEmpty()) {
      rememberFolder(files.get(0).getParentFile());
      presenter.addPaths(files.stream().map(File::toPath).toList());
    }
  }

  public void chooseFolder() {
    DirectoryChooser chooser = new DirectoryChooser();
    chooser.setTitle("Add a folder of photos");
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
        presenter.status().setMessage("The clipboard holds no image and no file paths");
      } else {
        presenter.addPaths(paths);
      }
    } else {
      presenter.status().setMessage("The clipboard holds no image and no files");
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
    chooser.setTitle(selected ? "Export the selected photos' results" : "Export all results");
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
    chooser.setTitle("Save annotated images into…");
    lastFolder().ifPresent(chooser::setInitialDirectory);
    File folder = chooser.showDialog(window());
    if (folder != null) {
      presenter.saveAnnotated(folder.toPath(), !presenter.selectedItems().isEmpty());
    }
  }

  private java.util.Optional<File> lastFolder() {
    String saved = presenter.services().settings().get("gallery.lastFolder", null);
    if (saved == null) {
      return java.util.Optional.empty();
    }
    File dir = new File(saved);
    return dir.isDirectory() ? java.util.Optional.of(dir) : java.util.Optional.empty();
  }

  private void rememberFolder(File folder) {
    if (folder != null) {
      presenter.services().settings().put("gallery.lastFolder", folder.getAbsolutePath());
    }
  }

  private Window window() {
    return getScene() == null ? null : getScene().getWindow();
  }
}
