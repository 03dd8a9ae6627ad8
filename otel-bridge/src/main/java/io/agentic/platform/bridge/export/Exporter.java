package io.agentic.platform.bridge.export;

import com.google.protobuf.Message;
import io.vertx.core.Future;

/** Sends one OTLP export request to the destination. The future never fails: see the result. */
public interface Exporter {

  Future<ExportResult> export(Message request);

  /** Where requests go, for logs. */
  String destination();
}
