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
import javafx.application.Platform;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.chart.BarChart;
import javafx.scene.chart.CategoryAxis;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
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
  private final ComboBox<String> faceChooser = new ComboBox<>();
  private final CategoryAxis labelsAxis = new CategoryAxis();
  private final NumberAxis scoreAxis = new NumberAxis(0, 100, 25);
  private final BarChart<Number, String> chart = new BarChart<>(scoreAxis, labelsAxis);
  private final Label chartTitle = new Label();
  /** The chosen face's classes from a per-face classifier, under its emotion chart. */
  private final Label faceClasses = new Label();
  private final GridPane details = new GridPane();
  private GalleryItem item;
  private Future<?> pendingImage;

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
    picture.widthProperty().addListener(o -> layoutPicture());
    picture.heightProperty().addListener(o -> layoutPicture());
    setCenter(picture);

    for (CheckBox box : new CheckBox[] {showFaces, showKeypoints, showObjects, showLandmarks}) {
      box.setSelected(true);
      box.selectedProperty().addListener(o -> layoutPicture());
    }
    showFaces.setTooltip(new Tooltip(Messages.text("gallery.detail.faces.tip")));
    showKeypoints.setTooltip(new Tooltip(Messages.text("gallery.detail.keypoints.tip")));
    showObjects.setTooltip(new Tooltip(Messages.text("gallery.detail.objects.tip")));
    showLandmarks.setTooltip(new Tooltip(Messages.text("gallery.detail.landmarks.tip")));
    showLandmarks.setId("show-landmarks");
    ageGender.getStyleClass().add("detail-age-gender");
    faceChooser.setTooltip(new Tooltip(Messages.text("gallery.detail.chooser.tip")));
    faceChooser.valueProperty().addListener(o -> fillChart());
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
    VBox side = new VBox(10, new Label(Messages.text("gallery.detail.show")), toggles, chartTitle, faceChooser, ageGender, chart, faceClasses,
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
      } else {
        return;
      }
      e.consume();
    });
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
    faceChooser.getItems().clear();
    if (r != null) {
      for (int i = 0; i < r.faces().size(); i++) {
        ImageAnalysis.Face f = r.faces().get(i);
        faceChooser.getItems().add(FaceClasses.chooserEntry(i, f));
      }
    }
    faceChooser.setVisible(!faceChooser.getItems().isEmpty());
    faceChooser.setManaged(faceChooser.isVisible());
    if (!faceChooser.getItems().isEmpty()) {
      faceChooser.getSelectionModel().select(0);
    }
    fillChart();
    if (r != null && !r.classes().isEmpty()) {
      presenter.allClasses(next).thenAccept(all -> Platform.runLater(() -> {
        if (item == next && !all.isEmpty()) {
          fillClasses(all);
        }
      }));
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
    if (w <= 0 || h <= 0) {
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
    Overlays.paint(overlay, r, scale, dx, dy,
        new Overlays.Layers(showFaces.isSelected(), showKeypoints.isSelected(), showObjects.isSelected(), true,
            showLandmarks.isSelected()), LABEL_FONT);
  }

  private void fillChart() {
    XYChart.Series<Number, String> series = new XYChart.Series<>();
    ImageAnalysis r = item == null ? null : item.result();
    String heading = Messages.text("gallery.detail.none");
    if (r != null && r.ok()) {
      int face = faceChooser.getSelectionModel().getSelectedIndex();
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
    int chosen = faceChooser.getSelectionModel().getSelectedIndex();
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
}
