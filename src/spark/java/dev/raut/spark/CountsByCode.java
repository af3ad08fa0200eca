package dev.raut.spark;

import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.util.AccumulatorV2;

/** A Spark accumulator of counts by name (error codes), shown in the UI as {code=count, ...}. */
final class CountsByCode extends AccumulatorV2<String, Map<String, Long>> {
  private static final long serialVersionUID = 1L;
  private final TreeMap<String, Long> counts = new TreeMap<>();

  @Override
  public boolean isZero() {
    return counts.isEmpty();
  }

  @Override
  public CountsByCode copy() {
    CountsByCode copy = new CountsByCode();
    copy.counts.putAll(counts);
    return copy;
  }

  @Override
  public void reset() {
    counts.clear();
  }

  @Override
  public void add(String code) {
    counts.merge(code, 1L, Long::sum);
  }

  @Override
  public void merge(AccumulatorV2<String, Map<String, Long>> other) {
    other.value().forEach((code, n) -> counts.merge(code, n, Long::sum));
  }

  @Override
  public Map<String, Long> value() {
    return java.util.Collections.unmodifiableMap(counts);
  }
}
