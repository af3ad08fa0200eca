package dev.raut.app.models;

import static org.assertj.core.api.Assertions.assertThat;

import dev.raut.app.AppServices;
import dev.raut.app.PresenterServices;
import dev.raut.app.SameThreadTasks;
import dev.raut.core.classify.ClassifierCards;
import dev.raut.core.classify.ClassifierLibrary;
import dev.raut.core.classify.ModelImportException;
import dev.raut.core.model.ModelCatalog;
import dev.raut.core.model.ModelState;
import dev.raut.core.text.Messages;
import dev.raut.testing.TinyClassifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Models page's logic with same-thread tasks, no toolkit: each future is done when the call returns. */
class ModelsPresenterLogicTest {
  @TempDir
  Path temp;

  private final List<List<ClassifierLibrary.Entry>> told = new ArrayList<>();
  private PresenterServices app;
  private AppServices services;
  private ModelsPresenter presenter;

  @BeforeEach
  void open() {
    app = PresenterServices.withModels(temp);
    services = app.services();
    services.modelStore().join(); // the engine is up: the cache rows come inside refresh()
    presenter = new ModelsPresenter(services, SameThreadTasks.immediate(), SameThreadTasks.immediate(), told::add);
  }

  @AfterEach
  void close() throws Exception {
    app.close();
  }

  @Test
  void theDefaultModelsAreListedWithTheirCacheStateAndNothingIsImportedYet() {
    assertThat(presenter.defaults()).extracting(ModelsPresenter.DefaultModel::id)
        .containsExactlyElementsOf(ModelCatalog.defaults().cards().stream().map(c -> c.id()).toList());
    // the test command fetched every default model
    assertThat(presenter.defaults()).allSatisfy(m -> assertThat(m.state()).isEqualTo(ModelState.READY));
    assertThat(presenter.imported()).isEmpty();
    assertThat(told).containsExactly(List.of());
  }

  @Test
  void anImportedClassifierIsListedAndToldToThePagesAndRemovedAgain() throws Exception {
    Path card = TinyClassifier.writeColourClassifier(temp.resolve("model"));
    CompletableFuture<ClassifierLibrary.Entry> importing = presenter.importClassifier("Colours",
        temp.resolve("model/colours.onnx"), ClassifierCards.read(card).spec());
    assertThat(importing).isDone();
    ClassifierLibrary.Entry entry = importing.get();
    assertThat(presenter.imported()).containsExactly(entry);
    assertThat(told.get(told.size() - 1)).containsExactly(entry);
    assertThat(presenter.formatOf(entry)).isEqualTo("ONNX");
    assertThat(services.status().messageProperty().get()).isEqualTo(Messages.text("models.imported", "Colours"));
    assertThat(Files.isRegularFile(entry.card())).isTrue();

    assertThat(presenter.remove(entry)).isDone();
    assertThat(presenter.imported()).isEmpty();
    assertThat(told.get(told.size() - 1)).isEmpty();
    assertThat(services.status().messageProperty().get()).isEqualTo(Messages.text("models.removed", "Colours"));
    assertThat(Files.exists(entry.card())).isFalse();
  }

  @Test
  void aFileThatIsNoModelIsRefusedInPlainWords() throws Exception {
    Path notAModel = Files.writeString(temp.resolve("notes.h5"), "not an HDF5 file");
    CompletableFuture<?> preparing = presenter.prepare(notAModel);
    assertThat(preparing).isCompletedExceptionally();
    try {
      preparing.get();
    } catch (ExecutionException e) {
      assertThat(e.getCause()).isInstanceOf(ModelImportException.class);
      assertThat(e.getCause().getMessage()).contains("notes.h5").doesNotContain("Exception");
    }
    assertThat(presenter.imported()).isEmpty();
  }
}
