package io.agentic.platform.executor.run;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * A result event as a container's termination message. Kubernetes keeps at most 4096 bytes of it,
 * and a message cut anywhere would no longer be JSON, so a longer event has its longest free text
 * shortened instead: the output first, then the error message (and the model name, which comes from
 * the provider), each ending in a marker that says how many characters are missing and where the
 * whole event is. Everything else is bounded by the request schema and stays as it is.
 */
final class TerminationMessage {

  /** What the kubelet keeps of a termination message. */
  static final int MAX_BYTES = 4096;

  private final ObjectMapper mapper;
  private final String whole;

  /** {@code recorded}: the run is stored in PostgreSQL, so its record has the whole event too. */
  TerminationMessage(ObjectMapper mapper, boolean recorded) {
    this.mapper = mapper;
    this.whole = recorded ? "the pod log and the run record" : "the pod log";
  }

  /**
   * {@code event} itself when it fits, else the same event with text cut to fit; empty when even
   * that does not fit (a provider's model name of kilobytes would be needed for that).
   */
  Optional<String> of(String event) throws JsonProcessingException {
    if (bytes(event) <= MAX_BYTES) {
      return Optional.of(event);
    }
    ObjectNode root = (ObjectNode) mapper.readTree(event);
    boolean fits =
        cut(root, root, "output")
            || cut(root, root.get("error"), "message")
            || cut(root, root, "model");
    return fits ? Optional.of(mapper.writeValueAsString(root)) : Optional.empty();
  }

  /**
   * Shortens the text field {@code field} of {@code holder} (an object within {@code root}) as
   * little as it takes for {@code root} to fit, or to nothing but the marker; true when it fits.
   */
  private boolean cut(ObjectNode root, JsonNode holder, String field)
      throws JsonProcessingException {
    if (!(holder instanceof ObjectNode object) || !object.path(field).isTextual()) {
      return false;
    }
    String text = object.get(field).textValue();
    int total = text.codePointCount(0, text.length());
    // The longest kept prefix (in characters, never splitting one) that fits. The size grows with
    // every character kept (the marker's count shrinks by at most one digit when one more is
    // kept, and that character adds at least a byte), so a binary search finds it.
    int fits = -1;
    int low = 0;
    int high = total - 1;
    while (low <= high) {
      int kept = (low + high) >>> 1;
      object.put(field, shortened(text, kept, total, field));
      if (bytes(mapper.writeValueAsString(root)) <= MAX_BYTES) {
        fits = kept;
        low = kept + 1;
      } else {
        high = kept - 1;
      }
    }
    object.put(field, shortened(text, Math.max(fits, 0), total, field));
    return fits >= 0;
  }

  private String shortened(String text, int kept, int total, String field) {
    return text.substring(0, text.offsetByCodePoints(0, kept))
        + "…[cut: "
        + (total - kept)
        + " more characters; the full "
        + field
        + " is in "
        + whole
        + "]";
  }

  private static int bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8).length;
  }
}
