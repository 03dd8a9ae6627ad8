package io.agentic.platform.executor.llm;

/** Joins a configured base URL and an API path without doubling the slash or the version. */
final class Urls {

  private Urls() {}

  static String join(String base, String path) {
    String trimmed = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    // A base that already ends in /v1 (as OpenAI-style base URLs usually do) keeps one /v1.
    if (trimmed.endsWith("/v1") && path.startsWith("/v1/")) {
      return trimmed + path.substring(3);
    }
    return trimmed + path;
  }
}
