package io.agentic.platform.router.logging;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Writes one JSON object field by field as ASCII bytes, without building a tree, a {@code String}
 * or going through a generic formatter. String values are escaped so that the text is always plain
 * ASCII: quotes, backslashes, control characters and everything outside printable ASCII become
 * escapes, so a line reads the same whatever encoding its reader assumes. One instance is reused
 * line after line by the thread that owns it; member names are constants, escaped once as {@link
 * Name}s.
 */
public final class JsonLine {

  /** A member name, quoted and escaped once, with its colon. */
  public static final class Name {
    private final byte[] bytes;

    private Name(byte[] bytes) {
      this.bytes = bytes;
    }
  }

  public static Name name(String name) {
    JsonLine scratch = new JsonLine();
    scratch.quoted(name);
    scratch.put(':');
    return new Name(Arrays.copyOf(scratch.bytes, scratch.length));
  }

  private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

  private byte[] bytes = new byte[512];
  private int length;
  private boolean memberWritten;

  /** Discards what was written before and opens the outermost object. */
  public JsonLine begin() {
    length = 0;
    memberWritten = false;
    put('{');
    return this;
  }

  /** A string member; {@code null} is written as JSON null. */
  public JsonLine add(Name name, String value) {
    name(name);
    if (value == null) {
      ascii("null");
    } else {
      quoted(value);
    }
    return this;
  }

  /** A number written as a JSON string, the way log fields carried in the MDC always appear. */
  public JsonLine addQuoted(Name name, long value) {
    name(name);
    put('"');
    digits(value);
    put('"');
    return this;
  }

  /** A member whose value is a nested object; close it with {@link #endObject()}. */
  public JsonLine beginObject(Name name) {
    name(name);
    put('{');
    memberWritten = false;
    return this;
  }

  public JsonLine endObject() {
    put('}');
    // The closed object was itself a member of the enclosing one.
    memberWritten = true;
    return this;
  }

  /** Closes the outermost object. */
  public JsonLine end() {
    put('}');
    return this;
  }

  /** The line's bytes, valid up to {@link #length()} until the next {@link #begin()}. */
  public byte[] bytes() {
    return bytes;
  }

  public int length() {
    return length;
  }

  @Override
  public String toString() {
    return new String(bytes, 0, length, StandardCharsets.US_ASCII);
  }

  private void name(Name name) {
    ensureRoom(name.bytes.length + 1);
    if (memberWritten) {
      bytes[length++] = ',';
    }
    memberWritten = true;
    System.arraycopy(name.bytes, 0, bytes, length, name.bytes.length);
    length += name.bytes.length;
  }

  private void quoted(String value) {
    int valueLength = value.length();
    // Room for the quotes and every character unescaped: the usual case needs no further check.
    ensureRoom(valueLength + 2);
    bytes[length++] = '"';
    for (int i = 0; i < valueLength; i++) {
      char c = value.charAt(i);
      if (c >= 0x20 && c < 0x7f && c != '"' && c != '\\') {
        bytes[length++] = (byte) c;
      } else {
        // An escape is up to six bytes for one character; leave room for the rest as well.
        ensureRoom(6 + valueLength - i);
        escape(c);
      }
    }
    bytes[length++] = '"';
  }

  private void escape(char c) {
    switch (c) {
      case '"' -> pair('"');
      case '\\' -> pair('\\');
      case '\n' -> pair('n');
      case '\r' -> pair('r');
      case '\t' -> pair('t');
      case '\b' -> pair('b');
      case '\f' -> pair('f');
      // Other control characters, DEL and every non-ASCII UTF-16 unit (a surrogate pair becomes
      // two escapes, which is how JSON spells characters outside the Basic Multilingual Plane).
      default -> {
        pair('u');
        bytes[length++] = HEX[(c >> 12) & 0xf];
        bytes[length++] = HEX[(c >> 8) & 0xf];
        bytes[length++] = HEX[(c >> 4) & 0xf];
        bytes[length++] = HEX[c & 0xf];
      }
    }
  }

  private void pair(char escaped) {
    bytes[length++] = '\\';
    bytes[length++] = (byte) escaped;
  }

  private void digits(long value) {
    if (value == Long.MIN_VALUE) {
      ascii(Long.toString(value));
      return;
    }
    ensureRoom(20);
    if (value < 0) {
      bytes[length++] = '-';
      value = -value;
    }
    int start = length;
    do {
      bytes[length++] = (byte) ('0' + value % 10);
      value /= 10;
    } while (value > 0);
    // Written least significant first; turn them round.
    for (int i = start, j = length - 1; i < j; i++, j--) {
      byte digit = bytes[i];
      bytes[i] = bytes[j];
      bytes[j] = digit;
    }
  }

  /** Text known to be plain ASCII that needs no escaping. */
  private void ascii(String text) {
    ensureRoom(text.length());
    for (int i = 0; i < text.length(); i++) {
      bytes[length++] = (byte) text.charAt(i);
    }
  }

  private void put(char c) {
    ensureRoom(1);
    bytes[length++] = (byte) c;
  }

  private void ensureRoom(int more) {
    if (length + more > bytes.length) {
      bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + more));
    }
  }
}
