package dev.raut.app.live;

import dev.raut.app.BackgroundTasks;
import dev.raut.core.text.Messages;
import dev.raut.app.DetectorNames;
import dev.raut.app.EmotionModels;
import dev.raut.core.analysis.DetectorChoice;
import dev.raut.core.classify.ClassifierLibrary;
import dev.raut.core.analysis.Engine;
import dev.raut.core.camera.CameraDevice;
import dev.raut.core.camera.CameraException;
import dev.raut.core.camera.FrameSource;
import dev.raut.core.camera.IpCameraSource;
import dev.raut.core.camera.LocalCameraSource;
import dev.raut.core.camera.LiveResult;
import dev.raut.core.camera.SourceStatus;
import dev.raut.core.camera.VideoFileSource;
import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import dev.raut.app.ChoiceNames;
import javafx.animation.AnimationTimer;
import javafx.application.Platform;
import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.Labeled;
import javafx.scene.control.ListCell;
import javafx.scene.control.Tooltip;
import javafx.scene.control.PasswordField;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.scene.image.ImageView;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Pane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import javafx.stage.Window;

/**
 * The Live view: pick a camera, an IP camera or a video file, watch it with face, emotion or object
 * overlays, a HUD with camera FPS, analysis FPS and latency, mirror, pause, snapshot and recording.
 * Self-contained: host it with {@code new LiveView(engine)}; it stops its source when it leaves the
 * window or the window closes, and {@link #close()} releases everything. {@link #relabel()} shows
 * its words in a new language without touching the source, the choices or what is typed.
 */
public final class LiveView extends BorderPane implements AutoCloseable {
  enum SourceKind {
    CAMERA("live.source.camera"), IP_CAMERA("live.source.ip"), VIDEO_FILE("live.source.file");

    private final String key;

    SourceKind(String key) {
      this.key = key;
    }

    String label() {
      return Messages.text(key);
    }
  }

  private final LivePresenter presenter;
  private final ChoiceBox<SourceKind> kind = new ChoiceBox<>();
  private final ComboBox<CameraDevice> camera = new ComboBox<>();
  private final ComboBox<CameraDevice.Resolution> resolution = new ComboBox<>();
  private final TextField url = new TextField();
  private final TextField user = new TextField();
  private final PasswordField password = new PasswordField();
  private final TextField videoPath = new TextField();
  private final CheckBox loop = new CheckBox();
  private final ComboBox<LiveChoice> mode = new ComboBox<>();
  private final EmotionModels emotionModels;
  private final ComboBox<EmotionModels.Option> emotion = new ComboBox<>();
  private final ChoiceBox<DetectorChoice> detector = new ChoiceBox<>();
  /** The library's classifiers as last handed over, for the analysis list. */
  private java.util.List<ClassifierLibrary.Entry> library = java.util.List.of();
  /** A classifier picked as a file, kept in the list while the library changes. */
  private LiveChoice fileChoice;
  private boolean updatingChoices;
  private final ImageView video = new ImageView();
  private final OverlayCanvas overlay = new OverlayCanvas();
  private final Label hud = new Label();
  private final Label statusText = new Label();
  private final Button retry = new Button();
  /** Puts each word on its control; run again by {@link #relabel()}. */
  private final List<Runnable> words = new ArrayList<>();
  private final VBox statusBox = new VBox(8, statusText, retry);
  private final VBox emptyState;
  private final Label notice = new Label();
  private final AnimationTimer display;
  private WritableImage image;
  private long lastHudNanos;
  private long lastFrameIndex = -1;
  private long lastFrameScene = -1;
  private long lastDrawnResultIndex = -1;

  /** Alone (tests, tools): emotions by the built-in model, no library classifiers until {@link #setClassifiers}. */
  public LiveView(Engine engine) {
    this(engine, new EmotionModels(null), null);
  }

  /** In the main window: the emotion model is the app's choice (the gallery's Emotion list). */
  private java.util.function.Function<javafx.stage.Window, File> videoChooser = LiveView::showVideoDialog;

