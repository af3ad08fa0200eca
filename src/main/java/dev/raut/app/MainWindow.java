package dev.raut.app;

import dev.raut.app.evaluate.EvaluatePresenter;
import dev.raut.app.evaluate.EvaluateView;
import dev.raut.app.gallery.GalleryPresenter;
import dev.raut.app.gallery.GalleryView;
import dev.raut.app.live.LivePage;
import dev.raut.app.models.ModelsPresenter;
import dev.raut.app.models.ModelsView;
import dev.raut.app.people.PeoplePresenter;
import dev.raut.app.people.PeopleView;
import dev.raut.app.serve.LocalServerPresenter;
import dev.raut.app.serve.ServeControl;
import dev.raut.app.teach.TeachPresenter;
import dev.raut.app.teach.TeachView;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Separator;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.material2.Material2AL;
import org.kordamp.ikonli.material2.Material2MZ;

/**
 * The main window's content: navigation on the left, the current page, and the status bar. Builds
 * the presenters and pages (the composition root of the UI), so the app and the UI tests get the
 * same window.
 */
public final class MainWindow implements AutoCloseable {
  private static final String KEY_PAGE = "window.page";

  private final AppServices services;
  private final GalleryPresenter gallery;
  private final ModelsPresenter models;
  private final EvaluatePresenter evaluate;
  private final LocalServerPresenter server;
  private final TeachPresenter teach;
  private final PeoplePresenter people;
  private final GalleryView galleryView;
  private ModelsView modelsView;
  private final BorderPane root = new BorderPane();
  private final StackPane pageHolder = new StackPane();
  private final Map<Page, Node> built = new HashMap<>();
  private final List<Page> pages;
  private final ToggleGroup navigation = new ToggleGroup();
  private final Runnable toggleTheme;
  private final LivePage live;

  /** Without a browser to open links in (tests): a clicked link's address goes to the status bar. */
  public MainWindow(AppServices services, Runnable toggleTheme) {
    this(services, toggleTheme, url -> services.status().setMessage("Open " + url + " in your browser"));
  }

  /**
   * {@code toggleTheme} switches light/dark/system (the app owns the stylesheet); {@code openLink}
   * opens an address in the user's browser.
   */
  public MainWindow(AppServices services, Runnable toggleTheme, Consumer<String> openLink) {
    this.services = services;
    this.toggleTheme = toggleTheme;
    this.gallery = new GalleryPresenter(services);
    this.evaluate = new EvaluatePresenter(services, photos -> {
      show("Gallery");
      gallery.addPaths(photos);
    });
    this.server = new LocalServerPresenter(services);
    this.live = new LivePage(services);
    this.models = new ModelsPresenter(services, entries -> {
      // the emotion model first: the gallery then analyses once with both in place
      services.emotionModels().setClassifiers(entries);
      gallery.setClassifiers(entries);
      live.setClassifiers(entries);
      evaluate.setClassifiers(entries);
    });
    // a model saved on the Teach page reaches the Models page, the gallery and Evaluate as an import does
    this.teach = new TeachPresenter(services, models::refresh);
    this.galleryView = new GalleryView(gallery);
    this.people = new PeoplePresenter(services, gallery, services.dataFolder().resolve("people.json"),
        () -> show("Gallery"));
    this.pages = pages();
    root.getStyleClass().add("main-window");
    root.setLeft(navigationBar());
    root.setCenter(pageHolder);
    root.setBottom(new StatusBar(services.status(), new ServeControl(server, openLink)));
    String saved = services.settings().get(KEY_PAGE, pages.get(0).title());
    show(pages.stream().filter(p -> p.title().equals(saved)).findFirst().orElse(pages.get(0)));
  }

  /**
   * The navigation entries, in order: the one place where a page is plugged into the window.
   */
  private List<Page> pages() {
    return List.of(
        new Page("Gallery", Material2MZ.PHOTO_LIBRARY, "Analyse photos: drop files or folders", () -> galleryView),
        new Page(PeopleView.PAGE, Material2MZ.PEOPLE, PeopleView.PAGE_TIP,
            () -> new PeopleView(people, new dev.raut.app.gallery.PhotoLoader(services.ioPool()))),
        new Page("Live", Material2MZ.VIDEOCAM, "Faces and emotions on a camera or video", () -> live),
        new Page("Models", Material2MZ.MODEL_TRAINING, "The default models and your imported classifiers",
            this::modelsView),
        new Page("Evaluate", Material2AL.ASSESSMENT, "Measure a model on a labelled photo set",
            () -> new EvaluateView(evaluate)),
        new Page(TeachView.PAGE, Material2MZ.SCHOOL, TeachView.pageTip(),
            () -> new TeachView(teach, new dev.raut.app.gallery.PhotoLoader(services.ioPool()))));
  }

  public Parent root() {
    return root;
  }

  public LivePage live() {
    return live;
  }

  public GalleryPresenter gallery() {
    return gallery;
  }

