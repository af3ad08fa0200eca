package dev.raut.app;

import dev.raut.core.text.Messages;
import dev.raut.core.classify.ClassifierLibrary;
import dev.raut.core.classify.ClassifierScope;
import java.util.ArrayList;
import java.util.List;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * Which model reads each face's emotion, for the whole app (the gallery's analysis and Live): the
 * built-in mini-Xception, or one of the user's imported face-scope classifiers in its place (as
 * {@code --emotion-model} does in the CLI and the server). Kept in the settings; the list follows
 * the classifier library, and when the chosen model leaves the library the choice falls back to the
 * built-in model with a note that says so. FX thread only.
 */
public final class EmotionModels {
  static final String KEY = "emotion.model";
  static final String KEY_NAME = "emotion.modelName";
  private static final String BUILT_IN_KEY = "builtin";

  /** One entry of the list: the built-in model ({@code entry} null) or an imported face classifier. */
  public record Option(ClassifierLibrary.Entry entry) {
    public static final Option BUILT_IN = new Option(null);

    public boolean builtIn() {
      return entry == null;
    }

    /** Saved in the settings: "builtin" or the classifier's id. */
    public String key() {
      return entry == null ? BUILT_IN_KEY : entry.id();
    }

    public String label() {
      return entry == null ? Messages.text("app.emotion.builtIn") : entry.name();
    }

    /** The card path the analysis request carries, null for the built-in model. */
    public String card() {
      return entry == null ? null : entry.card().toString();
    }

    @Override
    public String toString() {
      return label();
    }
  }

  private final AppSettings settings;
  private final ObservableList<Option> options = FXCollections.observableArrayList(Option.BUILT_IN);
  private final ObjectProperty<Option> chosen = new SimpleObjectProperty<>(Option.BUILT_IN);
  /** The choice in effect: never null, changes only when the model really changes (the list's reshuffles don't count). */
  private final ReadOnlyObjectWrapper<Option> inUse = new ReadOnlyObjectWrapper<>(Option.BUILT_IN);
  private final ReadOnlyStringWrapper note = new ReadOnlyStringWrapper("");
  /** The model the note is about, so the note can be said again in another language. */
  private String goneName;
  /** The saved choice, until the library has been read once. */
  private String pendingKey;

  /** {@code settings} null: nothing is saved (a view shown on its own). */
  public EmotionModels(AppSettings settings) {
    this.settings = settings;
    String saved = settings == null ? BUILT_IN_KEY : settings.get(KEY, BUILT_IN_KEY);
    pendingKey = saved.equals(BUILT_IN_KEY) ? null : saved;
    chosen.addListener((obs, old, now) -> {
      if (now != null) {
        use(now);
      }
    });
  }

  /** The list a combo box shows: the built-in model first, then the library's face classifiers. */
  public ObservableList<Option> options() {
    return options;
  }

  /** What the user picked (a combo box binds to it both ways). */
  public ObjectProperty<Option> chosenProperty() {
    return chosen;
  }

  /** The model in effect; listen to this to analyse again. */
  public ReadOnlyObjectProperty<Option> inUseProperty() {
    return inUse.getReadOnlyProperty();
  }

  /** The card of the model in effect, or null for the built-in one. */
  public String card() {
    return inUse.get().card();
  }

  /** Why the choice changed by itself (the model was removed), or empty. */
  public ReadOnlyStringProperty noteProperty() {
    return note.getReadOnlyProperty();
  }

  public void dismissNote() {
    note.set("");
  }

  /** Says the note again in the current language (after the user chose another). */
  public void relabel() {
    if (!note.get().isEmpty() && goneName != null) {
      note.set(Messages.text("app.emotion.gone", goneName));
    }
  }

  /**
   * The library as the Models page read it. Keeps the current choice when it is still there,
   * restores the saved one the first time, and falls back to the built-in model (with a note) when
   * the chosen classifier is gone or no longer looks at faces.
   */
  public void setClassifiers(List<ClassifierLibrary.Entry> entries) {
    List<Option> list = new ArrayList<>(List.of(Option.BUILT_IN));
    entries.stream().filter(ClassifierLibrary.Entry::usable).filter(e -> e.scope() == ClassifierScope.FACE)
        .map(Option::new).forEach(list::add);
    String wanted = pendingKey != null ? pendingKey : inUse.get().key();
    String wantedName = pendingKey != null ? settings.get(KEY_NAME, pendingKey) : inUse.get().label();
    pendingKey = null;
    options.setAll(list);
    Option next = list.stream().filter(o -> o.key().equals(wanted)).findFirst().orElse(Option.BUILT_IN);
    if (!next.key().equals(wanted)) {
      goneName = wantedName;
      note.set(Messages.text("app.emotion.gone", wantedName));
    }
    chosen.set(next);
    use(next); // also when chosen already held an equal option
  }

  /** Chooses an imported face classifier by id; false when it is not in the list. */
  public boolean choose(String id) {
    for (Option o : options) {
      if (!o.builtIn() && o.entry().id().equals(id)) {
        chosen.set(o);
        return true;
      }
    }
    return false;
  }

  private void use(Option option) {
    if (!option.equals(inUse.get())) {
      if (!option.builtIn()) {
        note.set("");
      }
      inUse.set(option);
    }
    if (settings != null) {
      settings.put(KEY, option.key());
      settings.put(KEY_NAME, option.builtIn() ? null : option.label());
    }
  }
}
