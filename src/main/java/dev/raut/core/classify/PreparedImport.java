package dev.raut.core.classify;

import dev.raut.core.text.Problem;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * A user's model read and converted, ready to be tried and imported: the ONNX file (converted into
 * a private temporary folder, or the user's own .onnx), the preprocessing Raut guessed and why,
 * and the labels it found. Closing deletes the temporary folder; importing copies what it needs.
 *
 * @param source the file or folder the user gave
 * @param format what it turned out to be
 * @param onnx the ONNX model to load (inside {@code workDir} when converted)
 * @param spec the guessed preprocessing and labels
 * @param preprocessingReason why that pixel scaling, in plain words
 * @param preprocessingCertain false when the scaling is only a default: the app should ask
 * @param labelsSource where the labels came from ("metadata.json", "labels.txt", ...), or null when made up
 * @param outputCount how many classes the model outputs
 * @param frameworkVersion the version the file states ("Keras 2.0.5"), or ""
 * @param conversionMillis how long reading and converting took
 * @param notes plain-words remarks (layers that became identities, ...)
 */
public record PreparedImport(Path source, ModelFormat format, Path onnx, ClassifierSpec spec,
    String preprocessingReason, boolean preprocessingCertain, String labelsSource, int outputCount,
    String frameworkVersion, long conversionMillis, List<String> notes, Path workDir) implements AutoCloseable {

  public PreparedImport {
    notes = List.copyOf(notes);
  }

  public boolean labelsFound() {
    return labelsSource != null;
  }

  /** The same import with other preprocessing or labels (checked again when imported). */
  public PreparedImport withSpec(ClassifierSpec newSpec) {
    return new PreparedImport(source, format, onnx, newSpec, preprocessingReason, preprocessingCertain, labelsSource,
        outputCount, frameworkVersion, conversionMillis, notes, workDir);
  }

  /** With labels the user chose; {@code from} names where they came from. */
  public PreparedImport withLabels(List<String> labels, String from) {
    if (labels.size() != outputCount) {
      throw new ModelImportException(ModelImportException.Code.LABELS_MISMATCH,
          Problem.of("errors.import.labelsForOutputs", outputCount, from, labels.size()),
          List.of(String.valueOf(outputCount), from, String.valueOf(labels.size())), null);
    }
    return new PreparedImport(source, format, onnx, spec.withLabels(labels), preprocessingReason, preprocessingCertain,
        from, outputCount, frameworkVersion, conversionMillis, notes, workDir);
  }

  @Override
  public void close() {
    if (workDir == null || !Files.exists(workDir)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(workDir)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot delete the import's temporary folder " + workDir, e);
    }
  }
}
