package io.agentic.platform.router.proxy;

import io.vertx.core.json.JsonObject;
import jakarta.enterprise.inject.Alternative;
import jakarta.inject.Singleton;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Keeps the access lines of tests whose profile enables it, in place of standard output. */
@Alternative
@Singleton
class CapturedAccessLog extends AccessLogOutput {

  private final ByteArrayOutputStream written = new ByteArrayOutputStream();

  @Override
  OutputStream stream() {
    return new OutputStream() {
      @Override
      public void write(int b) {
        synchronized (written) {
          written.write(b);
        }
      }

      @Override
      public void write(byte[] bytes, int offset, int length) {
        synchronized (written) {
          written.write(bytes, offset, length);
        }
      }
    };
  }

  /** Every line written so far, each parsed as one JSON object. */
  List<JsonObject> lines() {
    String text;
    synchronized (written) {
      text = written.toString(StandardCharsets.US_ASCII);
    }
    return text.lines().map(JsonObject::new).toList();
  }
}
