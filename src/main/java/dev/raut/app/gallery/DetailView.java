package dev.raut.app.gallery;

import dev.raut.core.analysis.ImageAnalysis;
import dev.raut.core.classify.ClassPrediction;
import dev.raut.core.text.Labels;
import dev.raut.core.text.Messages;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Cursor;
import javafx.scene.chart.BarChart;
import javafx.scene.chart.CategoryAxis;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.Tooltip;
import javafx.scene.image.Image;
import javafx.scene.image.ImageView;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Pane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.material2.Material2AL;

/**
 * One photo large: the image with toggleable overlays (faces, keypoints, objects), every
 * probability as a bar chart, and the file's details. Left/Right step through the gallery, Esc
 * closes. Shown over the grid while {@link GalleryPresenter#detailItemProperty()} is set.
 */
final class DetailView extends BorderPane {
  /** Long side the large image is decoded to; enough for a full-screen window. */
  static final int LARGE_SIDE = 1600;
  static final int MAX_BARS = 20;
  private static final javafx.scene.text.Font LABEL_FONT = javafx.scene.text.Font.font(13);
  private static final double FACE_ROW_HEIGHT = 28;
  /** More faces scroll: the chart under the rows keeps its room. */
  private static final int VISIBLE_FACE_ROWS = 5;

  private final GalleryPresenter presenter;
  private final PhotoLoader loader;
  private final Label title = new Label();
  private final ImageView imageView = new ImageView();
  private final Pane overlay = new Pane();
  private final Pane picture = new Pane(imageView, overlay);
  private final CheckBox showFaces = new CheckBox(Messages.text("gallery.detail.faces"));
  private final CheckBox showKeypoints = new CheckBox(Messages.text("gallery.detail.keypoints"));
  private final CheckBox showObjects = new CheckBox(Messages.text("gallery.detail.objects"));
  private final CheckBox showLandmarks = new CheckBox(Messages.text("gallery.detail.landmarks"));
  /** The chosen face's apparent age and gender, when they were asked for. */
  private final Label ageGender = new Label();
  /** One row per face, each starting with the number its box carries; the chosen one is charted and drawn stronger. */
  private final ListView<Integer> faceRows = new ListView<>();
  private final CategoryAxis labelsAxis = new CategoryAxis();
  private final NumberAxis scoreAxis = new NumberAxis(0, 100, 25);
  private final BarChart<Number, String> chart = new BarChart<>(scoreAxis, labelsAxis);
  private final Label chartTitle = new Label();
  /** The chosen face's classes from a per-face classifier, under its emotion chart. */
  private final Label faceClasses = new Label();
  private final GridPane details = new GridPane();
  private GalleryItem item;
  private Future<?> pendingImage;
  /** How the photo is shown in {@link #picture} now: a click's point maps back to a face through these. */
  private double shownScale;
  private double shownDx;
  private double shownDy;

