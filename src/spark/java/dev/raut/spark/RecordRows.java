package dev.raut.spark;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import scala.jdk.javaapi.CollectionConverters;

/**
 * Spark's form of a result record, read off the record's components: nested records become structs,
 * lists arrays, maps maps. A field added to {@code ImageAnalysis} or one of its parts becomes a
 * Parquet column with no change here, under the name and in the order the JSON uses.
 */
final class RecordRows {
  private RecordRows() {}

  static StructType schema(Class<?> record) {
    List<StructField> fields = new ArrayList<>();
    for (RecordComponent c : components(record)) {
      fields.add(DataTypes.createStructField(c.getName(), typeOf(c.getGenericType()), true));
    }
    return DataTypes.createStructType(fields);
  }

  static Row row(Record value) {
    return RowFactory.create(values(value));
  }

  /** The record's fields in Spark's form, in schema order. */
  static Object[] values(Record value) {
    RecordComponent[] components = components(value.getClass());
    Object[] values = new Object[components.length];
    for (int i = 0; i < components.length; i++) {
      try {
        values[i] = sparkValue(components[i].getAccessor().invoke(value));
      } catch (IllegalAccessException | InvocationTargetException e) {
        throw new IllegalStateException("Cannot read " + components[i].getName() + " of " + value.getClass(), e);
      }
    }
    return values;
  }

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

  private static Object sparkValue(Object value) {
    if (value instanceof Record r) {
      return row(r);
    }
    // a Row's arrays and maps are Scala collections (Spark's row encoder checks)
    if (value instanceof List<?> list) {
      List<Object> out = new ArrayList<>(list.size());
      list.forEach(v -> out.add(sparkValue(v)));
      return CollectionConverters.asScala(out);
    }
    if (value instanceof Map<?, ?> map) {
      Map<Object, Object> out = new LinkedHashMap<>();
      map.forEach((k, v) -> out.put(k, sparkValue(v)));
      return CollectionConverters.asScala(out);
    }
    return value;
  }

  private static RecordComponent[] components(Class<?> record) {
    return COMPONENTS.get(record);
  }

  /** A record's components in its JSON order ({@code @JsonPropertyOrder}), looked up once per class. */
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
      JsonPropertyOrder order = record.getAnnotation(JsonPropertyOrder.class);
      if (order != null) {
        List<String> names = List.of(order.value());
        Arrays.sort(components, Comparator.comparingInt(c -> names.contains(c.getName())
            ? names.indexOf(c.getName()) : names.size()));
      }
      return components;
    }
  };
}