  /** {@code analysis}: the app's analysis threads, which the camera's frames share with the other pages (null: a thread of its own). */
  public LiveView(Engine engine, EmotionModels emotionModels, dev.raut.core.analysis.AnalysisService analysis) {
    this.presenter = new LivePresenter(engine, BackgroundTasks.oneAtATime("raut-live-control"),
        BackgroundTasks.oneAtATime("raut-live-io"), analysis);
    this.emotionModels = emotionModels;
    getStyleClass().add("live-view");
    setTop(controls());
    Button useIp = say(new Button(), "live.empty.ip");
    useIp.setOnAction(e -> kind.setValue(SourceKind.IP_CAMERA));
    Button useFile = say(new Button(), "live.empty.file");
    // a person who asks to open a video wants to pick one and watch it, not to find the path field
    useFile.setOnAction(e -> {
      kind.setValue(SourceKind.VIDEO_FILE);
      if (chooseVideo()) {
        startChosen();
      }
    });
    Label emptyTitle = say(new Label(), "live.empty.title");
    emptyTitle.setStyle("-fx-font-size: 18px; -fx-font-weight: bold; -fx-text-fill: white;");
    Label emptyHint = say(new Label(), "live.empty.hint");
    emptyHint.setStyle("-fx-text-fill: #dddddd;");
    Label driverHint = new Label();
    driverHint.setWrapText(true);
    driverHint.setMaxWidth(460);
    driverHint.setStyle("-fx-text-fill: #bbbbbb;");
    driverHint.textProperty().bind(presenter.cameraProblemProperty());
    emptyState = new VBox(10, emptyTitle, emptyHint, new HBox(8, useIp, useFile), driverHint);
    emptyState.setAlignment(Pos.CENTER);
    ((HBox) emptyState.getChildren().get(2)).setAlignment(Pos.CENTER);
    setCenter(stage());
    notice.textProperty().bind(presenter.noticeProperty());
    notice.setPadding(new Insets(4, 8, 4, 8));
    setBottom(notice);
    display = new AnimationTimer() {
      @Override
      public void handle(long now) {
        showLatest(now);
      }
    };
    display.start();
    wireLifecycle();
    listCamerasWhenFirstShown();
  }

  /** The camera driver is asked only once Live is on screen, not for every start of the app. */
  private void listCamerasWhenFirstShown() {
    if (getScene() != null) {
      presenter.refreshCameras();
      return;
    }
    sceneProperty().addListener(new javafx.beans.value.ChangeListener<>() {
      @Override
      public void changed(javafx.beans.value.ObservableValue<? extends javafx.scene.Scene> obs, javafx.scene.Scene old, javafx.scene.Scene now) {
        if (now != null) {
          sceneProperty().removeListener(this);
          presenter.refreshCameras();
        }
      }
    });
  }

  public LivePresenter presenter() {
    return presenter;
  }

  /** Starts a source chosen in code (the main window, tests); the view owns it from now on. */
  public void start(FrameSource source) {
    presenter.start(source);
  }

  /** Shows the words in the current language; the source, the choices and the fields stay as they are. FX thread. */
  public void relabel() {
    words.forEach(Runnable::run);
  }

  /** Gives {@code control} the text of {@code key}, now and at each {@link #relabel()}. */
  private <T extends Labeled> T say(T control, String key) {
    return words(control, c -> c.setText(Messages.text(key)));
  }

  /** Runs {@code apply} (which sets words on {@code target}) now and at each {@link #relabel()}. */
  private <T> T words(T target, Consumer<T> apply) {
    Runnable r = () -> apply.accept(target);
    words.add(r);
    r.run();
    return target;
  }

  private Tooltip tip(String key) {
    return words(new Tooltip(), t -> t.setText(Messages.text(key)));
  }