  DetailView(GalleryPresenter presenter, PhotoLoader loader) {
    this.presenter = presenter;
    this.loader = loader;
    getStyleClass().add("detail-view");
    setFocusTraversable(true);
    setAccessibleText(Messages.text("gallery.detail.accessible"));

    Button previous = iconButton(Material2AL.ARROW_BACK, Messages.text("gallery.detail.previous"),
        () -> presenter.stepDetail(-1));
    Button next = iconButton(Material2AL.ARROW_FORWARD, Messages.text("gallery.detail.next"),
        () -> presenter.stepDetail(1));
    Button close = iconButton(Material2AL.CLOSE, Messages.text("gallery.detail.close"), presenter::closeDetail);
    title.getStyleClass().add("title-3");
    Region spacer = new Region();
    HBox.setHgrow(spacer, Priority.ALWAYS);
    HBox top = new HBox(8, previous, next, title, spacer, close);
    top.setAlignment(Pos.CENTER_LEFT);
    top.setPadding(new Insets(8, 12, 8, 12));
    setTop(top);

    picture.getStyleClass().add("detail-picture");
    overlay.setMouseTransparent(true);
    picture.setMinSize(200, 200);
    picture.setOnMouseClicked(e -> {
      int face = faceAt(e.getX(), e.getY());
      if (face >= 0) {
        chooseFace(face);
      }
    });
    // the hand says a box can be clicked
    picture.setOnMouseMoved(e -> picture.setCursor(faceAt(e.getX(), e.getY()) >= 0 ? Cursor.HAND : Cursor.DEFAULT));
    picture.widthProperty().addListener(o -> layoutPicture());
    picture.heightProperty().addListener(o -> layoutPicture());
    setCenter(picture);

    for (CheckBox box : new CheckBox[] {showFaces, showKeypoints, showObjects, showLandmarks}) {
      box.setSelected(true);
      box.selectedProperty().addListener(o -> layoutPicture());
      // what the user ticks is kept for the next photo that has the layer; a photo without it can't tick it
      box.setOnAction(e -> wanted.put(box, box.isSelected()));
      wanted.put(box, true);
    }
    showFaces.setTooltip(new Tooltip(Messages.text("gallery.detail.faces.tip")));
    showKeypoints.setTooltip(new Tooltip(Messages.text("gallery.detail.keypoints.tip")));
    showObjects.setTooltip(new Tooltip(Messages.text("gallery.detail.objects.tip")));
    showLandmarks.setTooltip(new Tooltip(Messages.text("gallery.detail.landmarks.tip")));
    showLandmarks.setId("show-landmarks");
    ageGender.getStyleClass().add("detail-age-gender");
    faceRows.setId("face-rows");
    faceRows.getStyleClass().add("face-rows");
    faceRows.setTooltip(new Tooltip(Messages.text("gallery.detail.chooser.tip")));
    faceRows.setAccessibleText(Messages.text("gallery.detail.chooser.tip"));
    faceRows.setFixedCellSize(FACE_ROW_HEIGHT);
    faceRows.setCellFactory(list -> new FaceRow());
    faceRows.getSelectionModel().selectedIndexProperty().addListener(o -> {
      fillChart();
      layoutPicture();
    });
    chart.setLegendVisible(false);
    chart.setAnimated(false);
    chart.setPrefHeight(280);
    chart.setMinWidth(300);
    scoreAxis.setLabel("%");
    chartTitle.getStyleClass().add("title-4");
    details.setHgap(10);
    details.setVgap(4);
    details.getStyleClass().add("detail-facts");
    // four switches do not fit the side panel's width in one row: they wrap
    javafx.scene.layout.FlowPane toggles = new javafx.scene.layout.FlowPane(12, 6, showFaces, showKeypoints, showObjects,
        showLandmarks);
    faceClasses.getStyleClass().add("detail-face-classes");
    faceClasses.setWrapText(true);
    VBox side = new VBox(10, new Label(Messages.text("gallery.detail.show")), toggles, chartTitle, faceRows, ageGender, chart, faceClasses,
        details);
    side.setPadding(new Insets(8, 12, 12, 12));
    side.setPrefWidth(380);
    side.getStyleClass().add("detail-side");
    setRight(side);

    addEventFilter(KeyEvent.KEY_PRESSED, e -> {
      if (e.getCode() == KeyCode.ESCAPE) {
        presenter.closeDetail();
      } else if (e.getCode() == KeyCode.LEFT) {
        presenter.stepDetail(-1);
      } else if (e.getCode() == KeyCode.RIGHT) {
        presenter.stepDetail(1);
      } else if ((e.getCode() == KeyCode.UP || e.getCode() == KeyCode.DOWN) && !faceRows.getItems().isEmpty()) {
        // wherever the focus is in the view, Up/Down go through the faces (as the list itself would)
        int at = faceRows.getSelectionModel().getSelectedIndex() + (e.getCode() == KeyCode.UP ? -1 : 1);
        chooseFace(Math.max(0, Math.min(at, faceRows.getItems().size() - 1)));
      } else if (faceNumber(e.getCode()) > 0 && faceNumber(e.getCode()) <= faceRows.getItems().size()) {
        // "3" chooses the face whose badge says 3
        chooseFace(faceNumber(e.getCode()) - 1);
      } else {
        return;
      }
      e.consume();
    });
  }

