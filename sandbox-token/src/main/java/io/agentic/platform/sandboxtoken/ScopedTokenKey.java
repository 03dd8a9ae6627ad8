package io.agentic.platform.sandboxtoken;

import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/**
 * An HMAC key that signs scoped tokens, with the id that tokens name so the router knows which of
 * its keys (current or previous, while keys rotate) to check them with. The router and every minter
 * must hold the same key under the same id.
 */
public final class ScopedTokenKey {

  /** Shorter keys make HMAC-SHA256 guessable; 32 bytes matches the hash size. */
  public static final int MIN_BYTES = 32;

  /** The id of a key nobody named, on the router and in every minter alike. */
  public static final String DEFAULT_ID = "k1";

  /** A DNS-label-like id: it sits between the dots of a token, so it never contains one. */
  private static final Pattern ID = Pattern.compile("[a-z0-9]([-a-z0-9]{0,30}[a-z0-9])?");

  private final String id;
  private final byte[] bytes;

  private ScopedTokenKey(String id, byte[] bytes) {
    this.id = id;
    this.bytes = bytes;
  }

  /**
   * The key {@code id} from its configured text (UTF-8).
   *
   * @throws IllegalArgumentException when the id is not 1 to 32 lower-case letters, digits and '-',
   *     or the key is missing or shorter than {@link #MIN_BYTES}
   */
  public static ScopedTokenKey of(String id, String text) {
    if (id == null || !ID.matcher(id).matches()) {
      throw new IllegalArgumentException(
          "the key id '"
              + id
              + "' must be 1 to 32 lower-case letters, digits and '-', starting and ending with a"
              + " letter or digit");
    }
    byte[] bytes = text == null ? new byte[0] : text.getBytes(StandardCharsets.UTF_8);
    if (bytes.length < MIN_BYTES) {
      throw new IllegalArgumentException(
          "the scoped-token key must be at least " + MIN_BYTES + " bytes long");
    }
    return new ScopedTokenKey(id, bytes);
  }

  public String id() {
    return id;
  }

  byte[] bytes() {
    return bytes;
  }

  @Override
  public String toString() {
    return "ScopedTokenKey[" + id + ", redacted]";
  }
}