  private Region controls() {
    kind.getItems().setAll(SourceKind.values());
    kind.setValue(SourceKind.CAMERA);
    // a new converter makes the box show its items' words again
    words(kind, k -> k.setConverter(ChoiceNames.of(SourceKind::label)));
    words(camera, c -> c.setPromptText(Messages.text("live.camera.none")));
    camera.setCellFactory(list -> new javafx.scene.control.ListCell<>() {
      @Override
      protected void updateItem(CameraDevice item, boolean empty) {
        super.updateItem(item, empty);
        setText(empty || item == null ? null : item.name());
      }
    });
    camera.setButtonCell(camera.getCellFactory().call(null));
    camera.valueProperty().addListener((o, was, now) ->
        resolution.getItems().setAll(now == null ? java.util.List.of() : now.resolutions()));
    words(resolution, r -> r.setPromptText(Messages.text("live.resolution")));
    resolution.getItems().addListener((javafx.collections.ListChangeListener<CameraDevice.Resolution>) c -> {
      if (!resolution.getItems().isEmpty()) {
        resolution.setValue(resolution.getItems().get(resolution.getItems().size() - 1));
      }
    });
    presenter.camerasProperty().addListener((o, was, now) -> {
      camera.getItems().setAll(now);
      if (!now.isEmpty()) {
        camera.setValue(now.get(0)); // the default camera
      }
    });
    words(url, u -> u.setPromptText(Messages.text("live.url.prompt")));
    url.setPrefColumnCount(22);
    words(user, u -> u.setPromptText(Messages.text("live.user.prompt")));
    user.setPrefColumnCount(8);
    words(password, u -> u.setPromptText(Messages.text("live.password.prompt")));
    password.setPrefColumnCount(8);
    words(videoPath, u -> u.setPromptText(Messages.text("live.video.prompt")));
    videoPath.setPrefColumnCount(18);
    say(loop, "live.loop");
    Button browse = say(new Button(), "live.browse");
    browse.setOnAction(e -> chooseVideo());
    loop.setSelected(true);

    HBox cameraFields = new HBox(6, camera, resolution);
    HBox ipFields = new HBox(6, url, user, password);
    HBox fileFields = new HBox(6, videoPath, browse, loop);
    for (HBox fields : new HBox[] {cameraFields, ipFields, fileFields}) {
      fields.setAlignment(Pos.CENTER_LEFT);
      fields.managedProperty().bind(fields.visibleProperty());
    }
    cameraFields.visibleProperty().bind(kind.valueProperty().isEqualTo(SourceKind.CAMERA));
    ipFields.visibleProperty().bind(kind.valueProperty().isEqualTo(SourceKind.IP_CAMERA));
    fileFields.visibleProperty().bind(kind.valueProperty().isEqualTo(SourceKind.VIDEO_FILE));

    Button start = say(new Button(), "live.start");
    start.setId("live-start");
    start.setDefaultButton(true);
    start.setOnAction(e -> startChosen());
    Button stop = say(new Button(), "live.stop");
    stop.setId("live-stop");
    stop.disableProperty().bind(presenter.runningProperty().not());
    stop.setOnAction(e -> presenter.stop());
    HBox sourceRow = new HBox(8, say(new Label(), "live.source"), kind, cameraFields, ipFields, fileFields, start, stop);
    sourceRow.setAlignment(Pos.CENTER_LEFT);

    mode.getItems().setAll(LiveChoice.FACES, LiveChoice.OBJECTS, LiveChoice.FROM_FILE);
    mode.setValue(LiveChoice.FACES);
    mode.setId("live-mode");
    mode.setTooltip(tip("live.mode.tip"));
    words(mode, m -> {
      m.setAccessibleText(Messages.text("live.analyse"));
      // new cells show each entry's words in the current language
      m.setCellFactory(list -> labelCell());
      m.setButtonCell(labelCell());
    });
    // the gallery's order and names; Automatic also finds the small faces of a group in view
    detector.getItems().setAll(DetectorChoice.AUTO, DetectorChoice.BACK, DetectorChoice.FRONT, DetectorChoice.HAAR);
    words(detector, d -> d.setConverter(DetectorNames.converter()));
    detector.setValue(DetectorChoice.AUTO);
    detector.setId("live-detector");
    detector.disableProperty().bind(Bindings.createBooleanBinding(
        () -> mode.getValue() != null && mode.getValue().mode() == LiveMode.OBJECTS, mode.valueProperty()));
    mode.valueProperty().addListener((o, was, now) -> {
      if (updatingChoices || now == null) {
        return;
      }
      if (now.pickFile()) {
        // after this change has been delivered: pick a file, or go back to what was chosen
        Platform.runLater(() -> pickClassifierFile(was));
        return;
      }
      applyAnalysis();
    });
    detector.valueProperty().addListener((o, was, now) -> applyAnalysis());
    emotion.setItems(emotionModels.options());
    emotion.valueProperty().bindBidirectional(emotionModels.chosenProperty());
    emotion.setId("live-emotion-model");
    emotion.setTooltip(tip("app.emotion.tip"));
    words(emotion, m -> {
      m.setAccessibleText(Messages.text("app.emotion.accessible"));
      m.setCellFactory(list -> labelCell());
      m.setButtonCell(labelCell());
    });
    Label emotionLabel = say(new Label(), "app.emotion.label");
    emotionLabel.setLabelFor(emotion);
    emotion.disableProperty().bind(detector.disableProperty()); // objects only: no faces, no emotions
    presenter.setEmotionModel(emotionModels.inUseProperty().get());
    emotionModels.inUseProperty().addListener((o, was, now) -> presenter.setEmotionModel(now));
    emotionModels.noteProperty().addListener((o, was, now) -> {
      if (!now.isEmpty()) {
        presenter.showNotice(now);
      }
    });
    CheckBox keypoints = say(new CheckBox(), "live.keypoints");
    keypoints.selectedProperty().bindBidirectional(presenter.keypointsProperty());
    CheckBox mirror = say(new CheckBox(), "live.mirror");
    mirror.selectedProperty().bindBidirectional(presenter.mirrorProperty());
    ToggleButton pause = say(new ToggleButton(), "live.pause");
    pause.selectedProperty().bindBidirectional(presenter.pausedProperty());
    Button snapshot = say(new Button(), "live.snapshot");
    snapshot.disableProperty().bind(presenter.runningProperty().not());
    snapshot.setOnAction(e -> presenter.snapshot());
    ToggleButton record = say(new ToggleButton(), "live.record");
    record.disableProperty().bind(presenter.runningProperty().not());
    record.setOnAction(e -> presenter.setRecording(record.isSelected()));
    presenter.recordingProperty().addListener((o, was, now) -> record.setSelected(now));
    // rows that wrap: at 1000 px, and in Indonesian's longer words, a control goes to the next line
    // instead of off the window, and no word is cut (a cut "P…" or "Snap…" says nothing)
    FlowPane analysisRow = new FlowPane(8, 6, say(new Label(), "live.analyse"), mode, say(new Label(), "live.detector"),
        detector, emotionLabel, emotion);
    analysisRow.setAlignment(Pos.CENTER_LEFT);
    for (javafx.scene.control.Control choice : List.<javafx.scene.control.Control>of(mode, detector, emotion)) {
      choice.setMaxWidth(300); // an imported model's long name is cut in the box, not the row
    }
    // per-face extras cost time on every face of every frame: off unless chosen
    CheckBox ageGender = say(new CheckBox(), "live.ageGender");
    ageGender.setId("live-age-gender");
    CheckBox landmarks = say(new CheckBox(), "live.landmarks");
    landmarks.setId("live-landmarks");
    for (CheckBox extra : List.of(ageGender, landmarks)) {
      extra.setTooltip(tip("live.extras.tip"));
      extra.disableProperty().bind(detector.disableProperty());
      extra.selectedProperty().addListener(o -> presenter.setFaceExtras(ageGender.isSelected(), landmarks.isSelected()));
    }
    FlowPane extrasRow = new FlowPane(8, 6, say(new Label(), "live.perFace"), ageGender, landmarks,
        new javafx.scene.control.Separator(javafx.geometry.Orientation.VERTICAL), keypoints, mirror, pause, snapshot, record);
    extrasRow.setAlignment(Pos.CENTER_LEFT);
    for (javafx.scene.layout.Pane row : List.of(sourceRow, analysisRow, extrasRow)) {
      for (javafx.scene.Node n : row.getChildren()) {
        if (n instanceof javafx.scene.control.Labeled) {
          ((javafx.scene.control.Labeled) n).setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        }
      }
    }
    VBox box = new VBox(6, sourceRow, analysisRow, extrasRow);
    box.setPadding(new Insets(8));
    return box;
  }

