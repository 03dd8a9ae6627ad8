package io.agentic.platform.bridge.signal;

import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Message;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Merges resource entries by resource and scope. All three OTLP signals share one shape, which is
 * what makes this generic: a resource entry and a scope entry both hold their owner (resource or
 * scope) in field 1, their children in repeated field 2 and their schema URL in field 3. Items are
 * moved as they are, never re-encoded. Where resources and scopes are carried encoded (traces,
 * logs), two are the same when their bytes are, as parsed ones are when equal field by field.
 */
final class Merge {

  private static final int OWNER = 1;
  private static final int CHILDREN = 2;
  private static final int SCHEMA_URL = 3;

  private Merge() {}

  @SuppressWarnings("unchecked")
  static <E extends Message> List<E> byResourceAndScope(List<E> entries) {
    if (entries.size() < 2) {
      return entries;
    }
    Map<List<Object>, E> firstByResource = new LinkedHashMap<>();
    Map<List<Object>, Map<List<Object>, Message.Builder>> scopesByResource = new LinkedHashMap<>();
    for (E entry : entries) {
      List<Object> resource = key(entry);
      firstByResource.putIfAbsent(resource, entry);
      Map<List<Object>, Message.Builder> scopes =
          scopesByResource.computeIfAbsent(resource, k -> new LinkedHashMap<>());
      for (Object child : (List<?>) entry.getField(field(entry, CHILDREN))) {
        Message scope = (Message) child;
        Message.Builder merged = scopes.get(key(scope));
        if (merged == null) {
          scopes.put(key(scope), scope.toBuilder());
        } else {
          FieldDescriptor items = field(scope, CHILDREN);
          for (Object item : (List<?>) scope.getField(items)) {
            merged.addRepeatedField(items, item);
          }
        }
      }
    }
    List<E> merged = new ArrayList<>(firstByResource.size());
    firstByResource.forEach(
        (resource, first) -> {
          FieldDescriptor children = field(first, CHILDREN);
          Message.Builder entry = first.toBuilder().clearField(children);
          scopesByResource
              .get(resource)
              .values()
              .forEach(s -> entry.addRepeatedField(children, s.build()));
          merged.add((E) entry.build());
        });
    return merged;
  }

  private static List<Object> key(Message message) {
    return List.of(
        message.getField(field(message, OWNER)), message.getField(field(message, SCHEMA_URL)));
  }

  private static FieldDescriptor field(Message message, int number) {
    return message.getDescriptorForType().findFieldByNumber(number);
  }
}
