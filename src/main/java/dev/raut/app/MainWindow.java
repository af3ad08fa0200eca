package dev.raut.app;

import dev.raut.app.evaluate.EvaluatePresenter;
import dev.raut.app.evaluate.EvaluateView;
import dev.raut.app.gallery.GalleryPresenter;
import dev.raut.app.gallery.GalleryView;
import dev.raut.app.gallery.PhotoLoader;
import dev.raut.app.live.LivePage;
import dev.raut.app.models.ModelsPresenter;
import dev.raut.app.models.ModelsView;
import dev.raut.app.people.PeoplePresenter;
import dev.raut.app.people.PeopleView;
import dev.raut.app.serve.LocalServerPresenter;
import dev.raut.app.serve.ServeControl;
import dev.raut.app.teach.TeachPresenter;
import dev.raut.app.teach.TeachView;
import dev.raut.core.text.Language;
import dev.raut.core.text.Messages;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import javafx.application.Platform;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.MenuButton;
import javafx.scene.control.RadioMenuItem;
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
 *
 * <p>The language: the one saved in the settings, else the system's ({@link Language#system()}).
 * Choosing another in the navigation bar builds the navigation, the status bar and every page's
 * view again from their presenters, which keep everything (the gallery's photos, a run in
 * progress), and shows the same page.
 */
public final class MainWindow implements AutoCloseable {
  private static final String KEY_PAGE = "window.page";
  /** The language the user chose ("en", "id"); absent until they choose one. */
  static final String KEY_LANGUAGE = "language";
  /** Page ids: the same in every language, for {@link #show(String)} and the saved page. */
  public static final String GALLERY = "Gallery";
  public static final String PEOPLE = "People";
  public static final String LIVE = "Live";
  public static final String MODELS = "Models";
  public static final String EVALUATE = "Evaluate";
  public static final String TEACH = "Teach";

  private final AppServices services;
  private final GalleryPresenter gallery;
  private final ModelsPresenter models;
  private final EvaluatePresenter evaluate;
  private final LocalServerPresenter server;
  private final TeachPresenter teach;
  private final PeoplePresenter people;
  /** Kept across rebuilds: its thumbnail cache outlives a change of language. */
  private final PhotoLoader galleryLoader;
  private GalleryView galleryView;
  private ModelsView modelsView;
  private final BorderPane root = new BorderPane();
  private final StackPane pageHolder = new StackPane();
  private final Map<Page, Node> built = new HashMap<>();
  private final List<Page> pages;
  private ToggleGroup navigation = new ToggleGroup();
  private final Runnable toggleTheme;
  private final LivePage live;
  /**
   * Kept across rebuilds: its switch follows the server's state changes only, so a new one would
   * show "off" while serving. app/serve relabels it (or makes it rebuildable; then build it in statusBar()).
   */
  private final Node serveControl;
  private final Runnable stopListening;
  private Page current;

  /** Without a browser to open links in (tests): a clicked link's address goes to the status bar. */
  public MainWindow(AppServices services, Runnable toggleTheme) {
    this(services, toggleTheme, url -> services.status().setMessage(Messages.text("app.link.open", url)));
  }

  /**
   * {@code toggleTheme} switches light/dark/system (the app owns the stylesheet); {@code openLink}
   * opens an address in the user's browser.
   */
  public MainWindow(AppServices services, Runnable toggleTheme, Consumer<String> openLink) {
    this.services = services;
    this.toggleTheme = toggleTheme;
    // before any presenter makes its first texts
    Messages.setLanguage(savedLanguage(services.settings()));
    services.relabel();
    this.gallery = new GalleryPresenter(services, BackgroundTasks.on(services.analysisPool()),
        BackgroundTasks.on(services.ioPool()));
    this.evaluate = new EvaluatePresenter(services, BackgroundTasks.ownThreads("raut-evaluate"), photos -> {
      show(GALLERY);
      gallery.addPaths(photos);
    });
    this.server = new LocalServerPresenter(services, BackgroundTasks.ownThreads("raut-serve"));
    this.live = new LivePage(services);
    this.models = new ModelsPresenter(services, BackgroundTasks.on(services.ioPool()),
        BackgroundTasks.on(services.trialLane()), entries -> {
      // the emotion model first: the gallery then analyses once with both in place
      services.emotionModels().setClassifiers(entries);
      gallery.setClassifiers(entries);
      live.setClassifiers(entries);
      evaluate.setClassifiers(entries);
    });
    // a model saved on the Teach page reaches the Models page, the gallery and Evaluate as an import does
    this.teach = new TeachPresenter(services, BackgroundTasks.oneAtATime("raut-teach"), models::refresh);
    this.galleryLoader = new PhotoLoader(services.ioPool());
    this.people = new PeoplePresenter(services, gallery, services.dataFolder().resolve("people.json"),
        () -> show(GALLERY), BackgroundTasks.on(services.analysisPool()), BackgroundTasks.on(services.ioPool()));
    this.pages = pages();
    this.serveControl = new ServeControl(server, openLink);
    root.getStyleClass().add("main-window");
    root.setLeft(navigationBar());
    root.setCenter(pageHolder);
    root.setBottom(statusBar());
    String saved = services.settings().get(KEY_PAGE, pages.get(0).id());
    show(pages.stream().filter(p -> p.id().equals(saved)).findFirst().orElse(pages.get(0)));
    stopListening = Messages.onLanguageChange(language -> {
      if (Platform.isFxApplicationThread()) {
        relabel();
      } else {
        Platform.runLater(this::relabel);
      }
    });
  }

