package io.agentic.platform.router.logging;

/**
 * Writes one JSON object field by field into a {@link StringBuilder}, without building a tree or
 * going through a generic formatter. String values are escaped so that the text is always plain
 * ASCII: quotes, backslashes, control characters and everything outside printable ASCII become
 * escapes, so a line reads the same whatever encoding the output stream uses.
 */
public final class JsonLine {

  private static final char[] HEX = "0123456789abcdef".toCharArray();

  private final StringBuilder out;
  private boolean memberWritten;

  /** Starts an object at the end of {@code out}. */
  public JsonLine(StringBuilder out) {
    this.out = out;
    out.append('{');
  }

  /** A string member; {@code null} is written as JSON null. */
  public JsonLine add(String name, String value) {
    name(name);
    if (value == null) {
      out.append("null");
    } else {
      quoted(value);
    }
    return this;
  }

  /** A number written as a JSON string, the way log fields carried in the MDC always appear. */
  public JsonLine addQuoted(String name, long value) {
    name(name);
    out.append('"').append(value).append('"');
    return this;
  }

  /** A member whose value is a nested object; close it with {@link #endObject()}. */
  public JsonLine beginObject(String name) {
    name(name);
    out.append('{');
    memberWritten = false;
    return this;
  }

  public JsonLine endObject() {
    out.append('}');
    // The closed object was itself a member of the enclosing one.
    memberWritten = true;
    return this;
  }

  /** Closes the outermost object and returns the whole text. */
  public String end() {
    out.append('}');
    return out.toString();
  }

  private void name(String name) {
    if (memberWritten) {
      out.append(',');
    }
    memberWritten = true;
    quoted(name);
    out.append(':');
  }

  private void quoted(String value) {
    out.append('"');
    int length = value.length();
    int plainFrom = 0;
    for (int i = firstToEscape(value); i < length; i++) {
      char c = value.charAt(i);
      if (!needsEscape(c)) {
        continue;
      }
      out.append(value, plainFrom, i);
      escape(c);
      plainFrom = i + 1;
    }
    if (plainFrom == 0) {
      // Nothing escaped, the usual case: one bulk copy instead of a copy character by character.
      out.append(value);
    } else {
      out.append(value, plainFrom, length);
    }
    out.append('"');
  }

  private static int firstToEscape(String value) {
    int length = value.length();
    for (int i = 0; i < length; i++) {
      if (needsEscape(value.charAt(i))) {
        return i;
      }
    }
    return length;
  }

  private static boolean needsEscape(char c) {
    return c < 0x20 || c >= 0x7f || c == '"' || c == '\\';
  }

  private void escape(char c) {
    switch (c) {
      case '"' -> out.append("\\\"");
      case '\\' -> out.append("\\\\");
      case '\n' -> out.append("\\n");
      case '\r' -> out.append("\\r");
      case '\t' -> out.append("\\t");
      case '\b' -> out.append("\\b");
      case '\f' -> out.append("\\f");
      // Other control characters, DEL and every non-ASCII UTF-16 unit (a surrogate pair becomes
      // two escapes, which is how JSON spells characters outside the Basic Multilingual Plane).
      default ->
          out.append("\\u")
              .append(HEX[(c >> 12) & 0xf])
              .append(HEX[(c >> 8) & 0xf])
              .append(HEX[(c >> 4) & 0xf])
              .append(HEX[c & 0xf]);
    }
  }
}