  /** A list cell that shows its item's words as they are when it is drawn. */
  private static <T> ListCell<T> labelCell() {
    return new ListCell<>() {
      @Override
      protected void updateItem(T item, boolean empty) {
        super.updateItem(item, empty);
        setText(empty || item == null ? null : item.toString());
      }
    };
  }


  private StackPane stage() {
    video.setPreserveRatio(true);
    video.setSmooth(true);
    Pane overlayLayer = new Pane(overlay);
    overlayLayer.setMouseTransparent(true);
    hud.setId("live-hud");
    hud.setStyle("-fx-background-color: rgba(0,0,0,0.6); -fx-text-fill: white; -fx-padding: 4 8 4 8;"
        + " -fx-font-family: monospace;");
    hud.textProperty().bind(presenter.hudProperty());
    hud.visibleProperty().bind(presenter.hudProperty().isNotEmpty());
    statusText.setWrapText(true);
    statusText.setMaxWidth(480);
    statusText.setStyle("-fx-text-fill: white; -fx-font-size: 14px;");
    statusBox.setAlignment(Pos.CENTER);
    statusBox.setStyle("-fx-background-color: rgba(0,0,0,0.55); -fx-padding: 16;");
    statusBox.setMaxSize(Region.USE_PREF_SIZE, Region.USE_PREF_SIZE);
    say(retry, "live.retry");
    retry.setOnAction(e -> presenter.retry());
    presenter.statusProperty().addListener((o, was, now) -> showStatus(now));
    showStatus(presenter.statusProperty().get());
    emptyState.visibleProperty().bind(Bindings.createBooleanBinding(
        () -> presenter.camerasListedProperty().get() && presenter.camerasProperty().get().isEmpty()
            && kind.getValue() == SourceKind.CAMERA && !presenter.runningProperty().get(),
        presenter.camerasListedProperty(), presenter.camerasProperty(), kind.valueProperty(), presenter.runningProperty()));
    StackPane pane = new StackPane(video, overlayLayer, statusBox, emptyState, hud);
    StackPane.setAlignment(hud, Pos.TOP_LEFT);
    StackPane.setMargin(hud, new Insets(8));
    pane.setStyle("-fx-background-color: #1e1e1e;");
    pane.setMinSize(320, 240);
    video.fitWidthProperty().bind(pane.widthProperty());
    video.fitHeightProperty().bind(pane.heightProperty());
    overlay.widthProperty().bind(pane.widthProperty());
    overlay.heightProperty().bind(pane.heightProperty());
    video.scaleXProperty().bind(Bindings.when(presenter.mirrorProperty()).then(-1).otherwise(1));
    return pane;
  }

