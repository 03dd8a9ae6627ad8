package io.agentic.platform.bridge.signal;

import com.google.protobuf.Message;
import com.google.protobuf.Parser;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceResponse;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.ResourceMetrics;
import io.opentelemetry.proto.metrics.v1.ScopeMetrics;
import java.util.List;

/**
 * Metrics: ResourceMetrics, ScopeMetrics, Metric, data points; one data point is one item (as the
 * Collector counts them), so a metric with many points may be cut between its points.
 */
public final class MetricsSignal extends Signal<ExportMetricsServiceRequest, ResourceMetrics> {

  MetricsSignal() {
    super("metrics", "data points");
  }

  @Override
  Parser<ExportMetricsServiceRequest> parser() {
    return ExportMetricsServiceRequest.parser();
  }

  @Override
  Message.Builder newJsonRequestBuilder() {
    return ExportMetricsServiceRequest.newBuilder();
  }

  @Override
  ExportMetricsServiceRequest fromJson(Message request) {
    return (ExportMetricsServiceRequest) request;
  }

  @Override
  public List<ResourceMetrics> entries(ExportMetricsServiceRequest request) {
    return request.getResourceMetricsList();
  }

  @Override
  public ExportMetricsServiceRequest request(List<ResourceMetrics> entries) {
    return ExportMetricsServiceRequest.newBuilder().addAllResourceMetrics(entries).build();
  }

  @Override
  public int count(ResourceMetrics entry) {
    int points = 0;
    for (ScopeMetrics scope : entry.getScopeMetricsList()) {
      points += count(scope);
    }
    return points;
  }

  private static int count(ScopeMetrics scope) {
    int points = 0;
    for (Metric metric : scope.getMetricsList()) {
      points += count(metric);
    }
    return points;
  }

  static int count(Metric metric) {
    return switch (metric.getDataCase()) {
      case GAUGE -> metric.getGauge().getDataPointsCount();
      case SUM -> metric.getSum().getDataPointsCount();
      case HISTOGRAM -> metric.getHistogram().getDataPointsCount();
      case EXPONENTIAL_HISTOGRAM -> metric.getExponentialHistogram().getDataPointsCount();
      case SUMMARY -> metric.getSummary().getDataPointsCount();
      case DATA_NOT_SET -> 0;
    };
  }

  @Override
  Cut<ResourceMetrics> cut(ResourceMetrics entry, int n) {
    return Cut.of(entry.getScopeMetricsList(), n, MetricsSignal::count, MetricsSignal::cutScope)
        .wrap(scopes -> entry.toBuilder().clearScopeMetrics().addAllScopeMetrics(scopes).build());
  }

  private static Cut<ScopeMetrics> cutScope(ScopeMetrics scope, int n) {
    return Cut.of(scope.getMetricsList(), n, MetricsSignal::count, MetricsSignal::cutMetric)
        .wrap(metrics -> scope.toBuilder().clearMetrics().addAllMetrics(metrics).build());
  }

  /** Both halves keep the metric's name, unit, type and temporality. */
  static Cut<Metric> cutMetric(Metric metric, int n) {
    Metric.Builder head = metric.toBuilder();
    Metric.Builder tail = metric.toBuilder();
    switch (metric.getDataCase()) {
      case GAUGE -> {
        var points = Cut.ofItems(metric.getGauge().getDataPointsList(), n);
        head.getGaugeBuilder().clearDataPoints().addAllDataPoints(points.head());
        tail.getGaugeBuilder().clearDataPoints().addAllDataPoints(points.tail());
      }
      case SUM -> {
        var points = Cut.ofItems(metric.getSum().getDataPointsList(), n);
        head.getSumBuilder().clearDataPoints().addAllDataPoints(points.head());
        tail.getSumBuilder().clearDataPoints().addAllDataPoints(points.tail());
      }
      case HISTOGRAM -> {
        var points = Cut.ofItems(metric.getHistogram().getDataPointsList(), n);
        head.getHistogramBuilder().clearDataPoints().addAllDataPoints(points.head());
        tail.getHistogramBuilder().clearDataPoints().addAllDataPoints(points.tail());
      }
      case EXPONENTIAL_HISTOGRAM -> {
        var points = Cut.ofItems(metric.getExponentialHistogram().getDataPointsList(), n);
        head.getExponentialHistogramBuilder().clearDataPoints().addAllDataPoints(points.head());
        tail.getExponentialHistogramBuilder().clearDataPoints().addAllDataPoints(points.tail());
      }
      case SUMMARY -> {
        var points = Cut.ofItems(metric.getSummary().getDataPointsList(), n);
        head.getSummaryBuilder().clearDataPoints().addAllDataPoints(points.head());
        tail.getSummaryBuilder().clearDataPoints().addAllDataPoints(points.tail());
      }
      case DATA_NOT_SET -> {
        return new Cut<>(List.of(metric), List.of());
      }
    }
    return new Cut<>(List.of(head.build()), List.of(tail.build()));
  }

  @Override
  public Message emptyResponse() {
    return ExportMetricsServiceResponse.getDefaultInstance();
  }

  @Override
  Message.Builder newResponseBuilder() {
    return ExportMetricsServiceResponse.newBuilder();
  }

  @Override
  PartialSuccess partialSuccess(Message response) {
    var partial = ((ExportMetricsServiceResponse) response).getPartialSuccess();
    return new PartialSuccess(partial.getRejectedDataPoints(), partial.getErrorMessage());
  }
}
