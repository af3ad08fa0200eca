package dev.raut.core.convert;

import dev.raut.core.convert.ConversionException.Reason;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A TensorFlow Lite model ({@code .tflite}) read from its flatbuffer, following the public TFLite
 * schema (file identifier {@code TFL3}): the main subgraph's tensors, operators, inputs and outputs,
 * the buffers holding the constants, and the operator codes. Every offset is checked against the
 * file's length, so a cut-short or damaged file is refused instead of read as garbage.
 */
final class TfliteModel {
  /** TensorType values of the schema. */
  static final int FLOAT32 = 0;
  static final int FLOAT16 = 1;
  static final int INT32 = 2;
  static final int UINT8 = 3;
  static final int INT64 = 4;
  static final int INT16 = 7;
  static final int INT8 = 9;

  record Tensor(int index, String name, int type, long[] shape, byte[] data, boolean quantized) {
    boolean constant() {
      return data != null && data.length > 0;
    }

    long elements() {
      long n = 1;
      for (long d : shape) {
        n *= d;
      }
      return n;
    }
  }

  /** One operator: its builtin code (or {@code CUSTOM} with {@code customCode}), tensor indices, options table. */
  record Operator(int index, int builtinCode, String customCode, int version, int[] inputs, int[] outputs,
      int optionsType, Table options) {}

  final String fileName;
  final long schemaVersion;
  final String description;
  final int subgraphCount;
  final List<Tensor> tensors;
  final List<Operator> operators;
  final int[] inputs;
  final int[] outputs;

  private TfliteModel(String fileName, long schemaVersion, String description, int subgraphCount, List<Tensor> tensors,
      List<Operator> operators, int[] inputs, int[] outputs) {
    this.fileName = fileName;
    this.schemaVersion = schemaVersion;
    this.description = description;
    this.subgraphCount = subgraphCount;
    this.tensors = tensors;
    this.operators = operators;
    this.inputs = inputs;
    this.outputs = outputs;
  }

  static TfliteModel read(Path file) throws ConversionException {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (IOException e) {
      throw new ConversionException(Reason.UNREADABLE, "Cannot read " + file + ": " + e.getMessage(), e);
    }
    return parse(file.getFileName().toString(), bytes);
  }

  static TfliteModel parse(String fileName, byte[] bytes) throws ConversionException {
    if (bytes.length < 8 || bytes[4] != 'T' || bytes[5] != 'F' || bytes[6] != 'L' || bytes[7] != '3') {
      throw new ConversionException(Reason.UNREADABLE, fileName + " is not a TensorFlow Lite model (no TFL3 mark).");
    }
    ByteBuffer buf = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    try {
      Table model = new Table(buf, deref(buf, 0));
      long version = model.uint(0, 0);
      List<Table> codes = model.tables(1);
      List<Table> subgraphs = model.tables(2);
      String description = model.string(3, "");
      List<Table> buffers = model.tables(4);
      if (subgraphs.isEmpty()) {
        throw new ConversionException(Reason.BAD_CONFIG, fileName + " holds no graph (no subgraphs).");
      }
      Table main = subgraphs.get(0);
      List<Table> tensorTables = main.tables(0);
      List<Tensor> tensors = new ArrayList<>();
      for (int i = 0; i < tensorTables.size(); i++) {
        Table t = tensorTables.get(i);
        int[] shapeInts = t.ints(0);
        long[] shape = new long[shapeInts.length];
        for (int d = 0; d < shape.length; d++) {
          shape[d] = shapeInts[d];
        }
        int type = t.int8(1, 0);
        long bufferIndex = t.uint(2, 0);
        String name = t.string(3, "tensor_" + i);
        Table q = t.table(4);
        boolean quantized = q != null && (q.vectorLength(2) > 0 || q.vectorLength(3) > 0 || q.has(5));
        byte[] data = null;
        if (bufferIndex > 0) {
          if (bufferIndex >= buffers.size()) {
            throw new ConversionException(Reason.BAD_CONFIG, fileName + ": tensor '" + name + "' refers to buffer "
                + bufferIndex + " of " + buffers.size());
          }
          Table b = buffers.get((int) bufferIndex);
          data = b.bytes(0);
          long offset = b.ulong(1, 0);
          long size = b.ulong(2, 0);
          if ((data == null || data.length == 0) && offset > 1) {
            if (offset + size > bytes.length) {
              throw new IndexOutOfBoundsException("buffer past the end");
            }
            data = java.util.Arrays.copyOfRange(bytes, (int) offset, (int) (offset + size));
          }
        }
        tensors.add(new Tensor(i, name, type, shape, data, quantized));
      }
      List<Operator> operators = new ArrayList<>();
      List<Table> opTables = main.tables(3);
      for (int i = 0; i < opTables.size(); i++) {
        Table op = opTables.get(i);
        long codeIndex = op.uint(0, 0);
        if (codeIndex >= codes.size()) {
          throw new ConversionException(Reason.BAD_CONFIG, fileName + ": operator " + i + " refers to operator code "
              + codeIndex + " of " + codes.size());
        }
        Table code = codes.get((int) codeIndex);
        int deprecated = code.int8(0, 0);
        int builtin = code.int32(3, 0);
        operators.add(new Operator(i, Math.max(deprecated, builtin), code.string(1, ""), code.int32(2, 1),
            op.ints(1), op.ints(2), op.uint8(3, 0), op.table(4)));
      }
      return new TfliteModel(fileName, version, description, subgraphs.size(), tensors, operators, main.ints(1),
          main.ints(2));
    } catch (IndexOutOfBoundsException | IllegalArgumentException | java.nio.BufferUnderflowException e) {
      throw new ConversionException(Reason.TRUNCATED, fileName + " is truncated or damaged: its contents point past"
          + " its end (" + bytes.length + " bytes). Copy or download it again.", e);
    }
  }

