package dev.raut.cli;

import dev.raut.core.classify.ClassifierCards;
import dev.raut.core.classify.ClassifierLibrary;
import dev.raut.core.convert.CardConverter;
import dev.raut.core.model.FetchException;
import dev.raut.core.model.ModelCard;
import dev.raut.core.model.ModelCatalog;
import dev.raut.core.model.ModelFetcher;
import dev.raut.core.model.ModelState;
import dev.raut.core.model.ModelStore;
import dev.raut.core.text.Messages;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code raut models list|info|fetch|bundle|import|remove}: the model cards, the state of the local
 * cache, and the classifiers a user imported into their library.
 */
@Command(name = "models", mixinStandardHelpOptions = true,
    subcommands = {ModelsCommand.ListModels.class, ModelsCommand.Info.class, ModelsCommand.Fetch.class,
        ModelsCommand.Bundle.class, ModelsImport.class, ModelsCommand.Remove.class})
final class ModelsCommand implements Runnable {
  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }

  @Command(name = "list", mixinStandardHelpOptions = true)
  static final class ListModels implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      ModelStore store = ModelStore.defaultStore();
      out.printf("%-19s %-15s %-42s %-10s %s%n", "ID", Messages.text("cli.models.list.task"),
          Messages.text("cli.models.list.source"), Messages.text("cli.models.list.license"),
          Messages.text("cli.models.list.state"));
      for (ModelCard card : ModelCatalog.defaults().cards()) {
        out.printf("%-19s %-15s %-42s %-10s %s%n", card.id(), card.task(),
            card.source().registry() + " " + card.source().coordinates(), shortLicense(card.license()),
            ModelFetcher.state(store, card).text());
      }
      out.println(Messages.text("cli.models.list.cache", store.root()));
      ClassifierLibrary library = ClassifierLibrary.defaultLibrary();
      List<ClassifierLibrary.Entry> entries = library.list();
      out.println();
      if (entries.isEmpty()) {
        out.println(Messages.text("cli.models.noneImported"));
      } else {
        out.printf("%-28s %-36s %-6s %-34s %-12s %s%n", Messages.text("cli.models.list.imported"), "ID",
            Messages.text("cli.models.list.scope"), Messages.text("cli.models.list.format"),
            Messages.text("cli.models.list.input"), Messages.text("cli.models.list.labels"));
        for (ClassifierLibrary.Entry e : entries) {
          if (!e.usable()) {
            out.printf("%-28s %-36s %s%n", e.name(), e.id(), Messages.text("cli.models.list.broken", e.problem()));
            continue;
          }
          String format = ClassifierCards.provenance(e.card()).map(ModelsImport::formatAndVersion).orElse("card");
          out.printf("%-28s %-36s %-6s %-34s %-12s %d%n", e.name(), e.id(), e.scope().id(), format,
              ModelsImport.inputText(e.spec()), e.spec().labels().size());
        }
      }
      out.println(Messages.text("cli.models.list.library", library.root()));
      out.flush();
      return RautCommand.EXIT_OK;
    }

    private static String shortLicense(String license) {
      return license.length() <= 10 ? license : license.substring(0, license.indexOf(' ') > 0 ? license.indexOf(' ') : 10);
    }
  }

  @Command(name = "info", mixinStandardHelpOptions = true)
  static final class Info implements Callable<Integer> {
    @CommandLine.Parameters(paramLabel = "ID", descriptionKey = "models.info.id")
    String id;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      ModelCard card = ModelCatalog.defaults().find(id).orElse(null);
      if (card == null) {
        ClassifierLibrary library = ClassifierLibrary.defaultLibrary();
        ClassifierLibrary.Entry entry = find(library, id);
        if (entry != null) {
          ModelsImport.printCard(out, entry);
          out.flush();
          return RautCommand.EXIT_OK;
        }
        spec.commandLine().getErr().println(Messages.text("cli.models.unknown", id));
        return RautCommand.EXIT_USAGE;
      }
      ModelStore store = ModelStore.defaultStore();
      out.println(card.name() + " (" + card.id() + ")");
      out.println("  task:        " + card.task());
      out.println("  about:       " + card.description());
      out.println("  source:      " + card.source().registry() + " " + card.source().coordinates());
      for (ModelCard.UpstreamFile f : card.source().files()) {
        out.println("               " + f.path() + "  sha256 " + f.sha256());
      }
      out.println("  conversion:  " + card.conversionKind().name().toLowerCase().replace('_', '-'));
      out.println("  artifact:    " + store.artifact(card.id(), card.artifact().file()) + "  sha256 " + card.artifact().sha256());
      out.println("  state:       " + ModelFetcher.state(store, card).text());
      out.println("  input:       " + card.input());
      out.println("  output:      " + card.output());
      out.println("  labels:      " + String.join(", ", card.labels()));
      out.println("  license:     " + card.license());
      out.println("  citation:    " + card.citation());
      out.flush();
      return RautCommand.EXIT_OK;
    }
  }

  @Command(name = "remove", mixinStandardHelpOptions = true)
  static final class Remove implements Callable<Integer> {
    @CommandLine.Parameters(paramLabel = "NAME_OR_ID", descriptionKey = "models.remove.name_or_id")
    String nameOrId;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
      ClassifierLibrary library = ClassifierLibrary.defaultLibrary();
      ClassifierLibrary.Entry entry = find(library, nameOrId);
      if (entry == null) {
        throw new CommandLine.ParameterException(spec.commandLine(), Messages.text("cli.models.noSuchImported", nameOrId,
            ClassifierChoice.libraryNames(library)));
      }
      try {
        library.remove(entry.id());
      } catch (java.io.UncheckedIOException e) {
        spec.commandLine().getErr().println(Messages.text("cli.models.remove.says", e.getMessage()));
        spec.commandLine().getErr().flush();
        return RautCommand.EXIT_FAILURES;
      }
      spec.commandLine().getOut().println(Messages.text("cli.models.removed", entry.name(), entry.id(), library.root()));
      spec.commandLine().getOut().flush();
      return RautCommand.EXIT_OK;
    }
  }

  /** An imported classifier by id, else by name (case-insensitive); broken entries are found by id so they can be removed. */
  static ClassifierLibrary.Entry find(ClassifierLibrary library, String nameOrId) {
    List<ClassifierLibrary.Entry> entries = library.list();
    return entries.stream().filter(e -> e.id().equals(nameOrId)).findFirst()
        .or(() -> entries.stream().filter(e -> e.name().equalsIgnoreCase(nameOrId.strip())).findFirst())
        .orElse(null);
  }

  @Command(name = "fetch", mixinStandardHelpOptions = true)
  static final class Fetch implements Callable<Integer> {
    @CommandLine.Option(names = "--with-samples", descriptionKey = "models.fetch.with-samples")
    boolean withSamples;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
      PrintWriter err = spec.commandLine().getErr();
      ModelStore store = ModelStore.defaultStore();
      ModelFetcher fetcher = new ModelFetcher(store, new CardConverter(), line -> {
        err.println(Messages.text("cli.models.says", line));
        err.flush();
      });
      try {
        fetcher.fetchModels(ModelCatalog.defaults().cards());
        if (withSamples) {
          fetcher.fetchSamples(ModelCatalog.defaults().samples());
        }
      } catch (FetchException e) {
        err.println(Messages.text("cli.models.fetchFailed", CliTexts.message(e)));
        err.flush();
        return RautCommand.EXIT_FAILURES;
      }
      long ready = ModelCatalog.defaults().cards().stream().filter(c -> ModelFetcher.state(store, c) == ModelState.READY).count();
      err.println(Messages.text("cli.models.ready", ready, ModelCatalog.defaults().cards().size(), store.root()));
      err.flush();
      return RautCommand.EXIT_OK;
    }
  }

  @Command(name = "bundle", mixinStandardHelpOptions = true)
  static final class Bundle implements Callable<Integer> {
    @CommandLine.Parameters(paramLabel = "DIR", descriptionKey = "models.bundle.dir")
    java.nio.file.Path target;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
      PrintWriter err = spec.commandLine().getErr();
      try {
        int copied = new dev.raut.core.model.ModelBundler(ModelStore.defaultStore(), ModelCatalog.defaults())
            .bundleInto(new ModelStore(target));
        err.println(Messages.text("cli.models.bundled", copied, target));
        err.flush();
        return RautCommand.EXIT_OK;
      } catch (FetchException e) {
        err.println(Messages.text("cli.models.bundleFailed", CliTexts.message(e)));
        err.flush();
        return RautCommand.EXIT_FAILURES;
      }
    }
  }
}