  private void showStatus(SourceStatus s) {
    boolean problem = s.state() == SourceStatus.State.ERROR || s.state() == SourceStatus.State.RECONNECTING;
    boolean visible = problem || s.state() == SourceStatus.State.CONNECTING;
    statusText.setText(s.message());
    retry.setVisible(problem);
    retry.setManaged(problem);
    statusBox.setVisible(visible && !emptyStateShowing());
  }

  private boolean emptyStateShowing() {
    return emptyState != null && emptyState.isVisible();
  }

  /** Runs every display frame: the newest camera frame into the image, the newest result onto the canvas. */
  private void showLatest(long now) {
    VideoFrame frame = presenter.takeFrame();
    if (frame != null) {
      if (image == null || (int) image.getWidth() != frame.width || (int) image.getHeight() != frame.height) {
        image = new WritableImage(frame.width, frame.height);
        video.setImage(image);
      }
      image.getPixelWriter().setPixels(0, 0, frame.width, frame.height, PixelFormat.getByteBgraPreInstance(),
          frame.bgra, 0, frame.width * 4);
      lastFrameIndex = frame.index;
      lastFrameScene = frame.scene;
      presenter.recycle(frame);
    }
    boolean live = presenter.runningProperty().get();
    if (!live && image != null) {
      image = null;
      video.setImage(null);
    }
    LiveResult result = live ? presenter.latestResult() : null;
    // right after a cut the newest result is still the old shot's: draw nothing until the new shot's arrives
    if (image != null && result != null && result.scene() == lastFrameScene) {
      double scale = Math.min(overlay.getWidth() / image.getWidth(), overlay.getHeight() / image.getHeight());
      double x = (overlay.getWidth() - image.getWidth() * scale) / 2;
      double y = (overlay.getHeight() - image.getHeight() * scale) / 2;
      // results are in their frame's pixels, which is the displayed size unless the camera changed resolution
      double resultScale = scale * image.getWidth() / Math.max(1, result.analysis().width());
      overlay.draw(result, x, y, resultScale, presenter.mirrorProperty().get(), presenter.keypointsProperty().get());
      if (result.frameIndex() != lastDrawnResultIndex) {
        lastDrawnResultIndex = result.frameIndex();
        presenter.overlayShown((System.nanoTime() - result.capturedNanos()) / 1e6);
      }
    } else {
      overlay.draw(null, 0, 0, 1, false, false);
    }
    if (now - lastHudNanos > 250_000_000L) {
      lastHudNanos = now;
      presenter.refreshHud();
    }
  }

