package dev.raut.app.teach;

import static org.assertj.core.api.Assertions.assertThat;

import dev.raut.app.AppServices;
import dev.raut.app.PresenterServices;
import dev.raut.app.SameThreadTasks;
import dev.raut.core.classify.ClassifierLibrary;
import dev.raut.core.teach.TeachingData;
import dev.raut.core.text.Messages;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Teach page's flow without the toolkit: same-thread background tasks, so reading, teaching,
 * saving and trying have each finished when the call returns, and the state in between is read with
 * queued tasks. Real backbone, generated photos (TeachTestSupport's three visual kinds).
 */
class TeachPresenterFlowTest {
  @TempDir
  Path temp;

  private final AtomicInteger libraryRefreshes = new AtomicInteger();
  private PresenterServices app;
  private AppServices services;
  private TeachPresenter presenter;

  @BeforeEach
  void open() {
    app = PresenterServices.withModels(temp);
    services = app.services();
  }

  @AfterEach
  void close() throws Exception {
    if (presenter != null) {
      presenter.close();
    }
    app.close();
  }

  private TeachPresenter presenter(SameThreadTasks tasks) {
    presenter = new TeachPresenter(services, tasks, () -> {
      libraryRefreshes.incrementAndGet();
      return CompletableFuture.completedFuture(null);
    });
    presenter.backboneProperty().set(TeachPresenter.BackboneChoice.FAST);
    return presenter;
  }

  @Test
  void aFolderIsReadTaughtSavedAndTriedInTurn() throws Exception {
    Path data = TeachTestSupport.makeDataset(temp.resolve("kinds"), TeachTestSupport.KINDS, 12, 1);
    TeachPresenter p = presenter(SameThreadTasks.immediate());
    p.setDataset(data);
    TeachingData read = p.dataProperty().get();
    assertThat(read).isNotNull();
    assertThat(p.readingProperty().get()).isFalse();
    assertThat(read.classes()).containsExactlyElementsOf(TeachTestSupport.KINDS);
    assertThat(p.classRows()).extracting(TeachPresenter.ClassRow::name).containsExactlyElementsOf(TeachTestSupport.KINDS);

    p.start();
    assertThat(p.runningProperty().get()).isFalse();
    assertThat(p.problemProperty().get()).isEmpty();
    assertThat(p.resultProperty().get()).isNotNull();
    assertThat(p.resultProperty().get().testAccuracy()).as("held-out accuracy; chance is 1/3").isGreaterThan(0.8);
    assertThat(p.curve()).hasSize(p.resultProperty().get().training().curves().size()).isNotEmpty();
    assertThat(p.evaluationProperty().get()).isNotNull();

    p.nameProperty().set("kinds of pattern");
    assertThat(p.save().isDone()).isTrue();
    assertThat(p.savedProperty().get()).isNotNull();
    assertThat(p.saveMessageProperty().get()).isEqualTo(Messages.text("teach.saved", "kinds of pattern"));
    assertThat(libraryRefreshes.get()).isEqualTo(1);
    assertThat(services.classifiers().list()).extracting(ClassifierLibrary.Entry::name).containsExactly("kinds of pattern");
    // the same name again is refused, in words, and nothing more is written
    assertThat(p.save()).isCompletedExceptionally();

    Path stripes = temp.resolve("try");
    TeachTestSupport.makeDataset(stripes, List.of("stripes"), 1, 99);
    assertThat(p.tryPhoto(stripes.resolve("stripes").resolve("stripes_0.png")).isDone()).isTrue();
    assertThat(p.tryResults()).hasSize(3);
    assertThat(p.tryResults().get(0).label()).isEqualTo("stripes");
    assertThat(p.tryMessageProperty().get()).isEmpty();
  }

  @Test
  void itShowsRunningUntilTheWorkHasRun() throws Exception {
    Path data = TeachTestSupport.makeDataset(temp.resolve("kinds"), TeachTestSupport.KINDS, 8, 2);
    SameThreadTasks tasks = SameThreadTasks.queued();
    TeachPresenter p = presenter(tasks);
    p.setDataset(data);
    assertThat(p.readingProperty().get()).isTrue();
    assertThat(p.canStart().get()).as("nothing to start before the data is read").isFalse();
    tasks.runAll();
    assertThat(p.readingProperty().get()).isFalse();
    assertThat(p.dataProperty().get()).isNotNull();

    p.start();
    assertThat(p.runningProperty().get()).isTrue();
    assertThat(p.stageTextProperty().get()).isEqualTo(Messages.text("teach.starting"));
    tasks.runAll();
    assertThat(p.runningProperty().get()).isFalse();
    assertThat(p.resultProperty().get()).isNotNull();
  }

  @Test
  void cancelBeforeTheWorkRunsEndsTheRunCancelledAndSavesNothing() throws Exception {
    // (Cancel in the middle of a run, with the app's threads, is TeachViewTest's)
    Path data = TeachTestSupport.makeDataset(temp.resolve("kinds"), TeachTestSupport.KINDS, 8, 2);
    SameThreadTasks tasks = SameThreadTasks.queued();
    TeachPresenter p = presenter(tasks);
    p.setDataset(data);
    tasks.runAll();
    p.start();
    p.cancel();
    assertThat(p.stageTextProperty().get()).isEqualTo(Messages.text("teach.cancelling"));
    tasks.runAll();
    assertThat(p.runningProperty().get()).isFalse();
    assertThat(p.stageTextProperty().get()).isEqualTo(Messages.text("teach.cancelled"));
    assertThat(p.resultProperty().get()).isNull();
    assertThat(p.save()).isCompletedExceptionally();
    assertThat(services.classifiers().list()).isEmpty();
  }

  @Test
  void aSingleClassIsRefusedInPlainWords() throws Exception {
    Path data = TeachTestSupport.makeDataset(temp.resolve("one"), List.of("stripes"), 6, 3);
    TeachPresenter p = presenter(SameThreadTasks.immediate());
    p.setDataset(data);
    assertThat(p.dataProperty().get()).isNull();
    assertThat(p.readingProperty().get()).isFalse();
    assertThat(p.problemProperty().get()).isNotEmpty().doesNotContain("Exception");
  }
}