  /** The language the user chose last time, or the system's when they never chose one. */
  static Language savedLanguage(AppSettings settings) {
    return Language.parse(settings.get(KEY_LANGUAGE, null)).orElseGet(Language::system);
  }

  /**
   * The navigation entries, in order: the one place where a page is plugged into the window.
   */
  private List<Page> pages() {
    return List.of(
        new Page(GALLERY, "app.page.gallery", Material2MZ.PHOTO_LIBRARY, this::galleryView),
        new Page(PEOPLE, "app.page.people", Material2MZ.PEOPLE,
            () -> new PeopleView(people, new PhotoLoader(services.ioPool()))),
        // Live is one node for the window's life (its camera keeps running): relabel() relabels it in place
        new Page(LIVE, "app.page.live", Material2MZ.VIDEOCAM, () -> live),
        new Page(MODELS, "app.page.models", Material2MZ.MODEL_TRAINING, this::modelsView),
        new Page(EVALUATE, "app.page.evaluate", Material2AL.ASSESSMENT, () -> new EvaluateView(evaluate)),
        new Page(TEACH, "app.page.teach", Material2MZ.SCHOOL,
            () -> new TeachView(teach, new PhotoLoader(services.ioPool()))));
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

  /**
   * The gallery page's view, built the first time it is asked for. A change of language builds a
   * new one: ask again rather than keeping it.
   */
  public GalleryView galleryView() {
    if (galleryView == null) {
      galleryView = new GalleryView(gallery, galleryLoader);
    }
    return galleryView;
  }

  /** The Models page, built the first time it is asked for (and again after a change of language). */
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
   * On exit, before the engine closes: stops the local server, an evaluation, teach, People or
   * gallery run in progress, and Live. Completes when Live's pipeline has left its models (it stops in the
   * background so the JavaFX thread does not wait for a camera); close the engine after that.
   */
  public java.util.concurrent.CompletableFuture<Void> shutDown() {
    stopListening.run();
    java.util.concurrent.CompletableFuture<Void> liveStopped = live.closeLater();
    server.close();
    evaluate.close();
    teach.close();
    people.close();
    gallery.close();
    models.close();
    return liveStopped;
  }

  @Override
  public void close() {
    shutDown();
  }

  /**
   * Shows a page by its id ({@link #GALLERY} "Gallery", "People", "Live", "Models", "Evaluate",
   * "Teach"): the English names, whatever language the window speaks.
   */
  public void show(String id) {
    pages.stream().filter(p -> p.id().equals(id)).findFirst().ifPresent(this::show);
  }

  /** The id of the page showing now. */
  public String currentPage() {
    return current.id();
  }

  private void show(Page page) {
    Node content = built.computeIfAbsent(page, p -> p.content().get());
    pageHolder.getChildren().setAll(content);
    current = page;
    navigation.getToggles().stream().filter(t -> t.getUserData() == page).findFirst()
        .ifPresent(t -> t.setSelected(true));
    services.settings().put(KEY_PAGE, page.id());
  }

  /** The user chose a language: remembered for the next start; the window follows through the listener. */
  private void choose(Language language) {
    services.settings().put(KEY_LANGUAGE, language.tag());
    Messages.setLanguage(language);
  }

  /**
   * Builds the navigation, the status bar and the pages' views again in the new language, from
   * their presenters (which keep the photos, runs and choices), and shows the page that was showing.
   */
  private void relabel() {
    Page showing = current;
    built.clear();
    galleryView = null;
    modelsView = null;
    root.setLeft(navigationBar());
    root.setBottom(statusBar());
    services.relabel();
    services.emotionModels().relabel();
    gallery.relabel();
    live.relabel(); // in place: a running camera or video goes on
    show(showing);
    // the last message was in the other language; the window itself shows the change
    services.status().setMessage("");
  }

