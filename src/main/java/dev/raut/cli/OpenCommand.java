package dev.raut.cli;

import dev.raut.app.RautApp;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code raut open PATH...}: opens the desktop app with these photos and folders in the gallery. */
@Command(name = "open", mixinStandardHelpOptions = true)
final class OpenCommand implements Callable<Integer> {
  @Parameters(paramLabel = "PATH", arity = "0..*", descriptionKey = "open.path")
  List<Path> paths = List.of();

  @Override
  public Integer call() {
    RautApp.launchApp(paths.stream().map(p -> p.toAbsolutePath().toString()).toArray(String[]::new));
    return RautCommand.EXIT_OK;
  }
}
