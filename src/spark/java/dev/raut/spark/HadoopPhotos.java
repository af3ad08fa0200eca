package dev.raut.spark;

import dev.raut.core.document.DocumentException;
import dev.raut.core.document.DocumentFormat;
import dev.raut.core.document.DocumentPhotos;
import dev.raut.core.document.DocumentSource;
import dev.raut.core.image.ImageFiles;
import java.util.ArrayList;
import java.util.List;

import dev.raut.core.analysis.AnalysisError;
import dev.raut.core.analysis.AnalysisRequest;
import dev.raut.core.analysis.Analyzer;
import dev.raut.core.analysis.ImageAnalysis;
import dev.raut.core.image.ImageDecodeException;
import dev.raut.core.image.ImageDecoder;
import java.io.FileNotFoundException;
import java.io.IOException;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.security.AccessControlException;

/**
 * Reads a photo from a Hadoop file system and analyses it with the same pipeline as every other door;
 * a PDF, Word, PowerPoint or Excel file gives one result per photo inside it (with its {@code part}),
 * as in {@code raut analyze}. File problems (missing, a folder, too big, unreadable) get the codes
 * and words a local file gets; the result's {@code file} is the photo's or document's URI.
 */
final class HadoopPhotos {
  private final Configuration conf;
  private final ImageDecoder decoder;
  private final Analyzer analyzer;
  private final DocumentPhotos documents = new DocumentPhotos();

  HadoopPhotos(Configuration conf, ImageDecoder decoder, Analyzer analyzer) {
    this.conf = conf;
    this.decoder = decoder;
    this.analyzer = analyzer;
  }

  /**
   * The results of one file: one for a photo; for a document, one per photo inside it in document
   * order, or one error for a document that cannot be read or holds no photo. Only results are
   * kept, never the document's photos.
   */
  List<ImageAnalysis> analyzeAll(String uri, AnalysisRequest request) {
    Path path = new Path(uri);
    if (!ImageFiles.hasDocumentExtension(path.getName())) {
      return List.of(analyze(uri, request));
    }
    byte[] data;
    try {
      data = read(path);
    } catch (ImageDecodeException e) {
      ImageDecodeException named = e.about(path.getName());
      return List.of(ImageAnalysis.failed(uri, new AnalysisError(named.code(), named.getMessage())));
    }
    DocumentFormat format = DocumentFormat.of(data, path.getName());
    List<ImageAnalysis> results = new ArrayList<>();
    try {
      documents.read(DocumentSource.of(data, path.getName()), format, photo -> {
        results.add(analyzer.analyze(photo, uri, request));
        return true;
      });
    } catch (DocumentException e) {
      results.clear();
      results.add(Analyzer.failedDocument(uri, e));
    }
    return results;
  }

  ImageAnalysis analyze(String uri, AnalysisRequest request) {
    Path path = new Path(uri);
    try {
      return analyzer.analyze(read(path), path.getName(), request).withFile(uri);
    } catch (ImageDecodeException e) {
      ImageDecodeException named = e.about(path.getName());
      return ImageAnalysis.failed(uri, AnalysisError.of(named.code(), named.problem()));
    }
  }

  private byte[] read(Path path) throws ImageDecodeException {
    FileSystem fs;
    FileStatus status;
    try {
      fs = path.getFileSystem(conf);
      status = fs.getFileStatus(path);
    } catch (FileNotFoundException e) {
      throw ImageDecodeException.notFound(String.valueOf(path.getParent()), e);
    } catch (IOException e) {
      throw unreadable(e);
    }
    if (status.isDirectory()) {
      throw ImageDecodeException.isDirectory();
    }
    // the size check comes before the read, so a huge file never reaches memory
    decoder.checkFileSize(status.getLen());
    byte[] data = new byte[(int) status.getLen()];
    try (FSDataInputStream in = fs.open(path)) {
      in.readFully(0, data);
      return data;
    } catch (IOException e) {
      throw unreadable(e);
    }
  }

  private static ImageDecodeException unreadable(IOException e) {
    // local files refused by the operating system surface as FileNotFoundException "(Permission denied)"
    boolean denied = e instanceof AccessControlException
        || String.valueOf(e.getMessage()).contains("Permission denied");
    return ImageDecodeException.unreadable(denied, e.getMessage(), e);
  }
}