  public GalleryView galleryView() {
    return galleryView;
  }

  /** The Models page, built the first time it is asked for. */
  public ModelsView modelsView() {
    if (modelsView == null) {
      modelsView = new ModelsView(models);
    }
    return modelsView;
  }

  public ModelsPresenter models() {
    return models;
  }

  public EvaluatePresenter evaluate() {
    return evaluate;
  }

  public PeoplePresenter people() {
    return people;
  }

  public TeachPresenter teach() {
    return teach;
  }

  public LocalServerPresenter server() {
    return server;
  }

  /**
   * On exit, before the engine closes: stops the local server, an evaluation or teach run in
   * progress, and Live. Completes when Live's pipeline has left its models (it stops in the
   * background so the JavaFX thread does not wait for a camera); close the engine after that.
   */
  public java.util.concurrent.CompletableFuture<Void> shutDown() {
    java.util.concurrent.CompletableFuture<Void> liveStopped = live.closeLater();
    server.close();
    evaluate.close();
    teach.close();
    return liveStopped;
  }

  @Override
  public void close() {
    shutDown();
  }

  /** Shows a page by its title ("Gallery", "People", "Live", "Models", "Evaluate", "Teach"). */
  public void show(String title) {
    pages.stream().filter(p -> p.title().equals(title)).findFirst().ifPresent(this::show);
  }

  private void show(Page page) {
    Node content = built.computeIfAbsent(page, p -> p.content().get());
    pageHolder.getChildren().setAll(content);
    navigation.getToggles().stream().filter(t -> t.getUserData() == page).findFirst()
        .ifPresent(t -> t.setSelected(true));
    services.settings().put(KEY_PAGE, page.title());
  }

  private VBox navigationBar() {
    VBox bar = new VBox(4);
    bar.getStyleClass().add("nav-bar");
    bar.setPadding(new Insets(10, 6, 10, 6));
    Label brand = new Label("Raut");
    brand.getStyleClass().addAll("title-3", "nav-brand");
    bar.getChildren().add(brand);
    for (Page page : pages) {
      ToggleButton button = new ToggleButton(page.title(), new FontIcon(page.icon()));
      button.setUserData(page);
      button.setToggleGroup(navigation);
      button.setMaxWidth(Double.MAX_VALUE);
      button.setAlignment(Pos.CENTER_LEFT);
      button.setTooltip(new Tooltip(page.tooltip()));
      button.setAccessibleText(page.title() + " page");
      button.getStyleClass().add("nav-button");
      button.setOnAction(e -> show(page));
      bar.getChildren().add(button);
    }
    // a click on the selected entry must not leave no page selected
    navigation.selectedToggleProperty().addListener((obs, old, now) -> {
      if (now == null && old != null) {
        old.setSelected(true);
      }
    });
    Region spacer = new Region();
    VBox.setVgrow(spacer, Priority.ALWAYS);
    Button theme = new Button(null, new FontIcon(Material2AL.BRIGHTNESS_MEDIUM));
    theme.getStyleClass().addAll("button-icon", "flat");
    theme.setTooltip(new Tooltip("Theme: system, light or dark"));
    theme.setAccessibleText("Switch theme");
    theme.setOnAction(e -> toggleTheme.run());
    bar.getChildren().addAll(spacer, theme);
    bar.setPrefWidth(140);
    return bar;
  }


  /** Model state, model in use, counts, the last message and the "Serve on localhost" switch, along the bottom. */
  static final class StatusBar extends HBox {
    StatusBar(StatusModel status, Node serve) {
      super(10);
      getStyleClass().add("status-bar");
      setPadding(new Insets(4, 10, 4, 10));
      setAlignment(Pos.CENTER_LEFT);
      Label engine = new Label("", new FontIcon(Material2MZ.MEMORY));
      engine.textProperty().bind(status.engineStateProperty());
      engine.setId("status-engine");
      // short states ("Models ready") stay whole when the window is narrow; a long error is cut, its tooltip has it all
      engine.setMinWidth(120);
      Tooltip engineTip = new Tooltip();
      engineTip.textProperty().bind(status.engineStateProperty());
      engine.setTooltip(engineTip);
      Label model = new Label();
      model.textProperty().bind(status.modelInUseProperty());
      model.setId("status-model");
      Label counts = new Label();
      counts.textProperty().bind(status.countsProperty());
      counts.setId("status-counts");
      counts.setMinWidth(Region.USE_PREF_SIZE);
      Label message = new Label();
      message.textProperty().bind(status.messageProperty());
      message.setId("status-message");
      message.getStyleClass().add("text-muted");
      message.setMinWidth(0);
      HBox.setHgrow(message, Priority.ALWAYS);
      message.setMaxWidth(Double.MAX_VALUE);
      getChildren().addAll(engine, new Separator(Orientation.VERTICAL), model, new Separator(Orientation.VERTICAL),
          counts, new Separator(Orientation.VERTICAL), message, serve);
    }
  }
}