  private VBox navigationBar() {
    navigation = new ToggleGroup();
    VBox bar = new VBox(4);
    bar.getStyleClass().add("nav-bar");
    bar.setPadding(new Insets(10, 6, 10, 6));
    Label brand = new Label("Raut"); // not user text: the name
    brand.getStyleClass().addAll("title-3", "nav-brand");
    bar.getChildren().add(brand);
    for (Page page : pages) {
      ToggleButton button = new ToggleButton(page.title(), new FontIcon(page.icon()));
      button.setId("nav-" + page.id().toLowerCase(Locale.ROOT));
      button.setUserData(page);
      button.setToggleGroup(navigation);
      button.setMaxWidth(Double.MAX_VALUE);
      button.setAlignment(Pos.CENTER_LEFT);
      button.setTooltip(new Tooltip(page.tooltip()));
      button.setAccessibleText(Messages.text("app.page.accessible", page.title()));
      button.getStyleClass().add("nav-button");
      button.setOnAction(e -> show(page));
      button.setSelected(page == current);
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
    theme.setTooltip(new Tooltip(Messages.text("app.theme.tip")));
    theme.setAccessibleText(Messages.text("app.theme.accessible"));
    theme.setOnAction(e -> toggleTheme.run());
    bar.getChildren().addAll(spacer, languageChooser(), theme);
    bar.setPrefWidth(140);
    return bar;
  }

  /** The language menu: each language in its own name, so anyone can find theirs. */
  private MenuButton languageChooser() {
    // the button names the language short ("Bahasa Indonesia" is wider than the navigation), the menu in full
    // no icon beside it: with one, even "Indonesia" is cut in the 140-px navigation (Xvfb's fonts)
    MenuButton chooser = new MenuButton(Messages.language().shortName());
    chooser.setId("language");
    chooser.getStyleClass().addAll("flat", "nav-language");
    chooser.setMaxWidth(Double.MAX_VALUE);
    chooser.setTooltip(new Tooltip(Messages.text("common.language.tip")));
    chooser.setAccessibleText(Messages.text("common.language"));
    ToggleGroup languages = new ToggleGroup();
    for (Language language : Language.values()) {
      RadioMenuItem item = new RadioMenuItem(language.nativeName());
      item.setId("language-" + language.tag());
      item.setToggleGroup(languages);
      item.setSelected(language == Messages.language());
      item.setOnAction(e -> choose(language));
      chooser.getItems().add(item);
    }
    return chooser;
  }

  private StatusBar statusBar() {
    return new StatusBar(services.status(), serveControl);
  }

  /** Model state, model in use, counts, the last message and the "Serve on localhost" switch, along the bottom. */
  static final class StatusBar extends HBox {
    private final Label model = new Label();
    private final Separator modelSeparator = new Separator(Orientation.VERTICAL);
    private final Node serve;

    StatusBar(StatusModel status, Node serve) {
      super(10);
      this.serve = serve;
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
      Tooltip messageTip = new Tooltip();
      messageTip.textProperty().bind(status.messageProperty());
      message.setTooltip(messageTip);
      // the message's action (the gallery's "Undo" after a removal), beside it while it is shown
      javafx.scene.control.Hyperlink action = new javafx.scene.control.Hyperlink();
      action.setId("status-action");
      action.textProperty().bind(status.actionTextProperty());
      action.visibleProperty().bind(status.actionTextProperty().isNotEmpty());
      action.managedProperty().bind(action.visibleProperty());
      action.setMinWidth(Region.USE_PREF_SIZE);
      action.setOnAction(e -> status.runAction());
      getChildren().addAll(engine, new Separator(Orientation.VERTICAL), model, modelSeparator,
          counts, new Separator(Orientation.VERTICAL), message, action, serve);
    }

    /**
     * In a narrow window the model in use (which the page's own controls name) makes room for the
     * message and its action, rather than both being cut short; if that is not enough (the server's
     * address is shown too), the serve switch keeps only its globe.
     */
    @Override
    protected void layoutChildren() {
      double needed = snappedLeftInset() + snappedRightInset();
      int shown = 0;
      double modelWidth = 0;
      for (Node child : getChildren()) {
        if (child.isManaged() || child == model || child == modelSeparator) {
          double width = Math.max(child.minWidth(-1), child.prefWidth(-1));
          needed += width;
          shown++;
          if (child == model || child == modelSeparator) {
            modelWidth += width + getSpacing();
          }
        }
      }
      needed += getSpacing() * Math.max(0, shown - 1);
      ServeControl serveControl = serve instanceof ServeControl c ? c : null;
      if (serveControl != null && serveControl.isCompact()) {
        needed += serveControl.wordsWidth(); // measured as if the words were shown, so the choice is stable
      }
      boolean room = needed <= getWidth();
      if (model.isManaged() != room) {
        for (Node n : List.of(model, modelSeparator)) {
          n.setVisible(room);
          n.setManaged(room);
        }
      }
      if (serveControl != null) {
        boolean compact = needed - modelWidth > getWidth();
        if (serveControl.isCompact() != compact) {
          serveControl.setCompact(compact);
        }
      }
      super.layoutChildren();
    }
  }
}
