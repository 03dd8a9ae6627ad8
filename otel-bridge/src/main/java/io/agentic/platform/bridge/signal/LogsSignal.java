package io.agentic.platform.bridge.signal;

import com.google.protobuf.Message;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceResponse;
import io.opentelemetry.proto.logs.v1.LogRecord;

/** Logs: ResourceLogs, ScopeLogs, LogRecord; one log record is one item, carried encoded. */
public final class LogsSignal extends EncodedItemsSignal {

  LogsSignal() {
    super("logs", "log records", LogRecord.getDescriptor());
  }

  @Override
  Message.Builder newJsonRequestBuilder() {
    return ExportLogsServiceRequest.newBuilder();
  }

  @Override
  public Message emptyResponse() {
    return ExportLogsServiceResponse.getDefaultInstance();
  }

  @Override
  Message.Builder newResponseBuilder() {
    return ExportLogsServiceResponse.newBuilder();
  }

  @Override
  PartialSuccess partialSuccess(Message response) {
    var partial = ((ExportLogsServiceResponse) response).getPartialSuccess();
    return new PartialSuccess(partial.getRejectedLogRecords(), partial.getErrorMessage());
  }
}
