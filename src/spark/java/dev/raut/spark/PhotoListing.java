package dev.raut.spark;

import dev.raut.core.image.ImageFiles;
import java.io.BufferedReader;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;

/**
 * Turns what a user gave into the photos to analyse, on any Hadoop file system, the way
 * {@code raut analyze} does for local paths: a folder is searched recursively for image extensions
 * (sorted by path), a file is always tried, a path that does not exist is kept so it becomes a
 * {@code not_found} row. Globs expand like a shell's. Every photo is named by its fully qualified
 * URI (file:/..., hdfs://..., s3a://...), which is also its {@code file} in the output.
 */
final class PhotoListing {
  private PhotoListing() {}

  static List<String> expand(Configuration conf, List<String> inputs) throws IOException {
    List<String> photos = new ArrayList<>();
    for (String input : inputs) {
      Path path = new Path(input);
      FileSystem fs = path.getFileSystem(conf);
      if (isGlob(input)) {
        FileStatus[] matches = fs.globStatus(path);
        for (FileStatus match : matches == null ? new FileStatus[0] : matches) {
          add(fs, match, photos);
        }
        continue;
      }
      try {
        add(fs, fs.getFileStatus(path), photos);
      } catch (FileNotFoundException e) {
        photos.add(fs.makeQualified(path).toString());
      }
    }
    return photos;
  }

  /**
   * The photos named in a text file, one per line (blank lines skipped); relative paths are relative
   * to the list's folder. Lines are taken as files without asking the file system about each (a
   * million look-ups would be slow on object stores): a missing one becomes a {@code not_found} row.
   */
  static List<String> fromList(Configuration conf, String listFile) throws IOException {
    Path list = new Path(listFile);
    FileSystem listFs = list.getFileSystem(conf);
    Path folder = listFs.makeQualified(list).getParent();
    List<String> photos = new ArrayList<>();
    try (BufferedReader in = new BufferedReader(new InputStreamReader(listFs.open(list), StandardCharsets.UTF_8))) {
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        String entry = line.strip();
        if (!entry.isEmpty()) {
          Path photo = new Path(folder, entry);
          photos.add(photo.getFileSystem(conf).makeQualified(photo).toString());
        }
      }
    }
    return photos;
  }

  private static void add(FileSystem fs, FileStatus status, List<String> photos) throws IOException {
    if (!status.isDirectory()) {
      photos.add(fs.makeQualified(status.getPath()).toString());
      return;
    }
    List<String> found = new ArrayList<>();
    RemoteIterator<LocatedFileStatus> files = fs.listFiles(status.getPath(), true);
    while (files.hasNext()) {
      LocatedFileStatus file = files.next();
      String name = file.getPath().getName();
      // PDF and Office files too: their photos are analysed, as raut analyze does
      if (file.isFile() && (ImageFiles.hasImageExtension(name) || ImageFiles.hasDocumentExtension(name))) {
        found.add(fs.makeQualified(file.getPath()).toString());
      }
    }
    found.sort(null);
    photos.addAll(found);
  }

  private static boolean isGlob(String input) {
    return input.chars().anyMatch(c -> c == '*' || c == '?' || c == '[' || c == '{');
  }
}
