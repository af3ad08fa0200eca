package dev.raut.core.convert;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * A minimal TensorFlow Lite flatbuffer writer for tests, written from the public schema (not from
 * the reader): objects are laid out front to back, each table's vtable just before it, every child
 * (table, vector, string) after its parent so all offsets point forward. Each scalar field takes a
 * 4-byte little-endian slot (a byte field is its slot's low byte), which the flatbuffer format allows.
 */
final class TfliteTestWriter {
  // ------------------------------------------------------------ generic flatbuffer objects

  interface Node {}

  /** A table: field index → Integer / Float / Boolean scalar, or a child {@link Node}. */
  static final class Table implements Node {
    final TreeMap<Integer, Object> fields = new TreeMap<>();

    Table put(int field, Object value) {
      fields.put(field, value);
      return this;
    }
  }

  record IntVector(int[] values) implements Node {}

  record ByteVector(byte[] values) implements Node {}

  record Str(String value) implements Node {}

  record TableVector(List<Table> tables) implements Node {}

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final List<int[]> patches = new ArrayList<>(); // {slot position, target position}

  static byte[] serialize(Table root, String identifier) {
    TfliteTestWriter w = new TfliteTestWriter();
    w.int32(0); // root offset, patched
    w.out.writeBytes(identifier.getBytes(StandardCharsets.US_ASCII));
    int rootPos = w.table(root);
    byte[] bytes = w.out.toByteArray();
    ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    b.putInt(0, rootPos);
    for (int[] p : w.patches) {
      b.putInt(p[0], p[1] - p[0]);
    }
    return bytes;
  }

  private int pos() {
    return out.size();
  }

  private void int32(int v) {
    out.write(v & 0xff);
    out.write((v >>> 8) & 0xff);
    out.write((v >>> 16) & 0xff);
    out.write((v >>> 24) & 0xff);
  }

  private void int16(int v) {
    out.write(v & 0xff);
    out.write((v >>> 8) & 0xff);
  }

  private void align4() {
    while (pos() % 4 != 0) {
      out.write(0);
    }
  }

  /** Writes the table (vtable first) and then its children; returns the table's position. */
  private int table(Table t) {
    align4();
    int maxField = t.fields.isEmpty() ? -1 : t.fields.lastKey();
    int vtablePos = pos();
    int slots = t.fields.size();
    int vtableSize = 4 + 2 * (maxField + 1);
    int[] slotOf = new int[maxField + 1];
    int k = 0;
    for (int f = 0; f <= maxField; f++) {
      slotOf[f] = t.fields.containsKey(f) ? 4 + 4 * k++ : 0;
    }
    int16(vtableSize);
    int16(4 + 4 * slots);
    for (int f = 0; f <= maxField; f++) {
      int16(slotOf[f]);
    }
    align4();
    int tablePos = pos();
    int32(tablePos - vtablePos); // soffset: vtable = table - soffset
    List<Object[]> children = new ArrayList<>();
    for (var e : t.fields.entrySet()) {
      Object v = e.getValue();
      if (v instanceof Integer i) {
        int32(i);
      } else if (v instanceof Float fl) {
        int32(Float.floatToRawIntBits(fl));
      } else if (v instanceof Boolean bo) {
        int32(bo ? 1 : 0);
      } else {
        children.add(new Object[] {pos(), v});
        int32(0);
      }
    }
    for (Object[] c : children) {
      patches.add(new int[] {(int) c[0], node((Node) c[1])});
    }
    return tablePos;
  }

  private int node(Node n) {
    align4();
    int at = pos();
    if (n instanceof Table t) {
      return table(t);
    } else if (n instanceof IntVector v) {
      int32(v.values().length);
      for (int x : v.values()) {
        int32(x);
      }
    } else if (n instanceof ByteVector v) {
      int32(v.values().length);
      out.writeBytes(v.values());
    } else if (n instanceof Str s) {
      byte[] b = s.value().getBytes(StandardCharsets.UTF_8);
      int32(b.length);
      out.writeBytes(b);
      out.write(0);
    } else if (n instanceof TableVector v) {
      int32(v.tables().size());
      int first = pos();
      for (int i = 0; i < v.tables().size(); i++) {
        int32(0);
      }
      for (int i = 0; i < v.tables().size(); i++) {
        patches.add(new int[] {first + 4 * i, table(v.tables().get(i))});
      }
    }
    return at;
  }

  // ------------------------------------------------------------ a TFLite model on top

  /** Builds one-subgraph TFLite models: tensors, constant buffers, operator codes, operators. */
  static final class Model {
    private final List<Table> tensors = new ArrayList<>();
    private final List<Table> buffers = new ArrayList<>(List.of(new Table()));
    private final List<Integer> codes = new ArrayList<>();
    private final List<Table> operators = new ArrayList<>();

    int activation(String name, int... shape) {
      return tensor(name, 0, shape, 0, null);
    }

    int floats(String name, float[] values, int... shape) {
      ByteBuffer b = ByteBuffer.allocate(4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
      b.asFloatBuffer().put(values);
      return constant(name, 0, shape, b.array(), null);
    }

    int int32s(String name, int[] values, int... shape) {
      ByteBuffer b = ByteBuffer.allocate(4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
      b.asIntBuffer().put(values);
      return constant(name, 2, shape, b.array(), null);
    }

    /** A tensor of any type with raw data and optional quantisation (scale, zero point). */
    int constant(String name, int type, int[] shape, byte[] data, float[] scaleAndZero) {
      buffers.add(new Table().put(0, new ByteVector(data)));
      return tensor(name, type, shape, buffers.size() - 1, scaleAndZero);
    }

    int tensor(String name, int type, int[] shape, int buffer, float[] scaleAndZero) {
      Table t = new Table().put(0, new IntVector(shape)).put(1, type).put(2, buffer).put(3, new Str(name));
      if (scaleAndZero != null) {
        // QuantizationParameters: scale [float] (2); zero_point [long] (3) left out
        t.put(4, new Table().put(2, new IntVector(new int[] {Float.floatToRawIntBits(scaleAndZero[0])})));
      }
      tensors.add(t);
      return tensors.size() - 1;
    }

    void op(int builtinCode, int[] inputs, int[] outputs, int optionsType, Table options) {
      int code = codes.indexOf(builtinCode);
      if (code < 0) {
        codes.add(builtinCode);
        code = codes.size() - 1;
      }
      Table op = new Table().put(0, code).put(1, new IntVector(inputs)).put(2, new IntVector(outputs));
      if (options != null) {
        op.put(3, optionsType).put(4, options);
      }
      operators.add(op);
    }

    byte[] build(int[] inputs, int[] outputs) {
      List<Table> opcodes = new ArrayList<>();
      for (int c : codes) {
        // deprecated_builtin_code (0) is a byte: capped at 127 as the converter does; builtin_code (3)
        opcodes.add(new Table().put(0, Math.min(c, 127)).put(2, 1).put(3, c));
      }
      Table subgraph = new Table().put(0, new TableVector(tensors)).put(1, new IntVector(inputs))
          .put(2, new IntVector(outputs)).put(3, new TableVector(operators)).put(4, new Str("main"));
      Table model = new Table().put(0, 3).put(1, new TableVector(opcodes)).put(2, new TableVector(List.of(subgraph)))
          .put(3, new Str("Raut test writer")).put(4, new TableVector(buffers));
      return serialize(model, "TFL3");
    }
  }
}
