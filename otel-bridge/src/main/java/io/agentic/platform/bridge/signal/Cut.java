package io.agentic.platform.bridge.signal;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.ToIntFunction;

/**
 * A list of OTLP elements cut in two at an item boundary: {@code head} holds the first n items,
 * {@code tail} the rest. Elements that straddle the boundary are split by a level-specific
 * function, so the resource and scope of a span travel with it on both sides.
 */
public record Cut<T>(List<T> head, List<T> tail) {

  /**
   * Cuts {@code elements} after {@code n} items, where {@code count} says how many items an element
   * holds and {@code split} cuts one element that holds more than the items still wanted.
   */
  public static <T> Cut<T> of(
      List<T> elements, int n, ToIntFunction<T> count, BiFunction<T, Integer, Cut<T>> split) {
    List<T> head = new ArrayList<>();
    List<T> tail = new ArrayList<>();
    int remaining = n;
    for (T element : elements) {
      if (remaining <= 0) {
        tail.add(element);
        continue;
      }
      int items = count.applyAsInt(element);
      if (items <= remaining) {
        head.add(element);
        remaining -= items;
      } else {
        Cut<T> parts = split.apply(element, remaining);
        head.addAll(parts.head());
        tail.addAll(parts.tail());
        remaining = 0;
      }
    }
    return new Cut<>(head, tail);
  }

  /** Cuts a list of single items (spans, log records, data points) after {@code n}. */
  public static <T> Cut<T> ofItems(List<T> items, int n) {
    return new Cut<>(List.copyOf(items.subList(0, n)), List.copyOf(items.subList(n, items.size())));
  }

  /**
   * Puts each side back into a copy of the parent element it was cut from (a scope around its
   * spans, a resource around its scopes); a side with nothing in it stays empty.
   */
  public <U> Cut<U> wrap(Function<List<T>, U> parent) {
    return new Cut<>(wrap(head, parent), wrap(tail, parent));
  }

  private static <T, U> List<U> wrap(List<T> children, Function<List<T>, U> parent) {
    return children.isEmpty() ? List.of() : List.of(parent.apply(children));
  }
}
