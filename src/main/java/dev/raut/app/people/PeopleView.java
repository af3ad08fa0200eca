package dev.raut.app.people;

import dev.raut.app.gallery.PhotoLoader;
import dev.raut.core.recognition.PeopleBook;
import dev.raut.core.text.Messages;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextField;
import javafx.scene.control.ToolBar;
import javafx.scene.control.Tooltip;
import javafx.scene.image.Image;
import javafx.scene.image.ImageView;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;

/**
 * The People page: everyone found in the gallery's photos on the left (a face and a name), the
 * chosen person's faces on the right, with naming, merging into another person, and taking a face
 * out of the group. Opening the page reads the faces of photos not read before.
 */
public final class PeopleView extends BorderPane {
  static final int FACE_SIDE = 96;
  static final int LIST_FACE_SIDE = 40;

  private final PeoplePresenter presenter;
  private final PhotoLoader loader;
  /** Face crops by face, least recently used dropped first: a few hundred small images at most. */
  private final Map<PeopleBook.FaceRef, Image> faces = new LinkedHashMap<>(64, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<PeopleBook.FaceRef, Image> eldest) {
      return size() > 400;
    }
  };
  private final ListView<PeopleBook.Person> list = new ListView<>();
  private final TextField name = new TextField();
  private final MenuButton merge = new MenuButton(Messages.text("people.merge"));
  private final Label heading = new Label();
  private final FlowPane tiles = new FlowPane(10, 10);
  // held here and added weakly: a view replaced after a change of language is not kept alive by the presenter
  private final javafx.beans.value.ChangeListener<PeopleBook.Person> selectionShown = (o, was, now) -> showPerson(now);
  private final javafx.collections.ListChangeListener<PeopleBook.Person> peopleChanged = c -> onPeopleChanged();

  public PeopleView(PeoplePresenter presenter, PhotoLoader loader) {
    this.presenter = presenter;
    this.loader = loader;
    getStyleClass().add("people-view");

    Button find = new Button(Messages.text("people.find"));
    find.setId("people-find");
    find.setTooltip(new Tooltip(Messages.text("people.find.tip")));
    find.disableProperty().bind(presenter.runningProperty());
    find.setOnAction(e -> presenter.findPeople());
    Button cancel = new Button(Messages.text("common.cancel"));
    cancel.setId("people-cancel");
    cancel.visibleProperty().bind(presenter.runningProperty());
    cancel.managedProperty().bind(presenter.runningProperty());
    cancel.setOnAction(e -> presenter.cancel());
    ProgressBar progress = new ProgressBar();
    progress.progressProperty().bind(presenter.progressProperty());
    progress.visibleProperty().bind(presenter.runningProperty());
    progress.managedProperty().bind(presenter.runningProperty());
    Label message = new Label();
    message.setId("people-message");
    message.textProperty().bind(presenter.messageProperty());
    setTop(new ToolBar(find, cancel, progress, message));

    list.setId("people-list");
    list.setItems(presenter.people());
    list.setPrefWidth(260);
    list.setPlaceholder(wrapped(Messages.text("people.empty", Messages.text("people.find"))));
    list.setAccessibleText(Messages.text("people.list"));
    list.setCellFactory(v -> new PersonCell());
    list.getSelectionModel().selectedItemProperty().addListener((o, was, now) -> {
      if (now != null && now != presenter.selectedProperty().get()) {
        presenter.selectedProperty().set(now);
      }
    });
    setLeft(list);

    name.setId("person-name");
    name.setPromptText(Messages.text("people.name.prompt"));
    name.setPrefColumnCount(18);
    Button rename = new Button(Messages.text("people.name"));
    rename.setId("person-rename");
    rename.setDefaultButton(true);
    rename.setOnAction(e -> {
      if (presenter.selectedProperty().get() != null) {
        presenter.rename(presenter.selectedProperty().get(), name.getText());
      }
    });
    name.setOnAction(e -> rename.fire());
    merge.setId("person-merge");
    merge.setTooltip(new Tooltip(Messages.text("people.merge.tip")));
    merge.setOnShowing(e -> fillMergeMenu());
    HBox actions = new HBox(8, name, rename, merge);
    actions.setAlignment(Pos.CENTER_LEFT);
    actions.disableProperty().bind(Bindings.isNull(presenter.selectedProperty()));
    heading.getStyleClass().add("title-3");
    tiles.setPadding(new Insets(4));
    ScrollPane scroll = new ScrollPane(tiles);
    scroll.setFitToWidth(true);
    VBox right = new VBox(10, heading, actions, scroll);
    right.setPadding(new Insets(10));
    setCenter(right);

    presenter.selectedProperty().addListener(new javafx.beans.value.WeakChangeListener<>(selectionShown));
    presenter.people().addListener(new javafx.collections.WeakListChangeListener<>(peopleChanged));
    // opening the page reads what is new in the gallery (photos read before are skipped)
    parentProperty().addListener((o, was, now) -> {
      if (now != null) {
        presenter.findPeople();
      }
    });
    showPerson(presenter.selectedProperty().get());
  }

  private static Label wrapped(String text) {
    Label label = new Label(text);
    label.setWrapText(true);
    label.setPadding(new Insets(12));
    return label;
  }

  static String displayName(PeopleBook.Person person) {
    return person.name().isEmpty() ? Messages.text("people.unnamed", person.id().replaceAll("\\D", "")) : person.name();
  }

  private void onPeopleChanged() {
    list.getSelectionModel().select(presenter.selectedProperty().get());
    fillMergeMenu();
  }

  /** The list entry: "Ana · 4 photos". */
  static String entry(PeopleBook.Person person) {
    return Messages.text("people.entry", displayName(person), person.faces().size());
  }

  private void fillMergeMenu() {
    merge.getItems().clear();
    PeopleBook.Person chosen = presenter.selectedProperty().get();
    for (PeopleBook.Person other : presenter.people()) {
      if (chosen != null && !other.id().equals(chosen.id())) {
        MenuItem item = new MenuItem(entry(other));
        item.setId("merge-into-" + other.id());
        item.setOnAction(e -> presenter.merge(chosen, other));
        merge.getItems().add(item);
      }
    }
  }

  private void showPerson(PeopleBook.Person person) {
    tiles.getChildren().clear();
    list.getSelectionModel().select(person);
    if (person == null) {
      heading.setText("");
      name.setText("");
      return;
    }
    heading.setText(Messages.text("people.photosOf", displayName(person)));
    name.setText(person.name());
    for (PeopleBook.FaceRef ref : person.faces()) {
      tiles.getChildren().add(tile(ref));
    }
  }

  private VBox tile(PeopleBook.FaceRef ref) {
    ImageView picture = new ImageView();
    picture.setFitWidth(FACE_SIDE);
    picture.setFitHeight(FACE_SIDE);
    picture.setPreserveRatio(true);
    faceImage(ref, FACE_SIDE, picture::setImage);
    Path path = Path.of(ref.photo());
    Label file = new Label(String.valueOf(path.getFileName()));
    file.setMaxWidth(FACE_SIDE + 20);
    file.setTooltip(new Tooltip(ref.photo()));
    Button split = new Button(Messages.text("people.split"));
    split.getStyleClass().addAll("person-split", "small");
    split.setTooltip(new Tooltip(Messages.text("people.split.tip")));
    split.setOnAction(e -> presenter.splitOff(ref));
    VBox tile = new VBox(4, picture, file, split);
    tile.setAlignment(Pos.TOP_CENTER);
    tile.getStyleClass().add("person-face");
    tile.setUserData(ref);
    tile.setOnMouseClicked(e -> {
      if (e.getClickCount() == 2) {
        presenter.openPhoto(ref);
      }
    });
    Tooltip.install(picture, new Tooltip(Messages.text("people.open.tip")));
    return tile;
  }

  private void faceImage(PeopleBook.FaceRef ref, int side, Consumer<Image> show) {
    Image cached = faces.get(ref);
    if (cached != null) {
      show.accept(cached);
      return;
    }
    loader.loadFace(Path.of(ref.photo()), presenter.face(ref).box(), FACE_SIDE, image -> {
      if (image != null) {
        faces.put(ref, image);
        show.accept(image);
      }
    });
  }

  /** A person in the list: their first face and "Name · 4 photos". */
  private final class PersonCell extends ListCell<PeopleBook.Person> {
    private final ImageView face = new ImageView();

    PersonCell() {
      face.setFitWidth(LIST_FACE_SIDE);
      face.setFitHeight(LIST_FACE_SIDE);
      face.setPreserveRatio(true);
      getStyleClass().add("person-cell");
    }

    @Override
    protected void updateItem(PeopleBook.Person person, boolean empty) {
      super.updateItem(person, empty);
      if (empty || person == null) {
        setText(null);
        setGraphic(null);
        return;
      }
      setText(entry(person));
      face.setImage(null);
      PeopleBook.FaceRef first = person.faces().get(0);
      faceImage(first, LIST_FACE_SIDE, image -> {
        if (getItem() == person) {
          face.setImage(image);
        }
      });
      setGraphic(face);
    }
  }
}
