package io.agentic.platform.executor.llm;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class UrlsTest {

  @Test
  void joinsBaseUrlsWithOneVersionSegment() {
    assertEquals("http://gw/v1/messages", Urls.join("http://gw/", "/v1/messages"));
    assertEquals(
        "https://api.openai.com/v1/chat/completions",
        Urls.join("https://api.openai.com/v1", "/v1/chat/completions"));
    assertEquals(
        "http://gw/openai/v1/chat/completions",
        Urls.join("http://gw/openai", "/v1/chat/completions"));
  }
}