  /** 1 to 9 for the digit keys (top row or keypad), else 0. */
  private static int faceNumber(KeyCode code) {
    if (code.compareTo(KeyCode.DIGIT1) >= 0 && code.compareTo(KeyCode.DIGIT9) <= 0) {
      return code.ordinal() - KeyCode.DIGIT1.ordinal() + 1;
    }
    if (code.compareTo(KeyCode.NUMPAD1) >= 0 && code.compareTo(KeyCode.NUMPAD9) <= 0) {
      return code.ordinal() - KeyCode.NUMPAD1.ordinal() + 1;
    }
    return 0;
  }

  /** Selects face {@code index}'s row (which charts it and draws its box stronger) and shows the row. */
  private void chooseFace(int index) {
    faceRows.getSelectionModel().select(index);
    faceRows.getFocusModel().focus(index);
    faceRows.scrollTo(index);
  }

  /** The face whose box is under a point of {@link #picture}: the smallest, where boxes overlap; -1 for none. */
  private int faceAt(double x, double y) {
    ImageAnalysis r = item == null ? null : item.result();
    if (r == null || !r.ok() || !showFaces.isSelected() || shownScale <= 0) {
      return -1;
    }
    List<TagPlacement.Rect> boxes = r.faces().stream()
        .map(f -> Overlays.shown(f.box(), shownScale, shownDx, shownDy)).toList();
    return TagPlacement.smallestAt(boxes, x, y);
  }

  private static Button iconButton(Material2AL icon, String tip, Runnable action) {
    Button button = new Button(null, new FontIcon(icon));
    button.getStyleClass().addAll("button-icon", "flat");
    button.setTooltip(new Tooltip(tip));
    button.setAccessibleText(tip);
    button.setOnAction(e -> action.run());
    return button;
  }

  GalleryItem item() {
    return item;
  }

  /** Each switch's state as the user last chose it. */
  private final java.util.Map<CheckBox, Boolean> wanted = new java.util.HashMap<>();

  /**
   * A switch is offered only when the photo has its layer (no "Objects" ticked on a photo whose
   * objects were not analysed): unticked and greyed out otherwise, back to the user's choice when it has.
   */
  private void offerLayers(ImageAnalysis r) {
    boolean ok = r != null && r.ok();
    offer(showFaces, ok && !r.faces().isEmpty());
    offer(showKeypoints, ok && r.faces().stream().anyMatch(f -> f.keypoints() != null && !f.keypoints().isEmpty()));
    offer(showObjects, ok && !r.objects().isEmpty());
    offer(showLandmarks, ok && r.faces().stream().anyMatch(f -> f.landmarks68() != null && !f.landmarks68().isEmpty()));
  }

  private void offer(CheckBox box, boolean available) {
    box.setDisable(!available);
    box.setSelected(available && wanted.getOrDefault(box, true));
  }

  void show(GalleryItem next) {
    if (pendingImage != null) {
      pendingImage.cancel(false);
    }
    item = next;
    if (next == null) {
      imageView.setImage(null);
      return;
    }
    title.setText(next.fileName());
    Image thumb = loader.cachedThumbnail(next.photo());
    imageView.setImage(thumb);
    pendingImage = loader.loadLarge(next.photo(), LARGE_SIDE, image -> {
      if (item == next && image != null) {
        imageView.setImage(image);
        layoutPicture();
      }
    });
    ImageAnalysis r = next.result();
    int faces = r == null || !r.ok() ? 0 : r.faces().size();
    faceRows.getItems().setAll(java.util.stream.IntStream.range(0, faces).boxed().toList());
    faceRows.refresh(); // another photo with as many faces: the same items, other rows
    double height = Math.min(faces, VISIBLE_FACE_ROWS) * FACE_ROW_HEIGHT + 2;
    faceRows.setPrefHeight(height);
    faceRows.setMinHeight(height);
    faceRows.setMaxHeight(height);
    faceRows.setVisible(faces > 0);
    faceRows.setManaged(faces > 0);
    if (faces > 0) {
      faceRows.getSelectionModel().select(0);
    }
    offerLayers(r);
    fillChart();
    if (r != null && !r.classes().isEmpty()) {
      presenter.allClasses(next).thenAccept(all -> { // completes on the FX thread
        if (item == next && !all.isEmpty()) {
          fillClasses(all);
        }
      });
    }
    details.getChildren().clear();
    loader.loadDetails(next.photo(), d -> {
      if (item == next) {
        fillDetails(d);
      }
    });
    layoutPicture();
    requestFocus();
  }

