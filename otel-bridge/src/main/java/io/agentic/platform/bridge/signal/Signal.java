package io.agentic.platform.bridge.signal;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.Parser;
import com.google.protobuf.util.JsonFormat;
import java.io.InputStream;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;

/**
 * What the bridge needs to know about one OTLP signal: how its export request is parsed and built,
 * how many items (spans, data points, log records) a resource entry holds, and how to cut entries
 * at an item boundary. {@code R} is the export request, {@code E} its resource-level entry.
 */
public abstract sealed class Signal<R extends Message, E extends Message>
    permits EncodedItemsSignal, MetricsSignal {

  public static final TracesSignal TRACES = new TracesSignal();
  public static final MetricsSignal METRICS = new MetricsSignal();
  public static final LogsSignal LOGS = new LogsSignal();

  public static List<Signal<?, ?>> all() {
    return List.of(TRACES, METRICS, LOGS);
  }

  private final String name;
  private final String itemName;

  Signal(String name, String itemName) {
    this.name = name;
    this.itemName = itemName;
  }

  /** {@code traces}, {@code metrics} or {@code logs}: the metric label and the path segment. */
  public String name() {
    return name;
  }

  /** What one item is called in messages: spans, data points, log records. */
  public String itemName() {
    return itemName;
  }

  /** The OTLP/HTTP path, {@code /v1/traces} and so on. */
  public String path() {
    return "/v1/" + name;
  }

  /** Parses without the checks {@link #parse} adds; the signal's own use. */
  abstract Parser<R> parser();

  /** Parses an export request received as {@code bytes}, which the caller hands over. */
  public R parse(byte[] bytes) throws InvalidProtocolBufferException {
    return parser().parseFrom(bytes);
  }

  /** Parses an export request as it is read from {@code in}. */
  public R parse(InputStream in) throws InvalidProtocolBufferException {
    return parser().parseFrom(in);
  }

  /** A builder of the OTLP export request itself: JSON names its fields. */
  abstract Message.Builder newJsonRequestBuilder();

  /** The export request the bridge carries, from the OTLP one parsed from JSON. */
  abstract R fromJson(Message request) throws InvalidProtocolBufferException;

  public abstract List<E> entries(R request);

  public abstract R request(List<E> entries);

  /** Items in one resource entry. */
  public abstract int count(E entry);

  /** Cuts one resource entry after {@code n} of its items. */
  abstract Cut<E> cut(E entry, int n);

  /** The export response that accepts everything. */
  public abstract Message emptyResponse();

  /** The {@code partial_success} of an export response. */
  abstract PartialSuccess partialSuccess(Message response);

  abstract Message.Builder newResponseBuilder();

  public int count(List<E> entries) {
    int items = 0;
    for (E entry : entries) {
      items += count(entry);
    }
    return items;
  }

  /**
   * Merges entries that share a resource (and schema URL) into one, and within it scopes that share
   * a scope, keeping the items' messages as they are.
   */
  public List<E> merge(List<E> entries) {
    return Merge.byResourceAndScope(entries);
  }

  /** Cuts entries after {@code n} items. */
  public Cut<E> take(List<E> entries, int n) {
    return Cut.of(entries, n, this::count, this::cut);
  }

  /** Cuts entries into consecutive pieces of at most {@code maxItems} items each. */
  public List<List<E>> chunks(List<E> entries, int maxItems) {
    List<List<E>> chunks = new ArrayList<>();
    List<E> rest = entries;
    while (count(rest) > maxItems) {
      Cut<E> cut = take(rest, maxItems);
      chunks.add(cut.head());
      rest = cut.tail();
    }
    if (!rest.isEmpty()) {
      chunks.add(rest);
    }
    return chunks;
  }

  /** Parses an OTLP/JSON export request: hex trace and span ids, lowerCamelCase or snake_case. */
  public R parseJson(Reader json) throws InvalidProtocolBufferException {
    Message.Builder builder = newJsonRequestBuilder();
    JsonFormat.parser().ignoringUnknownFields().merge(OtlpJson.idsToBase64(json), builder);
    return fromJson(builder.build());
  }

  /** Reads the partial success out of a protobuf export response; none if it does not parse. */
  public PartialSuccess partialSuccessOfProtobuf(byte[] body) {
    try {
      return partialSuccess(newResponseBuilder().mergeFrom(body).build());
    } catch (InvalidProtocolBufferException e) {
      return PartialSuccess.NONE;
    }
  }

  /** Reads the partial success out of a JSON answer; none if it is not an OTLP response. */
  public PartialSuccess partialSuccessOfJson(String body) {
    try {
      Message.Builder builder = newResponseBuilder();
      JsonFormat.parser().ignoringUnknownFields().merge(body, builder);
      return partialSuccess(builder.build());
    } catch (InvalidProtocolBufferException | RuntimeException e) {
      return PartialSuccess.NONE;
    }
  }

  @Override
  public String toString() {
    return name;
  }

  /** Items the receiver of an export turned away although the request as a whole succeeded. */
  public record PartialSuccess(long rejected, String errorMessage) {
    public static final PartialSuccess NONE = new PartialSuccess(0, "");
  }
}
