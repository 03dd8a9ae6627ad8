package io.agentic.platform.router.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

class JsonLineTest {

  private static JsonLine line() {
    return new JsonLine(new StringBuilder());
  }

  @Test
  void writesMembersInOrderWithNestedObjects() {
    String text =
        line()
            .add("a", "x")
            .beginObject("inner")
            .add("b", "y")
            .addQuoted("n", -42)
            .endObject()
            .add("after", null)
            .beginObject("empty")
            .endObject()
            .end();
    assertEquals(
        "{\"a\":\"x\",\"inner\":{\"b\":\"y\",\"n\":\"-42\"},\"after\":null,\"empty\":{}}", text);
  }

  @Test
  void escapesQuotesAndBackslashes() {
    String text = line().add("v", "say \"hi\" \\ bye").end();
    assertEquals("{\"v\":\"say \\\"hi\\\" \\\\ bye\"}", text);
  }

  @Test
  void escapesEveryControlCharacterAndDelete() {
    String text = line().add("v", "a\nb\rc\td\be\ff\u0000g\u001fh\u007f").end();
    assertEquals("{\"v\":\"a\\nb\\rc\\td\\be\\ff\\u0000g\\u001fh\\u007f\"}", text);
  }

  @Test
  void escapesNonAsciiSoTheLineIsPlainAscii() {
    // e with acute accent, a CJK character, and an emoji outside the Basic Multilingual Plane.
    String value = "caf\u00e9 \u4e2d \ud83d\ude00";
    String text = line().add("v", value).end();
    assertEquals("{\"v\":\"caf\\u00e9 \\u4e2d \\ud83d\\ude00\"}", text);
    assertTrue(text.chars().allMatch(c -> c >= 0x20 && c < 0x7f), text);
    assertEquals(value, new JsonObject(text).getString("v"));
  }

  @Test
  void escapesNamesAsWellAsValues() {
    String text = line().add("a\"b", "c").end();
    assertEquals("c", new JsonObject(text).getString("a\"b"));
  }

  @Test
  void hostileValuesRoundTripThroughAJsonParser() {
    String hostile = "\"}],\"injected\":\"yes\u2028\u2029\ud800 \\u0041";
    JsonObject parsed = new JsonObject(line().add("path", hostile).add("next", "ok").end());
    assertEquals(hostile, parsed.getString("path"));
    assertEquals("ok", parsed.getString("next"));
    assertEquals(2, parsed.size());
  }
}
