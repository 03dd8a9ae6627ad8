package io.agentic.platform.router.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RoutingHeadersTest {

  /** The label grammar as Kubernetes writes it, to compare the hand-written check with. */
  private static final Pattern DNS_1123_LABEL =
      Pattern.compile("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?");

  @ParameterizedTest
  @ValueSource(
      strings = {
        "a",
        "0",
        "echo",
        "team-a",
        "a-b-c",
        "a--b",
        "9lives",
        "x1",
        "",
        "-",
        "-a",
        "a-",
        "A",
        "Echo",
        "team_a",
        "team.a",
        "caf\u00e9",
        " a",
        "a ",
        "a\u0000"
      })
  void acceptsExactlyTheDns1123Labels(String value) {
    assertEquals(
        DNS_1123_LABEL.matcher(value).matches(),
        RoutingHeaders.isDns1123Label(value),
        "'" + value + "'");
  }

  @Test
  void allowsAtMostSixtyThreeCharacters() {
    assertTrue(RoutingHeaders.isDns1123Label("a".repeat(63)));
    assertFalse(RoutingHeaders.isDns1123Label("a".repeat(64)));
    assertTrue(RoutingHeaders.isDns1123Label("a" + "-".repeat(61) + "b"));
  }
}
