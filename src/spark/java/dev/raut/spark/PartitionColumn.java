package dev.raut.spark;

import dev.raut.core.analysis.ImageAnalysis;
import java.util.function.Function;
import org.apache.hadoop.fs.Path;

/** What the output can be partitioned by (one folder per value); a new way is one line here. */
enum PartitionColumn {
  /** "ok", or the error code of a photo that failed: the failures end up in their own folders. */
  status(result -> result.ok() ? "ok" : result.error().code()),
  /** The name of the folder the photo is in. */
  folder(result -> {
    Path parent = new Path(result.file()).getParent();
    return parent == null || parent.getName().isEmpty() ? "/" : parent.getName();
  });

  private final Function<ImageAnalysis, String> value;

  PartitionColumn(Function<ImageAnalysis, String> value) {
    this.value = value;
  }

  String valueOf(ImageAnalysis result) {
    return value.apply(result);
  }
}
