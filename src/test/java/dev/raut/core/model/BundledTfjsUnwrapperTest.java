package dev.raut.core.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BundledTfjsUnwrapperTest {
  private static final String PREFIX = "!function(t){module.exports=t()}(function(){return function t(e,a,l){return 1}({1:[function(t,e,a){e.exports=";
  private static final String SUFFIX = "},{}]},{},[1])(1)});";

  @Test
  void unwrapsModelLiteralAndBase64Shards(@TempDir Path dir) throws Exception {
    byte[] weights = {1, 2, 3, (byte) 250};
    Files.writeString(dir.resolve("model.min.js"), PREFIX
        + "{format:\"graph-model\",flag:!0,off:!1,text:\"a !0 'b'\",w:{min:-.5,scale:.25},"
        + "weightsManifest:[{paths:[\"group1-shard1of1\"],weights:[]}]}" + SUFFIX);
    Files.writeString(dir.resolve("group1-shard1of1.min.js"),
        PREFIX.replace("e.exports", "m.exports") + "\"" + Base64.getEncoder().encodeToString(weights) + "\"" + SUFFIX);
    Path json = BundledTfjsUnwrapper.unwrap(dir.resolve("model.min.js"), dir.resolve("out"));
    JsonNode model = new ObjectMapper().readTree(json.toFile());
    assertEquals("graph-model", model.path("format").asText());
    assertTrue(model.path("flag").asBoolean());
    assertEquals(false, model.path("off").asBoolean(true));
    assertEquals("a !0 'b'", model.path("text").asText(), "strings are left alone");
    assertEquals(-0.5, model.path("w").path("min").asDouble());
    assertArrayEquals(weights, Files.readAllBytes(dir.resolve("out/group1-shard1of1")));
  }

  @Test
  void refusesFilesThatAreNotSingleModuleBundles(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("model.min.js"), "console.log('hello')");
    FetchException e = assertThrows(FetchException.class,
        () -> BundledTfjsUnwrapper.unwrap(dir.resolve("model.min.js"), dir.resolve("out")));
    assertTrue(e.getMessage().contains("browserify"), e.getMessage());
  }

  @Test
  void refusesCodeInsteadOfALiteral(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("model.min.js"), PREFIX + "require('fs').readFileSync('x')" + SUFFIX);
    assertThrows(FetchException.class, () -> BundledTfjsUnwrapper.unwrap(dir.resolve("model.min.js"), dir.resolve("out")));
  }
}
