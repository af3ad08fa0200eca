package dev.raut.spark;

import dev.raut.core.analysis.AnalysisRequest;
import dev.raut.core.analysis.ImageAnalysis;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Row;
import org.apache.spark.util.SerializableConfiguration;

/**
 * What one Spark task does with its share of the photos: analyse them one after another with the
 * executor's shared engine, streaming rows to the writer (never the whole share in memory).
 */
final class PhotoTask implements FlatMapFunction<Iterator<String>, Row> {
  private static final long serialVersionUID = 1L;
  private final AnalysisRequest request;
  private final String modelsDir;
  private final Broadcast<SerializableConfiguration> hadoopConf;
  private final JobCounters counters;
  private final ResultFormat format;
  private final List<PartitionColumn> partitionBy;

  PhotoTask(AnalysisRequest request, String modelsDir, Broadcast<SerializableConfiguration> hadoopConf,
      JobCounters counters, ResultFormat format, List<PartitionColumn> partitionBy) {
    this.request = request;
    this.modelsDir = modelsDir;
    this.hadoopConf = hadoopConf;
    this.counters = counters;
    this.format = format;
    this.partitionBy = List.copyOf(partitionBy);
  }

  @Override
  public Iterator<Row> call(Iterator<String> files) {
    ExecutorEngine.Ready engine = ExecutorEngine.prepare(modelsDir, request, counters.enginesLoaded);
    HadoopPhotos photos = new HadoopPhotos(hadoopConf.value().value(), ExecutorEngine.DECODER, engine.analyzer());
    // a document gives several rows: only its results wait here, one file at a time
    return new Iterator<>() {
      private Iterator<ImageAnalysis> pending = java.util.Collections.emptyIterator();

      @Override
      public boolean hasNext() {
        while (!pending.hasNext() && files.hasNext()) {
          pending = photos.analyzeAll(files.next(), engine.request()).iterator();
        }
        return pending.hasNext();
      }

      @Override
      public Row next() {
        if (!hasNext()) {
          throw new java.util.NoSuchElementException();
        }
        ImageAnalysis result = pending.next();
        counters.count(result);
        return format.row(result, partitionBy);
      }
    };
  }
}
