package dev.raut.spark;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.JsonNode;
import dev.raut.core.analysis.ResultJson;
import dev.raut.core.geometry.Box;
import dev.raut.core.geometry.Point;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.MapType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import scala.jdk.javaapi.CollectionConverters;

/**
 * Spark's form of a result record. The schema is read off the record's components (nested records
 * become structs, lists arrays, maps maps; boxes and points arrays of numbers, as in the JSON), in
 * the JSON's order; the values are read off the record's JSON ({@link ResultJson}), so a row rounds
 * and names exactly as {@code raut analyze} writes. A field added to {@code ImageAnalysis} or one of
 * its parts becomes a Parquet column with no change here.
 */
final class RecordRows {
  private static final DataType NUMBERS = DataTypes.createArrayType(DataTypes.DoubleType, true);

  private RecordRows() {}

  static StructType schema(Class<?> record) {
    List<StructField> fields = new ArrayList<>();
    for (RecordComponent c : components(record)) {
      fields.add(DataTypes.createStructField(c.getName(), typeOf(c.getGenericType()), true));
    }
    return DataTypes.createStructType(fields);
  }

  /** The record's fields in Spark's form, in schema order. */
  static Object[] values(Record value) {
    return structValues(ResultJson.mapper().valueToTree(value), SCHEMAS.get(value.getClass()));
  }

  private static final ClassValue<StructType> SCHEMAS = new ClassValue<>() {
    @Override
    protected StructType computeValue(Class<?> record) {
      return schema(record);
    }
  };

  private static DataType typeOf(Type type) {
    if (type == String.class) {
      return DataTypes.StringType;
    }
    if (type == int.class || type == Integer.class) {
      return DataTypes.IntegerType;
    }
    if (type == long.class || type == Long.class) {
      return DataTypes.LongType;
    }
    if (type == double.class || type == Double.class) {
      return DataTypes.DoubleType;
    }
    if (type == boolean.class || type == Boolean.class) {
      return DataTypes.BooleanType;
    }
    if (type == Box.class || type == Point.class) {
      return NUMBERS;
    }
    if (type instanceof ParameterizedType p && p.getRawType() == List.class) {
      return DataTypes.createArrayType(typeOf(p.getActualTypeArguments()[0]), true);
    }
    if (type instanceof ParameterizedType p && p.getRawType() == Map.class) {
      return DataTypes.createMapType(typeOf(p.getActualTypeArguments()[0]), typeOf(p.getActualTypeArguments()[1]), true);
    }
    if (type instanceof Class<?> c && c.isRecord()) {
      return schema(c);
    }
    throw new IllegalArgumentException("No Spark column type for " + type.getTypeName());
  }

  private static Object[] structValues(JsonNode node, StructType type) {
    StructField[] fields = type.fields();
    Object[] values = new Object[fields.length];
    for (int i = 0; i < fields.length; i++) {
      values[i] = sparkValue(node.get(fields[i].name()), fields[i].dataType());
    }
    return values;
  }

  /** A JSON value as Spark's row encoder wants it: rows for structs, Scala collections for arrays and maps. */
  private static Object sparkValue(JsonNode node, DataType type) {
    if (type instanceof ArrayType array) {
      // the JSON leaves out a list nothing was asked for (a face's classes): an empty array here
      List<Object> out = new ArrayList<>();
      if (node != null && !node.isNull()) {
        node.forEach(element -> out.add(sparkValue(element, array.elementType())));
      }
      return CollectionConverters.asScala(out);
    }
    if (node == null || node.isNull()) {
      return null;
    }
    if (type instanceof StructType struct) {
      return RowFactory.create(structValues(node, struct));
    }
    if (type instanceof MapType map) {
      Map<Object, Object> out = new LinkedHashMap<>();
      for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        out.put(e.getKey(), sparkValue(e.getValue(), map.valueType()));
      }
      return CollectionConverters.asScala(out);
    }
    if (type == DataTypes.StringType) {
      return node.asText();
    }
    if (type == DataTypes.IntegerType) {
      return node.intValue();
    }
    if (type == DataTypes.LongType) {
      return node.longValue();
    }
    if (type == DataTypes.DoubleType) {
      return node.doubleValue();
    }
    if (type == DataTypes.BooleanType) {
      return node.booleanValue();
    }
    throw new IllegalArgumentException("No Spark value for " + type);
  }

  private static RecordComponent[] components(Class<?> record) {
    return COMPONENTS.get(record);
  }

  /** A record's components in its JSON order ({@code @JsonPropertyOrder} of its wire form), looked up once per class. */
  private static final ClassValue<RecordComponent[]> COMPONENTS = new ClassValue<>() {
    @Override
    protected RecordComponent[] computeValue(Class<?> record) {
      RecordComponent[] all = record.getRecordComponents();
      if (all == null) {
        throw new IllegalArgumentException(record + " is not a record");
      }
      // what JSON leaves out is no column either (an error's text key beside its message)
      RecordComponent[] components = Arrays.stream(all)
          .filter(c -> !c.getAccessor().isAnnotationPresent(JsonIgnore.class)).toArray(RecordComponent[]::new);
      Class<?> wire = ResultJson.mapper().getSerializationConfig().findMixInClassFor(record);
      JsonPropertyOrder order = (wire != null ? wire : record).getAnnotation(JsonPropertyOrder.class);
      if (order != null) {
        List<String> names = List.of(order.value());
        Arrays.sort(components, Comparator.comparingInt(c -> names.contains(c.getName())
            ? names.indexOf(c.getName()) : names.size()));
      }
      return components;
    }
  };
}
