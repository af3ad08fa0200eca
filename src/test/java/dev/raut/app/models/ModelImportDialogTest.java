package dev.raut.app.models;

import static dev.raut.app.AppTestSupport.fx;
import static dev.raut.app.AppTestSupport.fxRun;
import static dev.raut.app.AppTestSupport.samplePhotos;
import static dev.raut.app.AppTestSupport.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

import com.sun.javafx.scene.input.DragboardHelper;
import com.sun.javafx.tk.Toolkit;
import dev.raut.app.AppTestSupport;
import dev.raut.core.classify.ClassifierCards;
import dev.raut.core.classify.ClassifierLibrary;
import dev.raut.core.classify.ClassifierScope;
import dev.raut.core.classify.ClassifierSpec;
import dev.raut.core.text.Language;
import dev.raut.core.text.Messages;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javafx.collections.ListChangeListener;
import javafx.event.Event;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.input.DataFormat;
import javafx.scene.input.DragEvent;
import javafx.scene.input.Dragboard;
import javafx.scene.input.KeyCode;
import javafx.scene.input.TransferMode;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The Models page's import dialog with a real Keras 2.0.5 file (oarriaga's FER2013 mini-Xception,
 * 64x64 grey, seven emotions in the labels file beside it): read, guess shown, corrected, tried on
 * a photo, imported as a per-face classifier; a wrong labels count and a truncated file are caught
 * before anything is written; dropping the file on the page opens the dialog.
 */
@ExtendWith(ApplicationExtension.class)
class ModelImportDialogTest {
  private static final List<String> EMOTIONS = List.of("angry", "disgust", "fear", "happy", "sad", "surprise", "neutral");
  private static final String FER = "/dev/raut/core/convert/keras-real/fer2013-mini-xception/";
  private static final String FER_FILE = "fer2013_mini_XCEPTION.102-0.66.hdf5";

  @TempDir
  Path temp;

  private AppTestSupport app;
  private ModelsView view;

  @Start
  void start(Stage stage) {
    app = new AppTestSupport(stage, temp);
    app.window().show("Models");
    view = app.window().modelsView();
  }

  @AfterEach
  void close() throws Exception {
    fxRun(() -> {
      if (view.openDialog() != null) {
        view.openDialog().close();
      }
    });
    app.close();
  }

  private static Path fer() throws Exception {
    return Path.of(ModelImportDialogTest.class.getResource(FER + FER_FILE).toURI());
  }

  private static <T extends Node> T node(FxRobot robot, String id, Class<T> type) {
    return fx(() -> robot.lookup(id).queryAs(type));
  }

  private static String text(FxRobot robot, String id) {
    return fx(() -> robot.lookup(id).queryAs(Label.class).getText());
  }

  private ImportDialog openWithCtrlI(FxRobot robot) {
    robot.push(KeyCode.SHORTCUT, KeyCode.I);
    waitUntil("the import dialog opened by Ctrl+I", 10, () -> view.openDialog() != null);
    return fx(view::openDialog);
  }

  private static void await(CompletableFuture<?> future) throws Exception {
    future.get(120, TimeUnit.SECONDS);
  }

