package dev.raut.app;

import dev.raut.core.analysis.AnalysisRequest;
import dev.raut.core.classify.ClassifierLibrary;
import dev.raut.core.classify.ClassifierScope;
import dev.raut.core.emotion.EmotionModel;
import dev.raut.core.text.Messages;
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
 * built-in models (the best measured for each door, or one of them by name: mini-Xception is the
 * fastest, so Live uses it unless told otherwise), or one of the user's imported face-scope
 * classifiers in their place (as {@code --emotion-model} does in the CLI and the server). Kept in
 * the settings; the list follows the classifier library, and when the chosen model leaves the
 * library the choice falls back to the built-in model with a note that says so. FX thread only.
 */
public final class EmotionModels {
  static final String KEY = "emotion.model";
  static final String KEY_NAME = "emotion.modelName";
  private static final String BUILT_IN_KEY = "builtin";

  /**
   * One entry of the list: the built-in models as measured best ({@code entry} and {@code model}
   * null), one built-in model by name ({@code model}), or an imported face classifier ({@code entry}).
   */
  public record Option(ClassifierLibrary.Entry entry, EmotionModel model) {
    public static final Option BUILT_IN = new Option(null, null);

    public Option(ClassifierLibrary.Entry entry) {
      this(entry, null);
    }

    /** True for every built-in choice, the named ones included. */
    public boolean builtIn() {
      return entry == null;
    }

    /** Saved in the settings: "builtin", "builtin:mini-xception" or the classifier's id. */
    public String key() {
      return entry != null ? entry.id() : model == null ? BUILT_IN_KEY : BUILT_IN_KEY + ":" + model.id();
    }

    public String label() {
      return entry != null ? entry.name()
          : model == null ? Messages.text("app.emotion.builtIn") : Messages.text("app.emotion.builtIn." + model.id());
    }

    /** The card path the analysis request carries, null for the built-in models. */
    public String card() {
      return entry == null ? null : entry.card().toString();
    }

    /** {@code request} with this model reading its emotions. */
    public AnalysisRequest appliedTo(AnalysisRequest request) {
      return request.withEmotionModel(card()).withBuiltInEmotion(model);
    }

    @Override
    public String toString() {
      return label();
    }
  }

  /** The built-in choices, first in the list: the best measured, then each network by name. */
  private static final List<Option> BUILT_INS = List.of(Option.BUILT_IN, new Option(null, EmotionModel.MINI_XCEPTION),
      new Option(null, EmotionModel.FACE_EXPRESSION), new Option(null, EmotionModel.BLEND));

  private final AppSettings settings;
  private final ObservableList<Option> options = FXCollections.observableArrayList(BUILT_INS);
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

  /** The list a combo box shows: the built-in models first, then the library's face classifiers. */
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

  /** The card of the model in effect, or null for the built-in ones. */
  public String card() {
    return inUse.get().card();
  }

  /** {@code request} with the model in effect reading its emotions. */
  public AnalysisRequest appliedTo(AnalysisRequest request) {
    return inUse.get().appliedTo(request);
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
    List<Option> list = new ArrayList<>(BUILT_INS);
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