  private void layoutPicture() {
    ImageAnalysis r = item == null ? null : item.result();
    Image image = imageView.getImage();
    double w = r != null && r.ok() ? r.width() : image != null ? image.getWidth() : 0;
    double h = r != null && r.ok() ? r.height() : image != null ? image.getHeight() : 0;
    // before the pane has its size (a switch set as the photo opens) there is nothing to draw on yet
    if (w <= 0 || h <= 0 || picture.getWidth() <= 0 || picture.getHeight() <= 0) {
      overlay.getChildren().clear();
      return;
    }
    double scale = Math.min(picture.getWidth() / w, picture.getHeight() / h);
    double dx = (picture.getWidth() - w * scale) / 2;
    double dy = (picture.getHeight() - h * scale) / 2;
    imageView.setFitWidth(w * scale);
    imageView.setFitHeight(h * scale);
    imageView.relocate(dx, dy);
    overlay.resize(picture.getWidth(), picture.getHeight());
    shownScale = scale;
    shownDx = dx;
    shownDy = dy;
    Overlays.paint(overlay, r, scale, dx, dy,
        new Overlays.Layers(showFaces.isSelected(), showKeypoints.isSelected(), showObjects.isSelected(), true,
            showLandmarks.isSelected()), LABEL_FONT, faceRows.getSelectionModel().getSelectedIndex());
  }

  private void fillChart() {
    XYChart.Series<Number, String> series = new XYChart.Series<>();
    ImageAnalysis r = item == null ? null : item.result();
    String heading = Messages.text("gallery.detail.none");
    if (r != null && r.ok()) {
      int face = faceRows.getSelectionModel().getSelectedIndex();
      if (!r.classes().isEmpty()) {
        heading = Messages.text("gallery.detail.classes", r.classes().size());
        r.classes().forEach(c -> series.getData().add(0, new XYChart.Data<>(c.score() * 100, c.label())));
      } else if (face >= 0 && face < r.faces().size() && r.faces().get(face).emotion() == null
          && !r.faces().get(face).classes().isEmpty()) {
        // a per-face classifier without emotions: chart its classes
        heading = FaceClasses.chartHeading(face);
        r.faces().get(face).classes().forEach(c -> series.getData().add(0, new XYChart.Data<>(c.score() * 100, c.label())));
      } else if (face >= 0 && face < r.faces().size() && r.faces().get(face).emotion() != null) {
        heading = Messages.text("gallery.detail.emotion", face + 1);
        for (Map.Entry<String, Double> e : r.faces().get(face).emotion().scores().entrySet()) {
          series.getData().add(0, new XYChart.Data<>(e.getValue() * 100, Labels.emotion(e.getKey())));
        }
      } else if (!r.objects().isEmpty()) {
        heading = Messages.text("gallery.detail.objects");
        for (int i = 0; i < r.objects().size(); i++) {
          ImageAnalysis.DetectedObjectResult o = r.objects().get(i);
          series.getData().add(0, new XYChart.Data<>(o.score() * 100, (i + 1) + ". " + Labels.object(o.label())));
        }
      }
    } else if (r != null) {
      heading = r.error().message();
    }
    chartTitle.setText(heading);
    chartTitle.setWrapText(true);
    int chosen = faceRows.getSelectionModel().getSelectedIndex();
    String classes = r != null && r.ok() && chosen >= 0 && chosen < r.faces().size()
        && r.faces().get(chosen).emotion() != null ? FaceClasses.list(r.faces().get(chosen)) : "";
    ImageAnalysis.Face chosenFace = r != null && r.ok() && chosen >= 0 && chosen < r.faces().size() ? r.faces().get(chosen)
        : null;
    String age = chosenFace == null || chosenFace.age() == null || chosenFace.gender() == null ? ""
        : FaceClasses.ageGenderLine(chosen, chosenFace.age(), chosenFace.gender());
    ageGender.setText(age);
    ageGender.setVisible(!age.isEmpty());
    ageGender.setManaged(!age.isEmpty());
    faceClasses.setText(classes);
    faceClasses.setVisible(!classes.isEmpty());
    faceClasses.setManaged(!classes.isEmpty());
    chart.getData().setAll(List.of(series));
  }

