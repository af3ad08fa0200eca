package dev.raut.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code raut}: the top-level command. Exit codes: 0 all fine, 1 some inputs failed or models unavailable, 2 usage error. */
@Command(
    name = "raut",
    mixinStandardHelpOptions = true,
    versionProvider = RautCommand.Version.class,
    description = "Offline photo and face analysis: faces, emotions, objects and your own ONNX classifiers.%n"
        + "Without arguments, raut opens the desktop app.",
    subcommands = {AnalyzeCommand.class, ModelsCommand.class, LiveCommand.class, CommandLine.HelpCommand.class})
public final class RautCommand implements Runnable {
  public static final int EXIT_OK = 0;
  public static final int EXIT_FAILURES = 1;
  public static final int EXIT_USAGE = 2;

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }

  public static int execute(String... args) {
    return new CommandLine(new RautCommand())
        .setExitCodeExceptionMapper(e -> EXIT_FAILURES)
        .execute(args);
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
