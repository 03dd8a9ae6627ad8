package io.agentic.platform.bridge.signal;

import com.google.protobuf.Message;
import com.google.protobuf.Parser;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceResponse;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.ScopeLogs;
import java.util.List;

/** Logs: ResourceLogs, ScopeLogs, LogRecord; one log record is one item. */
public final class LogsSignal extends Signal<ExportLogsServiceRequest, ResourceLogs> {

  LogsSignal() {
    super("logs", "log records");
  }

  @Override
  public Parser<ExportLogsServiceRequest> parser() {
    return ExportLogsServiceRequest.parser();
  }

  @Override
  Message.Builder newRequestBuilder() {
    return ExportLogsServiceRequest.newBuilder();
  }

  @Override
  public List<ResourceLogs> entries(ExportLogsServiceRequest request) {
    return request.getResourceLogsList();
  }

  @Override
  public ExportLogsServiceRequest request(List<ResourceLogs> entries) {
    return ExportLogsServiceRequest.newBuilder().addAllResourceLogs(entries).build();
  }

  @Override
  public int count(ResourceLogs entry) {
    int records = 0;
    for (ScopeLogs scope : entry.getScopeLogsList()) {
      records += scope.getLogRecordsCount();
    }
    return records;
  }

  @Override
  Cut<ResourceLogs> cut(ResourceLogs entry, int n) {
    return Cut.of(entry.getScopeLogsList(), n, ScopeLogs::getLogRecordsCount, LogsSignal::cutScope)
        .wrap(scopes -> entry.toBuilder().clearScopeLogs().addAllScopeLogs(scopes).build());
  }

  private static Cut<ScopeLogs> cutScope(ScopeLogs scope, int n) {
    return Cut.ofItems(scope.getLogRecordsList(), n)
        .wrap(records -> scope.toBuilder().clearLogRecords().addAllLogRecords(records).build());
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