  /** Index of the frame now on screen, -1 before the first. */
  long shownFrameIndex() {
    return lastFrameIndex;
  }

  OverlayCanvas overlay() {
    return overlay;
  }

  private void startChosen() {
    FrameSource source;
    try {
      source = switch (kind.getValue()) {
        case CAMERA -> new LocalCameraSource(camera.getValue() == null ? 0 : camera.getValue().index(), resolution.getValue());
        case IP_CAMERA -> new IpCameraSource(url.getText().trim(), user.getText().trim(), password.getText());
        case VIDEO_FILE -> new VideoFileSource(Path.of(videoPath.getText().trim()), loop.isSelected());
      };
    } catch (CameraException e) {
      statusText.setText(e.getMessage());
      statusBox.setVisible(true);
      retry.setVisible(false);
      return;
    }
    presenter.start(source);
  }

  private void applyAnalysis() {
    LiveChoice c = mode.getValue();
    presenter.setAnalysis(c.mode(), detector.getValue(), c.classifierPath());
  }

  /**
   * The library's classifiers (as the Models page read them), offered by name in the analysis
   * list before "From a file…". The current choice stays when it is still there; a removed
   * classifier goes back to faces and emotions.
   */
  public void setClassifiers(java.util.List<ClassifierLibrary.Entry> entries) {
    library = entries.stream().filter(ClassifierLibrary.Entry::usable).toList();
    LiveChoice current = mode.getValue();
    java.util.List<LiveChoice> list = new java.util.ArrayList<>(java.util.List.of(LiveChoice.FACES, LiveChoice.OBJECTS));
    library.stream().map(LiveChoice::of).forEach(list::add);
    if (fileChoice != null) {
      list.add(fileChoice);
    }
    list.add(LiveChoice.FROM_FILE);
    updatingChoices = true;
    try {
      mode.getItems().setAll(list);
      mode.setValue(current != null && list.contains(current) ? current : LiveChoice.FACES);
    } finally {
      updatingChoices = false;
    }
    if (!mode.getValue().equals(current)) {
      applyAnalysis();
    }
  }