  @Test
  void thePageAndTheDialogBuiltInIndonesianSpeakIndonesian(FxRobot robot) throws Exception {
    try {
      ModelsView indonesian = fx(() -> {
        Messages.setLanguage(Language.INDONESIAN);
        ModelsView built = new ModelsView(app.window().models());
        new javafx.scene.Scene(built, 1000, 700);
        built.applyCss();
        built.layout();
        return built;
      });
      List<String> labels = fx(() -> indonesian.lookupAll(".label").stream().filter(n -> n instanceof Label)
          .map(n -> ((Label) n).getText()).toList());
      assertThat(labels).contains("Model bawaan", "Pengklasifikasi Anda");
      assertThat(fx(() -> ((Button) indonesian.lookup("#import-classifier")).getText())).isEqualTo("Impor model…");
      TableView<?> defaults = fx(() -> (TableView<?>) indonesian.lookupAll(".table-view").iterator().next());
      assertThat(fx(() -> defaults.getColumns().stream().map(c -> c.getText()).toList()))
          .containsExactly("Model", "Tugas", "Sumber", "Lisensi", "Cache");
      waitUntil("the default models listed", 60, () -> !defaults.getItems().isEmpty());
      List<String> tasks = fx(() -> defaults.getItems().stream()
          .map(row -> String.valueOf(defaults.getColumns().get(1).getCellData(defaults.getItems().indexOf(row)))).toList());
      assertThat(tasks).contains("deteksi wajah", "emosi");
      List<String> states = fx(() -> defaults.getItems().stream()
          .map(row -> String.valueOf(defaults.getColumns().get(4).getCellData(defaults.getItems().indexOf(row)))).toList());
      assertThat(states).allMatch(st -> List.of("siap", "belum diunduh", "rusak (hash tidak cocok)").contains(st));

      // the window rebuilt its Models page in the new language: the dialog opens from that one
      ModelsView shown = fx(() -> app.window().modelsView());
      assertThat(fx(() -> shown.getScene() != null)).isTrue();
      ImportDialog dialog = fx(() -> {
        shown.openImport(null);
        return shown.openDialog();
      });
      assertThat(fx(dialog::getTitle)).isEqualTo("Impor pengklasifikasi");
      assertThat(text(robot, "#import-source")).isEqualTo("Belum ada model yang dipilih");
      await(fx(() -> dialog.load(fer())));
      assertThat(text(robot, "#import-input")).isEqualTo("64 × 64 piksel, abu-abu");
      assertThat(text(robot, "#import-labels-count")).isEqualTo("7 label untuk 7 keluaran");
      assertThat(text(robot, "#import-labels-from")).isEqualTo("Dari fer2013_mini_XCEPTION.102-0.66.labels.txt");
      assertThat(text(robot, "#import-scaling-reason")).startsWith("Mohon periksa: ");
      assertThat(fx(() -> ((Button) robot.lookup("#import-confirm").query()).getText())).isEqualTo("Impor");
      fxRun(() -> node(robot, "#import-labels", TextArea.class).appendText("\nextra"));
      assertThat(text(robot, "#import-labels-count"))
          .isEqualTo("8 label, tetapi model memiliki 7 keluaran: berikan tepat satu label per keluaran, sesuai urutan.");
      assertThat(text(robot, "#import-labels-from")).isEqualTo("Diketik sendiri");
      // closed before English comes back: that change builds the page again, without this dialog
      fxRun(dialog::close);
    } finally {
      fxRun(() -> Messages.setLanguage(Language.ENGLISH));
    }
  }

  @Test
  void kerasFileIsReadTriedAndImportedAsAPerFaceClassifier(FxRobot robot) throws Exception {
    ImportDialog dialog = openWithCtrlI(robot);
    await(fx(() -> dialog.load(fer())));

    assertThat(text(robot, "#import-status")).isEmpty();
    assertThat(text(robot, "#import-format")).startsWith("Keras HDF5 (.h5) · Keras 2.0.5");
    assertThat(text(robot, "#import-input")).isEqualTo("64 × 64 pixels, grey");
    assertThat(text(robot, "#import-labels-from")).isEqualTo("From fer2013_mini_XCEPTION.102-0.66.labels.txt");
    assertThat(fx(() -> node(robot, "#import-labels", TextArea.class).getText().lines().toList())).isEqualTo(EMOTIONS);
    assertThat(text(robot, "#import-labels-count")).isEqualTo("7 labels for 7 outputs");
    assertThat(fx(() -> robot.lookup("#import-name").queryTextInputControl().getText()))
        .isEqualTo("fer2013_mini_XCEPTION.102-0.66");
    // nothing in a plain Keras 2 file says how its pixels were scaled: the guess is asked as a question
    Label reason = node(robot, "#import-scaling-reason", Label.class);
    assertThat(fx(reason::getText)).startsWith("Please check: ");
    assertThat(fx(() -> reason.getStyleClass())).contains("warning");

    // the author trained on (pixel / 255 - 0.5) * 2: choose "-1 to 1", try it, then import for each face
    @SuppressWarnings("unchecked")
    ComboBox<ClassifierSpec.Normalization> scaling = node(robot, "#import-scaling", ComboBox.class);
    robot.clickOn(scaling).clickOn("-1 to 1");
    assertThat(fx(scaling::getValue)).isEqualTo(ClassifierSpec.Normalization.MINUS_ONE_ONE);
    await(fx(() -> dialog.tryOn(samplePhotos().get(0))));
    VBox trial = node(robot, "#import-trial", VBox.class);
    List<String> tried = fx(() -> trial.getChildren().stream()
        .map(n -> ((Label) ((javafx.scene.layout.HBox) n).getChildren().get(0)).getText()).toList());
    assertThat(tried).hasSize(5).allMatch(EMOTIONS::contains);

    robot.clickOn("#import-scope-face");
    robot.clickOn("#import-name").push(KeyCode.SHORTCUT, KeyCode.A).write("Emotions (mine)");
    CompletableFuture<Void> listed = new CompletableFuture<>();
    fxRun(() -> app.window().models().imported().addListener((ListChangeListener<ClassifierLibrary.Entry>) c -> {
      if (!c.getList().isEmpty()) {
        listed.complete(null);
      }
    }));
    robot.clickOn("#import-confirm");
    await(listed);

    ClassifierLibrary.Entry entry = fx(() -> app.window().models().imported().get(0));
    assertThat(entry.name()).isEqualTo("Emotions (mine)");
    assertThat(entry.scope()).isEqualTo(ClassifierScope.FACE);
    ClassifierCards.Loaded card = ClassifierCards.read(entry.card());
    assertThat(card.scope()).isEqualTo(ClassifierScope.FACE);
    assertThat(card.spec().labels()).isEqualTo(EMOTIONS);
    assertThat(card.spec().normalization()).isEqualTo(ClassifierSpec.Normalization.MINUS_ONE_ONE);
    assertThat(card.spec().color()).isEqualTo(ClassifierSpec.ColorOrder.GREY);
    waitUntil("the dialog closed", 10, () -> view.openDialog() == null);

    TableView<?> table = node(robot, "#imported-classifiers", TableView.class);
    List<String> row = fx(() -> table.getColumns().stream().map(c -> String.valueOf(c.getCellData(0))).toList());
    assertThat(row).containsSubsequence("Emotions (mine)", "Each face", "Keras HDF5 (.h5) · Keras 2.0.5", "7");
  }

