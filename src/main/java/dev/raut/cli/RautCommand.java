package dev.raut.cli;

import dev.raut.core.text.Language;
import dev.raut.core.text.Messages;
import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code raut}: the top-level command. Exit codes: 0 all fine, 1 some inputs failed or models unavailable, 2 usage error. */
@Command(
    name = "raut",
    mixinStandardHelpOptions = true,
    versionProvider = RautCommand.Version.class,
    subcommands = {AnalyzeCommand.class, EvaluateCommand.class, FacesCommand.class, TeachCommand.class, LiveCommand.class, ServeCommand.class,
        OpenCommand.class, ModelsCommand.class, CommandLine.HelpCommand.class})
public final class RautCommand implements Callable<Integer> {
  public static final int EXIT_OK = 0;
  public static final int EXIT_FAILURES = 1;
  public static final int EXIT_USAGE = 2;

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @CommandLine.Option(names = "--self-test", descriptionKey = "root.self-test")
  boolean selfTest;

  /**
   * The language of what people read (tables, summaries, errors, help); JSON and CSV stay as they
   * are. Inherited by every subcommand, so it may come before or after the command's name; set
   * while parsing, so even {@code --help} speaks it.
   */
  @CommandLine.Option(names = "--lang", paramLabel = "LANG", descriptionKey = "root.lang",
      scope = CommandLine.ScopeType.INHERIT)
  void language(String tag) {
    Language language = Language.parse(tag).orElseThrow(() -> new CommandLine.ParameterException(
        spec.commandLine(), Messages.text("cli.lang.unknown", tag)));
    Messages.setLanguage(language);
  }

  @Override
  public Integer call() {
    if (selfTest) {
      return SelfTest.run(spec.commandLine().getOut(), spec.commandLine().getErr());
    }
    spec.commandLine().usage(System.out);
    return EXIT_OK;
  }

  public static int execute(String... args) {
    return commandLine().execute(args);
  }

  /** The command line as {@link #execute} runs it; tests redirect its output with setOut/setErr. */
  public static CommandLine commandLine() {
    // picocli passes usage errors through this mapper too: keep them at exit code 2
    Messages.setLanguage(Language.system());
    return CliTexts.apply(new CommandLine(new RautCommand()))
        .setExitCodeExceptionMapper(e -> e instanceof CommandLine.ParameterException ? EXIT_USAGE : EXIT_FAILURES);
  }

  /** Raut's version, from the build. */
  public static String version() {
    return Version.version();
  }

  /** The version from the build (filtered resource). */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {"raut " + version()};
    }

    static String version() {
      try (InputStream in = RautCommand.class.getResourceAsStream("/dev/raut/version.properties")) {
        Properties p = new Properties();
        if (in != null) {
          p.load(in);
        }
        return p.getProperty("version", "development");
      } catch (IOException e) {
        return "development";
      }
    }
  }
}
