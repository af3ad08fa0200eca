package dev.raut.spark;

import java.io.IOException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.DataFrameReader;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;

/**
 * The output folder: written through Spark's committer, so a job that dies leaves only its
 * {@code _temporary} folder (which readers ignore), never half a file; read back for {@code --skip-done}.
 */
final class ResultOutput {
  private final SparkSession spark;
  private final String dir;
  private final ResultFormat format;
  private final List<PartitionColumn> partitionBy;

  ResultOutput(SparkSession spark, String dir, ResultFormat format, List<PartitionColumn> partitionBy) {
    this.spark = spark;
    this.dir = dir;
    this.format = format;
    this.partitionBy = List.copyOf(partitionBy);
  }

  boolean exists() throws IOException {
    Path path = new Path(dir);
    FileSystem fs = path.getFileSystem(spark.sparkContext().hadoopConfiguration());
    return fs.exists(path);
  }

  /** The {@code file} of every photo already in the output, of either format. */
  Set<String> doneFiles() {
    DataFrameReader reader = spark.read().schema("file STRING");
    Dataset<Row> done = format == ResultFormat.json ? reader.json(dir) : reader.parquet(dir);
    Set<String> files = new HashSet<>();
    done.select("file").toLocalIterator().forEachRemaining(row -> files.add(row.getString(0)));
    return files;
  }

  void write(JavaRDD<Row> rows, SaveMode mode) {
    spark.createDataFrame(rows, format.schema(partitionBy)).write()
        .mode(mode)
        .partitionBy(partitionBy.stream().map(Enum::name).toArray(String[]::new))
        .format(format.sparkSource())
        .save(dir);
  }
}
