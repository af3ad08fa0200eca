package dev.raut.core.model;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;

/**
 * Unwraps TF.js models that a package ships as browserify bundles ({@code model.min.js},
 * {@code group1-shard1of2.min.js}, ...): each file is one module whose {@code exports} is the model
 * JSON written as a JS object literal, or a weight shard as one base64 string. Nothing is executed:
 * the literal is parsed as lenient JSON, so the result depends only on the (checksummed) bytes.
 */
public final class BundledTfjsUnwrapper {
  /** The single-module bundle: prefix up to the module's exports assignment, fixed suffix after it. */
  private static final String MODULE_START = "{1:[function(";
  private static final String SUFFIX = "},{}]},{},[1])(1)});";

  private static final ObjectMapper LENIENT = JsonMapper.builder()
      .enable(JsonReadFeature.ALLOW_UNQUOTED_FIELD_NAMES)
      .enable(JsonReadFeature.ALLOW_LEADING_DECIMAL_POINT_FOR_NUMBERS)
      .enable(JsonReadFeature.ALLOW_SINGLE_QUOTES)
      .build();
  private static final ObjectMapper STRICT = new ObjectMapper();

  private BundledTfjsUnwrapper() {}

  /**
   * Writes {@code model.json} and the weight shards it names (under the names it gives them) into
   * {@code outDir}; returns the model.json path. {@code modelFile} is the wrapped model, shards are
   * looked up next to it as {@code <path>.min.js}.
   */
  public static Path unwrap(Path modelFile, Path outDir) throws FetchException {
    JsonNode model = parseLiteral(exportsOf(modelFile), modelFile);
    Path dir = modelFile.toAbsolutePath().getParent();
    try {
      Files.createDirectories(outDir);
      for (JsonNode group : model.path("weightsManifest")) {
        for (JsonNode p : group.path("paths")) {
          String shard = p.asText();
          if (shard.contains("/") || shard.contains("\\") || shard.startsWith(".")) {
            throw new FetchException(modelFile.getFileName() + " names an unsafe weight shard path '" + shard + "'");
          }
          Path wrapped = dir.resolve(shard + ".min.js");
          String literal = exportsOf(wrapped);
          if (literal.length() < 2 || literal.charAt(0) != '"' || literal.charAt(literal.length() - 1) != '"') {
            throw new FetchException(wrapped.getFileName() + " does not export a base64 string");
          }
          byte[] bytes;
          try {
            bytes = Base64.getDecoder().decode(literal.substring(1, literal.length() - 1));
          } catch (IllegalArgumentException e) {
            throw new FetchException(wrapped.getFileName() + " holds invalid base64: " + e.getMessage(), e);
          }
          Files.write(outDir.resolve(shard), bytes);
        }
      }
      Path json = outDir.resolve("model.json");
      Files.write(json, STRICT.writeValueAsBytes(model));
      return json;
    } catch (IOException e) {
      throw new FetchException("Cannot write the unwrapped model to " + outDir + ": " + e.getMessage(), e);
    }
  }

  /** The text of the expression assigned to the bundle's single module's {@code exports}. */
  static String exportsOf(Path file) throws FetchException {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8).strip();
    } catch (IOException e) {
      throw new FetchException("Cannot read " + file + ": " + e.getMessage(), e);
    }
    int module = text.indexOf(MODULE_START);
    int assign = module < 0 ? -1 : text.indexOf(".exports=", module);
    if (assign < 0 || !text.endsWith(SUFFIX)) {
      throw new FetchException(file.getFileName() + " is not a single-module browserify bundle of a TF.js model");
    }
    return text.substring(assign + ".exports=".length(), text.length() - SUFFIX.length());
  }

  /** Minifiers write true and false as {@code !0} and {@code !1}; outside string literals only. */
  static String minifiedBooleans(String literal) {
    StringBuilder out = new StringBuilder(literal.length());
    char quote = 0;
    for (int i = 0; i < literal.length(); i++) {
      char c = literal.charAt(i);
      if (quote != 0) {
        out.append(c);
        if (c == '\\' && i + 1 < literal.length()) {
          out.append(literal.charAt(++i));
        } else if (c == quote) {
          quote = 0;
        }
      } else if (c == '"' || c == '\'') {
        quote = c;
        out.append(c);
      } else if (c == '!' && i + 1 < literal.length() && (literal.charAt(i + 1) == '0' || literal.charAt(i + 1) == '1')) {
        out.append(literal.charAt(++i) == '0' ? "true" : "false");
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }

  private static JsonNode parseLiteral(String literal, Path file) throws FetchException {
    try (JsonParser parser = LENIENT.createParser(minifiedBooleans(literal))) {
      JsonNode node = LENIENT.readTree(parser);
      if (parser.nextToken() != null || node == null || !node.isObject()) {
        throw new FetchException(file.getFileName() + " does not export one object literal");
      }
      return node;
    } catch (IOException e) {
      throw new FetchException(file.getFileName() + " exports something that is not a plain object literal: "
          + e.getMessage(), e);
    }
  }

}