  @Test
  void aLabelsCountThatDoesNotMatchTheOutputsDisablesImport(FxRobot robot) throws Exception {
    ImportDialog dialog = openWithCtrlI(robot);
    await(fx(() -> dialog.load(fer())));
    Button importButton = node(robot, "#import-confirm", Button.class);
    assertThat(fx(importButton::isDisabled)).isFalse();

    TextArea labels = node(robot, "#import-labels", TextArea.class);
    fxRun(() -> labels.setText(String.join("\n", EMOTIONS.subList(0, 6))));
    assertThat(fx(importButton::isDisabled)).isTrue();
    assertThat(text(robot, "#import-labels-count"))
        .isEqualTo("6 labels, but the model has 7 outputs: give exactly one label per output, in order.");
    assertThat(fx(() -> node(robot, "#import-labels-count", Label.class).getStyleClass())).contains("danger");
    assertThat(text(robot, "#import-labels-from")).isEqualTo("Typed in");

    // a labels file with indices ("0 angry") and the right count makes it importable again
    Path file = temp.resolve("emotions.txt");
    Files.write(file, java.util.stream.IntStream.range(0, 7).mapToObj(i -> i + " " + EMOTIONS.get(i)).toList());
    await(fx(() -> dialog.loadLabels(file)));
    assertThat(fx(importButton::isDisabled)).isFalse();
    assertThat(fx(labels::getText).lines().toList()).isEqualTo(EMOTIONS);
    assertThat(text(robot, "#import-labels-from")).isEqualTo("From emotions.txt");
  }

  @Test
  void aTruncatedFileShowsWhyInPlainWordsAndImportsNothing(FxRobot robot) throws Exception {
    byte[] whole = Files.readAllBytes(fer());
    Path broken = Files.write(temp.resolve("broken.hdf5"), Arrays.copyOf(whole, whole.length / 3));
    ImportDialog dialog = openWithCtrlI(robot);
    await(fx(() -> dialog.load(broken)));

    Label status = node(robot, "#import-status", Label.class);
    String message = fx(status::getText);
    assertThat(message).contains("broken.hdf5").doesNotContain("Exception").doesNotContain("\tat ");
    assertThat(fx(() -> status.getStyleClass())).contains("danger");
    assertThat(fx(() -> node(robot, "#import-confirm", Button.class).isDisabled())).isTrue();
    assertThat(text(robot, "#import-input")).as("nothing found is shown").isEmpty();
    assertThat(temp.resolve("classifiers")).satisfiesAnyOf(
        p -> assertThat(p).doesNotExist(), p -> assertThat(p).isEmptyDirectory());
  }

  @Test
  void theNameFollowsTheChosenModelUntilTheUserTypesOne(FxRobot robot) throws Exception {
    byte[] whole = Files.readAllBytes(fer());
    Path broken = Files.write(temp.resolve("broken.hdf5"), Arrays.copyOf(whole, whole.length / 3));
    ImportDialog dialog = openWithCtrlI(robot);
    await(fx(() -> dialog.load(fer())));
    assertThat(fx(() -> robot.lookup("#import-name").queryTextInputControl().getText()))
        .isEqualTo("fer2013_mini_XCEPTION.102-0.66");

    // choosing another file renames, even one that is then refused
    await(fx(() -> dialog.load(broken)));
    assertThat(fx(() -> robot.lookup("#import-name").queryTextInputControl().getText())).isEqualTo("broken");

    // a name the user typed stays when the model changes
    fxRun(() -> robot.lookup("#import-name").queryTextInputControl().setText("My emotions"));
    await(fx(() -> dialog.load(fer())));
    assertThat(fx(() -> robot.lookup("#import-name").queryTextInputControl().getText())).isEqualTo("My emotions");
  }

