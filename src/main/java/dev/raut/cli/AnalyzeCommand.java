package dev.raut.cli;

import dev.raut.core.analysis.AnalysisRequest;
import dev.raut.core.analysis.Analyzer;
import dev.raut.core.analysis.BatchAnalyzer;
import dev.raut.core.analysis.Engine;
import dev.raut.core.document.DocumentPhotos;
import dev.raut.core.image.ImageFiles;
import dev.raut.core.onnx.ModelLoadException;
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
@Command(name = "analyze", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Analyse photos: faces, emotions, objects, or your own classifier.",
        "Every photo inside a PDF, Word (.docx), PowerPoint (.pptx) or Excel (.xlsx) file is analysed too.",
        "Folders are searched recursively. Without --faces/--emotions/--objects/--classifier, faces and emotions are analysed.",
        "Exit code: 0 all fine, 1 some files failed, 2 usage error."})
final class AnalyzeCommand implements Callable<Integer> {
  enum Format { json, csv, table }

  @Parameters(paramLabel = "PATH", arity = "1..*", description = "Image files, documents and folders.")
  List<Path> inputs;





  @CommandLine.Mixin
  AnalysisOptions analysis;

  @CommandLine.Mixin
  PhotoOptions photo;


  @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "json", description = "json (JSON Lines), csv or table (default: ${DEFAULT-VALUE}).")
  Format format;

  @Option(names = "--out", paramLabel = "FILE", description = "Write results to FILE instead of standard output.")
  Path out;

  @Option(names = "--threads", paramLabel = "N", description = "Images analysed in parallel (default: number of cores).")
  int threads = Runtime.getRuntime().availableProcessors();

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    AnalysisRequest request = photo.toRequest(analysis);
    PrintWriter err = spec.commandLine().getErr();
    List<Path> files = ImageFiles.expand(inputs);
    if (files.isEmpty()) {
      err.println("raut analyze: no images or documents found in " + inputs);
      err.flush();
      return RautCommand.EXIT_FAILURES;
    }
    try (Engine engine = Engine.openDefault();
        OutputStream stream = out == null ? nonClosing(System.out) : Files.newOutputStream(out);
        PrintWriter writer = new PrintWriter(new OutputStreamWriter(stream, StandardCharsets.UTF_8))) {
      engine.warmUp(request);
      ResultWriter results = ResultWriter.of(format.name(), writer, request);
      ProgressBar progress = new ProgressBar(err, TerminalCheck.stderrIsTerminal());
      AtomicInteger failed = new AtomicInteger();
      AtomicInteger written = new AtomicInteger();
      results.begin();
      new BatchAnalyzer(new Analyzer(engine), threads).withDocuments(new DocumentPhotos()).run(files, request, result -> {
        written.incrementAndGet();
        if (!result.ok()) {
          failed.incrementAndGet();
        }
        results.write(result);
      }, document -> {
        if (document.skippedAny()) {
          progress.note("raut analyze: " + document.message());
        }
      }, progress::update, new AtomicBoolean());
      results.end();
      writer.flush();
      progress.finish();
      if (failed.get() > 0) {
        err.println("raut analyze: " + failed.get() + " of " + written.get() + " results are errors (see their \"error\").");
        err.flush();
        return RautCommand.EXIT_FAILURES;
      }
      return RautCommand.EXIT_OK;
    } catch (ModelLoadException e) {
      err.println("raut analyze: " + e.getMessage());
      err.flush();
      return RautCommand.EXIT_FAILURES;
    } catch (IOException | UncheckedIOException e) {
      err.println("raut analyze: cannot write " + (out != null ? out : "the output") + ": " + e.getMessage());
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