  /** The analysis list's entries, as shown (tests). */
  java.util.List<String> analysisChoices() {
    return mode.getItems().stream().map(LiveChoice::label).toList();
  }

  /** Chooses the analysis list's entry with this label; false when there is none (tests, shortcuts). */
  boolean chooseAnalysis(String label) {
    for (LiveChoice c : mode.getItems()) {
      if (c.label().equals(label) && !c.pickFile()) {
        mode.setValue(c);
        return true;
      }
    }
    return false;
  }

  /** Asks for a video file and puts its path in the field; false when the person cancelled. */
  private boolean chooseVideo() {
    File file = videoChooser.apply(window());
    if (file != null) {
      videoPath.setText(file.getPath());
    }
    return file != null;
  }

  /** For tests, which have no native dialogs: what stands in for the file dialog. */
  void useVideoChooser(java.util.function.Function<javafx.stage.Window, File> chooser) {
    videoChooser = chooser;
  }

  private static File showVideoDialog(javafx.stage.Window owner) {
    FileChooser chooser = new FileChooser();
    chooser.setTitle(Messages.text("live.video.title"));
    chooser.getExtensionFilters().addAll(
        new FileChooser.ExtensionFilter(Messages.text("live.video.filter"), "*.mp4", "*.mov", "*.m4v", "*.mkv",
            "*.webm", "*.avi", "*.mjpg", "*.mjpeg", "*.3gp"),
        new FileChooser.ExtensionFilter(Messages.text("live.allFiles"), "*.*"));
    return chooser.showOpenDialog(owner);
  }

  /** "From a file…": a card or .onnx becomes an entry of its own; cancelling goes back to {@code previous}. */
  private void pickClassifierFile(LiveChoice previous) {
    FileChooser chooser = new FileChooser();
    chooser.setTitle(Messages.text("live.classifier.title"));
    chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter(Messages.text("live.classifier.filter"), "*.onnx",
        "*.json"));
    File file = chooser.showOpenDialog(window());
    if (file == null) {
      mode.setValue(previous == null || previous.pickFile() ? LiveChoice.FACES : previous);
      return;
    }
    LiveChoice picked = LiveChoice.file(file.toPath());
    updatingChoices = true;
    try {
      if (fileChoice != null) {
        mode.getItems().remove(fileChoice);
      }
      fileChoice = picked;
      mode.getItems().add(mode.getItems().indexOf(LiveChoice.FROM_FILE), picked);
    } finally {
      updatingChoices = false;
    }
    mode.setValue(picked);
  }

  private Window window() {
    return getScene() == null ? null : getScene().getWindow();
  }

  /** Stops the source when the view leaves its window or the window closes (a camera must not stay on). */
  private void wireLifecycle() {
    javafx.beans.value.ChangeListener<Boolean> onShowing = (s, was, showing) -> {
      if (!showing) {
        presenter.stop();
      }
    };
    javafx.beans.value.ChangeListener<Window> onWindow = (w, oldWindow, newWindow) -> {
      if (oldWindow != null) {
        oldWindow.showingProperty().removeListener(onShowing);
      }
      if (newWindow != null) {
        newWindow.showingProperty().addListener(onShowing);
      }
    };
    sceneProperty().addListener((o, oldScene, newScene) -> {
      if (oldScene != null) {
        oldScene.windowProperty().removeListener(onWindow);
        onWindow.changed(null, oldScene.getWindow(), null);
      }
      if (newScene == null) {
        presenter.stop();
      } else {
        newScene.windowProperty().addListener(onWindow);
        onWindow.changed(null, null, newScene.getWindow());
      }
    });
  }

  /** Stops the display, the source and the analysis, and frees their buffers (in the background). */
  @Override
  public void close() {
    closeLater();
  }

  /** Stops the display now and the pipeline in the background; completes when the pipeline has stopped. */
  public java.util.concurrent.CompletableFuture<Void> closeLater() {
    display.stop();
    return presenter.closeLater();
  }
}