  private static int deref(ByteBuffer buf, int at) {
    long target = at + Integer.toUnsignedLong(buf.getInt(at));
    if (target >= buf.limit()) {
      throw new IndexOutOfBoundsException("offset past the end");
    }
    return (int) target;
  }

  /** A flatbuffer table: fields by their index in the schema, absent ones give the default. */
  static final class Table {
    private final ByteBuffer buf;
    private final int pos;
    private final int vtable;
    private final int vtableSize;

    Table(ByteBuffer buf, int pos) {
      this.buf = buf;
      this.pos = pos;
      this.vtable = pos - buf.getInt(pos);
      if (vtable < 0 || vtable + 4 > buf.limit()) {
        throw new IndexOutOfBoundsException("vtable past the end");
      }
      this.vtableSize = Short.toUnsignedInt(buf.getShort(vtable));
    }

    /** Absolute position of field {@code field}, or 0 when absent. */
    private int field(int field) {
      int entry = 4 + 2 * field;
      if (entry + 2 > vtableSize) {
        return 0;
      }
      int offset = Short.toUnsignedInt(buf.getShort(vtable + entry));
      return offset == 0 ? 0 : pos + offset;
    }

    boolean has(int field) {
      return field(field) != 0;
    }

    int int8(int field, int fallback) {
      int at = field(field);
      return at == 0 ? fallback : buf.get(at);
    }

    int uint8(int field, int fallback) {
      int at = field(field);
      return at == 0 ? fallback : Byte.toUnsignedInt(buf.get(at));
    }

    boolean bool(int field, boolean fallback) {
      int at = field(field);
      return at == 0 ? fallback : buf.get(at) != 0;
    }

    int int32(int field, int fallback) {
      int at = field(field);
      return at == 0 ? fallback : buf.getInt(at);
    }

    long uint(int field, long fallback) {
      int at = field(field);
      return at == 0 ? fallback : Integer.toUnsignedLong(buf.getInt(at));
    }

    long ulong(int field, long fallback) {
      int at = field(field);
      return at == 0 ? fallback : buf.getLong(at);
    }

    float float32(int field, float fallback) {
      int at = field(field);
      return at == 0 ? fallback : buf.getFloat(at);
    }

    Table table(int field) {
      int at = field(field);
      return at == 0 ? null : new Table(buf, deref(buf, at));
    }

    /** Start of a vector's elements (after its length), or -1 when absent. */
    private int vector(int field, int elementSize) {
      int at = field(field);
      if (at == 0) {
        return -1;
      }
      int start = deref(buf, at);
      long length = Integer.toUnsignedLong(buf.getInt(start));
      if (start + 4 + length * elementSize > buf.limit()) {
        throw new IndexOutOfBoundsException("vector past the end");
      }
      return start + 4;
    }

    int vectorLength(int field) {
      int start = vector(field, 0);
      return start < 0 ? 0 : buf.getInt(start - 4);
    }

    int[] ints(int field) {
      int start = vector(field, 4);
      if (start < 0) {
        return new int[0];
      }
      int[] out = new int[buf.getInt(start - 4)];
      for (int i = 0; i < out.length; i++) {
        out[i] = buf.getInt(start + 4 * i);
      }
      return out;
    }

    byte[] bytes(int field) {
      int start = vector(field, 1);
      if (start < 0) {
        return null;
      }
      byte[] out = new byte[buf.getInt(start - 4)];
      buf.get(start, out);
      return out;
    }

    String string(int field, String fallback) {
      byte[] b = bytes(field);
      return b == null ? fallback : new String(b, java.nio.charset.StandardCharsets.UTF_8);
    }

    List<Table> tables(int field) {
      int start = vector(field, 4);
      List<Table> out = new ArrayList<>();
      if (start < 0) {
        return out;
      }
      int n = buf.getInt(start - 4);
      for (int i = 0; i < n; i++) {
        out.add(new Table(buf, deref(buf, start + 4 * i)));
      }
      return out;
    }
  }
}
