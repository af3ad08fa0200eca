package dev.raut.spark;

import dev.raut.core.analysis.ImageAnalysis;
import java.io.Serializable;
import java.util.Map;
import org.apache.spark.SparkContext;
import org.apache.spark.util.LongAccumulator;

/**
 * The job's counts as named Spark accumulators, so they move in the UI's stage pages while the job
 * runs and make the summary at the end. A task that Spark retries counts its photos again; the
 * output itself never holds a retried task's rows twice.
 */
final class JobCounters implements Serializable {
  private static final long serialVersionUID = 1L;
  final LongAccumulator photos;
  final LongAccumulator faces;
  final LongAccumulator enginesLoaded;
  final CountsByCode errors = new CountsByCode();

  JobCounters(SparkContext sc) {
    photos = sc.longAccumulator("raut: photos");
    faces = sc.longAccumulator("raut: faces");
    enginesLoaded = sc.longAccumulator("raut: engines loaded");
    sc.register(errors, "raut: errors by code");
  }

  void count(ImageAnalysis result) {
    photos.add(1);
    faces.add(result.faces().size());
    if (!result.ok()) {
      errors.add(result.error().code());
    }
  }

  /** What the job did, for the summary and for tests. */
  record Summary(long listed, long skipped, long photos, long faces, Map<String, Long> errors, long enginesLoaded,
      double seconds) {
    long errorCount() {
      return errors.values().stream().mapToLong(Long::longValue).sum();
    }
  }

  Summary summary(long listed, long skipped, double seconds) {
    return new Summary(listed, skipped, photos.value(), faces.value(), Map.copyOf(errors.value()), enginesLoaded.value(),
        seconds);
  }
}
