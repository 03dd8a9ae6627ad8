package io.agentic.platform.router.logging;

import static io.agentic.platform.router.logging.JsonLine.name;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

class JsonLineTest {

  private static JsonLine line() {
    return new JsonLine().begin();
  }

  @Test
  void writesMembersInOrderWithNestedObjects() {
    String text =
        line()
            .add(name("a"), "x")
            .beginObject(name("inner"))
            .add(name("b"), "y")
            .addQuoted(name("n"), -42)
            .endObject()
            .add(name("after"), null)
            .beginObject(name("empty"))
            .endObject()
            .end()
            .toString();
    assertEquals(
        "{\"a\":\"x\",\"inner\":{\"b\":\"y\",\"n\":\"-42\"},\"after\":null,\"empty\":{}}", text);
  }

  @Test
  void escapesQuotesAndBackslashes() {
    String text = line().add(name("v"), "say \"hi\" \\ bye").end().toString();
    assertEquals("{\"v\":\"say \\\"hi\\\" \\\\ bye\"}", text);
  }

  @Test
  void escapesEveryControlCharacterAndDelete() {
    String text = line().add(name("v"), "a\nb\rc\td\be\ff\u0000g\u001fh\u007f").end().toString();
    assertEquals("{\"v\":\"a\\nb\\rc\\td\\be\\ff\\u0000g\\u001fh\\u007f\"}", text);
  }

  @Test
  void escapesNonAsciiSoTheLineIsPlainAscii() {
    // e with acute accent, a CJK character, and an emoji outside the Basic Multilingual Plane.
    String value = "caf\u00e9 \u4e2d \ud83d\ude00";
    String text = line().add(name("v"), value).end().toString();
    assertEquals("{\"v\":\"caf\\u00e9 \\u4e2d \\ud83d\\ude00\"}", text);
    assertTrue(text.chars().allMatch(c -> c >= 0x20 && c < 0x7f), text);
    assertEquals(value, new JsonObject(text).getString("v"));
  }

  @Test
  void escapesNamesAsWellAsValues() {
    String text = line().add(name("a\"b"), "c").end().toString();
    assertEquals("c", new JsonObject(text).getString("a\"b"));
  }

  @Test
  void hostileValuesRoundTripThroughAJsonParser() {
    String hostile = "\"}],\"injected\":\"yes\u2028\u2029\ud800 \\u0041";
    JsonObject parsed =
        new JsonObject(line().add(name("path"), hostile).add(name("next"), "ok").end().toString());
    assertEquals(hostile, parsed.getString("path"));
    assertEquals("ok", parsed.getString("next"));
    assertEquals(2, parsed.size());
  }

  @Test
  void writesNumbersOfEverySizeAndSign() {
    String text =
        line()
            .addQuoted(name("zero"), 0)
            .addQuoted(name("negative"), -7)
            .addQuoted(name("max"), Long.MAX_VALUE)
            .addQuoted(name("min"), Long.MIN_VALUE)
            .end()
            .toString();
    assertEquals(
        "{\"zero\":\"0\",\"negative\":\"-7\",\"max\":\"9223372036854775807\","
            + "\"min\":\"-9223372036854775808\"}",
        text);
  }

  @Test
  void beginDiscardsThePreviousLineAndLongLinesGrowTheBuffer() {
    JsonLine line = new JsonLine();
    // Escapes at the end of a value that just fits need more room than the value's length.
    String escapedTail = "y".repeat(500) + "\u00e9\u00e9\u00e9\n";
    line.begin().add(name("w"), escapedTail).end();
    assertEquals(escapedTail, new JsonObject(line.toString()).getString("w"));
    String longValue = "x".repeat(5000);
    line.begin().add(name("v"), longValue).end();
    assertEquals(longValue, new JsonObject(line.toString()).getString("v"));
    line.begin().add(name("short"), "s").end();
    assertEquals("{\"short\":\"s\"}", line.toString());
    assertEquals(line.toString().length(), line.length());
  }
}
