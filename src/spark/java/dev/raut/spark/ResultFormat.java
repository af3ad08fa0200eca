package dev.raut.spark;

import dev.raut.core.analysis.ImageAnalysis;
import dev.raut.core.analysis.ResultJson;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * How results are written: {@code json} is raut analyze's JSON Lines, byte for byte, one line per
 * photo; {@code parquet} has the same fields as columns (faces, objects and classes nested).
 * Partition columns come last and become folders (status=ok/...).
 */
enum ResultFormat {
  json("text"), parquet("parquet");

  private static final StructType RESULT = RecordRows.schema(ImageAnalysis.class);
  private final String sparkSource;

  ResultFormat(String sparkSource) {
    this.sparkSource = sparkSource;
  }

  String sparkSource() {
    return sparkSource;
  }

  StructType schema(List<PartitionColumn> partitionBy) {
    List<StructField> fields = new ArrayList<>();
    if (this == json) {
      fields.add(DataTypes.createStructField("value", DataTypes.StringType, false));
    } else {
      fields.addAll(List.of(RESULT.fields()));
    }
    partitionBy.forEach(c -> fields.add(DataTypes.createStructField(c.name(), DataTypes.StringType, false)));
    return DataTypes.createStructType(fields);
  }

  Row row(ImageAnalysis result, List<PartitionColumn> partitionBy) {
    List<Object> values = new ArrayList<>();
    if (this == json) {
      values.add(ResultJson.line(result));
    } else {
      values.addAll(java.util.Arrays.asList(RecordRows.values(result)));
    }
    partitionBy.forEach(c -> values.add(c.valueOf(result)));
    return RowFactory.create(values.toArray());
  }
}
