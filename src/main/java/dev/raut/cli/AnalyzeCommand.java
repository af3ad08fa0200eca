package dev.raut.cli;

import dev.raut.core.analysis.AnalysisRequest;
import dev.raut.core.analysis.AnalysisService;
import dev.raut.core.analysis.Engine;
import dev.raut.core.document.DocumentPhotos;
import dev.raut.core.image.ImageFiles;
import dev.raut.core.onnx.ModelLoadException;
import dev.raut.core.text.Messages;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code raut analyze}: faces, emotions, objects and classifier labels for files and folders. */
@Command(name = "analyze", mixinStandardHelpOptions = true, sortOptions = false)
final class AnalyzeCommand implements Callable<Integer> {
  enum Format { json, csv, table }

  @Parameters(paramLabel = "PATH", arity = "1..*", descriptionKey = "analyze.path")
  List<Path> inputs;





  @CommandLine.Mixin
  AnalysisOptions analysis;

  @CommandLine.Mixin
  PhotoOptions photo;


  @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "json", descriptionKey = "analyze.format")
  Format format;

  @Option(names = "--out", paramLabel = "FILE", descriptionKey = "analyze.out")
  Path out;

  @Option(names = "--threads", paramLabel = "N", descriptionKey = "analyze.threads")
  int threads = Runtime.getRuntime().availableProcessors();

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    AnalysisRequest request = photo.toRequest(analysis);
    PrintWriter err = spec.commandLine().getErr();
    List<Path> files = ImageFiles.expand(inputs);
    if (files.isEmpty()) {
      err.println(Messages.text("cli.analyze.nothingFound", inputs));
      err.flush();
      return RautCommand.EXIT_FAILURES;
    }
    try (AnalysisService service = AnalysisService.over(Engine.openDefault(threads), threads);
        OutputStream stream = out == null ? nonClosing(System.out) : Files.newOutputStream(out);
        PrintWriter writer = new PrintWriter(new OutputStreamWriter(stream, StandardCharsets.UTF_8))) {
      service.analyzer().join().engine().warmUp(request);
      ResultWriter results = ResultWriter.of(format.name(), writer, request);
      ProgressBar progress = new ProgressBar(err, TerminalCheck.stderrIsTerminal());
      AtomicInteger failed = new AtomicInteger();
      AtomicInteger written = new AtomicInteger();
      results.begin();
      service.batch().withDocuments(new DocumentPhotos()).run(files, request, result -> {
        written.incrementAndGet();
        if (!result.ok()) {
          failed.incrementAndGet();
        }
        results.write(result);
      }, document -> {
        if (document.skippedAny()) {
          progress.note(Messages.text("cli.analyze.says", document.message()));
        }
      }, progress::update, new AtomicBoolean());
      results.end();
      writer.flush();
      progress.finish();
      if (failed.get() > 0) {
        err.println(Messages.text("cli.analyze.failedSummary", failed.get(), written.get()));
        err.flush();
        return RautCommand.EXIT_FAILURES;
      }
      return RautCommand.EXIT_OK;
    } catch (ModelLoadException e) {
      err.println(Messages.text("cli.analyze.says", CliTexts.message(e)));
      err.flush();
      return RautCommand.EXIT_FAILURES;
    } catch (IOException | UncheckedIOException e) {
      err.println(out != null ? Messages.text("cli.analyze.cannotWrite", out, e.getMessage())
          : Messages.text("cli.analyze.cannotWriteOutput", e.getMessage()));
      err.flush();
      return RautCommand.EXIT_FAILURES;
    }
  }

  private static OutputStream nonClosing(OutputStream stream) {
    return new java.io.FilterOutputStream(stream) {
      @Override
      public void write(byte[] b, int off, int len) throws IOException {
        out.write(b, off, len);
      }

      @Override
      public void close() throws IOException {
        flush();
      }
    };
  }
}
