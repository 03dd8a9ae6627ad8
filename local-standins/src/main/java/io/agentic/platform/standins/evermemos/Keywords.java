package io.agentic.platform.standins.evermemos;

import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The words keyword search compares: distinct, lower-cased runs of letters and digits of three
 * characters or more, so "the", "is" and punctuation never make a match.
 */
final class Keywords {

  private static final int MIN_LENGTH = 3;

  private Keywords() {}

  static Set<String> of(String text) {
    return Arrays.stream(text.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+"))
        .filter(word -> word.length() >= MIN_LENGTH)
        .collect(Collectors.toUnmodifiableSet());
  }

  /** The share of the query's words found among the memory's words: 0 (none) to 1 (all). */
  static double score(Set<String> query, Set<String> memory) {
    if (query.isEmpty()) {
      return 0;
    }
    return (double) query.stream().filter(memory::contains).count() / query.size();
  }
}
