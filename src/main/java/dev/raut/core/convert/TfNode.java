package dev.raut.core.convert;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/** One node of a TF.js graph model, with readers for its attributes as model.json encodes them. */
record TfNode(String name, String op, List<String> inputs, JsonNode attrs) {

  /** Data inputs (control dependencies like {@code ^name} dropped), as node names. */
  List<String> dataInputs() throws ConversionException {
    List<String> names = new ArrayList<>();
    for (String input : inputs) {
      if (input.startsWith("^")) {
        continue;
      }
      int colon = input.lastIndexOf(':');
      if (colon >= 0) {
        if (!input.substring(colon + 1).equals("0")) {
          throw new UnsupportedOpException(op, name, "reads output " + input + "; only single-output producers are supported");
        }
        input = input.substring(0, colon);
      }
      names.add(input);
    }
    return names;
  }

  boolean has(String attr) {
    return attrs.has(attr);
  }

  /** String attributes are base64 in model.json. */
  String string(String attr, String fallback) {
    JsonNode s = attrs.path(attr).path("s");
    return s.isMissingNode() ? fallback : new String(Base64.getDecoder().decode(s.asText()), StandardCharsets.UTF_8);
  }

  List<String> strings(String attr) {
    List<String> values = new ArrayList<>();
    for (JsonNode s : attrs.path(attr).path("list").path("s")) {
      values.add(new String(Base64.getDecoder().decode(s.asText()), StandardCharsets.UTF_8));
    }
    return values;
  }

  /** Integer list attribute; empty if absent. */
  long[] ints(String attr) {
    JsonNode list = attrs.path(attr).path("list").path("i");
    long[] values = new long[list.size()];
    for (int i = 0; i < values.length; i++) {
      values[i] = list.get(i).asLong();
    }
    return values;
  }

  long integer(String attr, long fallback) {
    JsonNode i = attrs.path(attr).path("i");
    return i.isMissingNode() ? fallback : i.asLong();
  }

  boolean bool(String attr, boolean fallback) {
    JsonNode b = attrs.path(attr).path("b");
    return b.isMissingNode() ? fallback : b.asBoolean();
  }

  float real(String attr, float fallback) {
    JsonNode f = attrs.path(attr).path("f");
    return f.isMissingNode() ? fallback : (float) f.asDouble();
  }

  String type(String attr) {
    return attrs.path(attr).path("type").asText("");
  }

  /** A shape attribute; unknown dimensions are -1. Null if the rank is unknown. */
  long[] shape(String attr) {
    JsonNode shape = attrs.path(attr).path("shape");
    if (shape.path("unknownRank").asBoolean(false)) {
      return null;
    }
    JsonNode dims = shape.path("dim");
    long[] values = new long[dims.size()];
    for (int i = 0; i < values.length; i++) {
      values[i] = dims.get(i).path("size").asLong(-1);
    }
    return values;
  }

  UnsupportedOpException unsupported(String detail) {
    return new UnsupportedOpException(op, name, detail);
  }
}