  /** Every class of the classifier (up to {@link #MAX_BARS}; a 1,000-class chart would be unreadable). */
  private void fillClasses(List<ClassPrediction> all) {
    XYChart.Series<Number, String> series = new XYChart.Series<>();
    all.stream().limit(MAX_BARS).forEach(c -> series.getData().add(0, new XYChart.Data<>(c.score() * 100, c.label())));
    chartTitle.setText(all.size() <= MAX_BARS ? Messages.text("gallery.detail.allClasses", all.size())
        : Messages.text("gallery.detail.topClasses", MAX_BARS, all.size()));
    chart.getData().setAll(List.of(series));
  }

  private void fillDetails(PhotoLoader.PhotoDetails d) {
    details.getChildren().clear();
    int row = 0;
    row = fact(row, Messages.text("gallery.detail.file"), item.path().getFileName().toString());
    if (item.part() != null) {
      row = fact(row, Messages.text("gallery.detail.inIt"), item.part().describe(item.path().getFileName().toString()));
    }
    row = fact(row, Messages.text("gallery.detail.folder"), String.valueOf(item.path().toAbsolutePath().getParent()));
    row = fact(row, Messages.text("gallery.detail.format"), d.format());
    if (d.width() > 0) {
      row = fact(row, Messages.text("gallery.detail.size"), Messages.text("gallery.detail.pixels", d.width(), d.height()));
    }
    if (d.bytes() >= 0) {
      row = fact(row, Messages.text("gallery.detail.fileSize"), Messages.fileSize(d.bytes()));
    }
    if (d.modified() != null) {
      fact(row, Messages.text("gallery.detail.modified"), date().format(d.modified()));
    }
  }

  /** The date and time in the current language's style: "Dec 2, 2026, 1:51 PM" / "2 Des 2026, 13.51". */
  private static DateTimeFormatter date() {
    return DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM, FormatStyle.SHORT)
        .withLocale(Messages.language().locale()).withZone(ZoneId.systemDefault());
  }

  private int fact(int row, String name, String value) {
    Label key = new Label(name);
    key.getStyleClass().add("text-muted");
    key.setMinWidth(Region.USE_PREF_SIZE); // the value wraps; the name ("Ukuran berkas") stays whole
    Label text = new Label(value);
    text.setWrapText(true);
    text.setMaxWidth(280);
    details.addRow(row, key, text);
    return row + 1;
  }

  /** A face's row: its number in the badge its box carries, then what its box's label says. */
  private final class FaceRow extends ListCell<Integer> {
    private final Label number = new Label();

    FaceRow() {
      number.getStyleClass().add("face-row-number");
      number.setMinWidth(Region.USE_PREF_SIZE);
      setGraphicTextGap(8);
    }

    @Override
    protected void updateItem(Integer face, boolean empty) {
      super.updateItem(face, empty);
      ImageAnalysis r = item == null ? null : item.result();
      if (empty || face == null || r == null || !r.ok() || face >= r.faces().size()) {
        setText(null);
        setGraphic(null);
        setAccessibleText(null);
        return;
      }
      ImageAnalysis.Face f = r.faces().get(face);
      number.setText(Overlays.number(face));
      setGraphic(number);
      setText(FaceClasses.tag(f));
      setAccessibleText(FaceClasses.chooserEntry(face, f));
    }
  }
}