  @Test
  void onlyErrorsAreRedAndARefusalCanBeReadInFull(FxRobot robot) throws Exception {
    byte[] whole = Files.readAllBytes(fer());
    Path broken = Files.write(temp.resolve("a-model-whose-file-name-is-long-enough-to-need-room-"
        + "in-the-reason.hdf5"), Arrays.copyOf(whole, whole.length / 3));
    ImportDialog dialog = openWithCtrlI(robot);
    await(fx(() -> dialog.load(broken)));
    Label status = node(robot, "#import-status", Label.class);
    assertThat(fx(() -> status.getStyleClass())).contains("danger");
    WaitForAsyncUtils.waitForFxEvents();
    assertThat(fx(status::getText)).contains("a-model-whose-file-name");
    assertThat(fx(() -> AppTestSupport.textCut(status))).as("the refusal is shown in full: " + fx(status::getText))
        .isFalse();
    assertThat(fx(() -> status.getContextMenu().getItems().get(0).getText())).isEqualTo("Copy");

    // reading the next model is news, not an error
    CompletableFuture<Void> reading = fx(() -> dialog.load(fer()));
    assertThat(fx(status::getText)).startsWith("Reading and converting");
    assertThat(fx(() -> status.getStyleClass())).doesNotContain("danger");
    await(reading);
    assertThat(fx(() -> status.getStyleClass())).doesNotContain("danger");
    assertThat(fx(() -> node(robot, "#import-labels-count", Label.class).getStyleClass()))
        .contains("text-muted").doesNotContain("danger");
  }

  @Test
  void aLabelsFileWithTheWrongCountIsCaughtBeforeImport(FxRobot robot) throws Exception {
    ImportDialog dialog = openWithCtrlI(robot);
    await(fx(() -> dialog.load(fer())));
    Path file = Files.write(temp.resolve("five.txt"), EMOTIONS.subList(0, 5));
    await(fx(() -> dialog.loadLabels(file)));
    assertThat(fx(() -> node(robot, "#import-confirm", Button.class).isDisabled())).isTrue();
    assertThat(text(robot, "#import-labels-count"))
        .isEqualTo("5 labels, but the model has 7 outputs: give exactly one label per output, in order.");
    assertThat(text(robot, "#import-labels-from")).isEqualTo("From five.txt");
  }

  @Test
  void droppingAModelOnThePageOrItsTableOpensTheImportDialog(FxRobot robot) throws Exception {
    TableView<?> table = node(robot, "#imported-classifiers", TableView.class);
    boolean completed = fx(() -> drop(table, fer().toFile()));
    assertThat(completed).isTrue();
    waitUntil("the dropped model read", 120, () -> view.openDialog() != null
        && robot.lookup("#import-input").queryAs(Label.class).getText().equals("64 × 64 pixels, grey"));
    assertThat(text(robot, "#import-source")).isEqualTo(FER_FILE);

    // a second drop on the page goes into the open dialog
    fxRun(() -> view.openDialog().close());
    waitUntil("closed", 10, () -> view.openDialog() == null);
    Path export = Files.createDirectories(temp.resolve("my-export"));
    Files.copy(fer(), export.resolve(FER_FILE));
    Files.copy(fer().resolveSibling("fer2013_mini_XCEPTION.102-0.66.labels.txt"),
        export.resolve("fer2013_mini_XCEPTION.102-0.66.labels.txt"));
    assertThat(fx(() -> drop(view, export.toFile()))).isTrue();
    waitUntil("the dropped folder read", 120, () -> view.openDialog() != null
        && robot.lookup("#import-input").queryAs(Label.class).getText().equals("64 × 64 pixels, grey"));
    assertThat(text(robot, "#import-source")).isEqualTo("my-export");
    assertThat(text(robot, "#import-labels-from")).isEqualTo("From fer2013_mini_XCEPTION.102-0.66.labels.txt");
  }

  /** Fires a real drop of {@code file} at {@code target} and says whether it was taken. */
  private static boolean drop(Node target, File file) {
    Dragboard board = DragboardHelper.createDragboard(Toolkit.getToolkit().createLocalClipboard());
    board.setContent(Map.of(DataFormat.FILES, List.of(file)));
    DragEvent drop = new DragEvent(DragEvent.DRAG_DROPPED, board, 300, 300, 300, 300, TransferMode.COPY, null, target, null);
    Event.fireEvent(target, drop);
    return drop.isDropCompleted();
  }
}
