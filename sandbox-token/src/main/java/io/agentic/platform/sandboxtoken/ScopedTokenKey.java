package io.agentic.platform.sandboxtoken;

import java.nio.charset.StandardCharsets;

/** The HMAC key that signs scoped tokens; the router and every minter must hold the same one. */
public final class ScopedTokenKey {

  /** Shorter keys make HMAC-SHA256 guessable; 32 bytes matches the hash size. */
  public static final int MIN_BYTES = 32;

  private final byte[] bytes;

  private ScopedTokenKey(byte[] bytes) {
    this.bytes = bytes;
  }

  /**
   * The key from its configured text (UTF-8).
   *
   * @throws IllegalArgumentException when it is missing or shorter than {@link #MIN_BYTES}
   */
  public static ScopedTokenKey of(String text) {
    byte[] bytes = text == null ? new byte[0] : text.getBytes(StandardCharsets.UTF_8);
    if (bytes.length < MIN_BYTES) {
      throw new IllegalArgumentException(
          "the scoped-token key must be at least " + MIN_BYTES + " bytes long");
    }
    return new ScopedTokenKey(bytes);
  }

  byte[] bytes() {
    return bytes;
  }

  @Override
  public String toString() {
    return "ScopedTokenKey[redacted]";
  }
}
