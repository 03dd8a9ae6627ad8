package io.agentic.platform.executor.lag;

import io.agentic.platform.executor.config.ExecutorConfig;
import io.agentic.platform.executor.lag.externalscaler.ExternalScaler;
import io.agentic.platform.executor.lag.externalscaler.GetMetricSpecResponse;
import io.agentic.platform.executor.lag.externalscaler.GetMetricsRequest;
import io.agentic.platform.executor.lag.externalscaler.GetMetricsResponse;
import io.agentic.platform.executor.lag.externalscaler.IsActiveResponse;
import io.agentic.platform.executor.lag.externalscaler.MetricSpec;
import io.agentic.platform.executor.lag.externalscaler.MetricValue;
import io.agentic.platform.executor.lag.externalscaler.ScaledObjectRef;
import io.grpc.Status;
import io.quarkus.grpc.GrpcService;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import java.time.Duration;
import java.util.Map;
import java.util.function.Supplier;

/**
 * KEDA's external scaler ({@code externalscaler.ExternalScaler}), served on the HTTP port: the
 * metric is the consumer's lag, the target {@code lagThreshold} (default 5) and the scaler is
 * active while the lag exceeds {@code activationLagThreshold} (default 0), the trigger metadata
 * names of KEDA's nats-jetstream scaler.
 */
@GrpcService
class KedaExternalScaler implements ExternalScaler {

  static final String METRIC = "nats-jetstream-lag";
  static final long DEFAULT_LAG_THRESHOLD = 5;

  private final QueueLag lag;
  private final Duration streamInterval;

  KedaExternalScaler(QueueLag lag, ExecutorConfig config) {
    this.lag = lag;
    this.streamInterval = config.lagCache();
  }

  @Override
  public Uni<IsActiveResponse> isActive(ScaledObjectRef request) {
    return blocking(() -> IsActiveResponse.newBuilder().setResult(active(request)).build());
  }

  @Override
  public Multi<IsActiveResponse> streamIsActive(ScaledObjectRef request) {
    // Pushes the first answer at once, then each change, checking every lag-cache period.
    return Multi.createFrom()
        .ticks()
        .startingAfter(Duration.ofMillis(1))
        .every(streamInterval)
        .onItem()
        .transformToUniAndConcatenate(tick -> blocking(() -> active(request)))
        .skip()
        .repetitions()
        .map(active -> IsActiveResponse.newBuilder().setResult(active).build());
  }

  @Override
  public Uni<GetMetricSpecResponse> getMetricSpec(ScaledObjectRef request) {
    return blocking(
        () -> {
          long target = threshold(request, "lagThreshold", DEFAULT_LAG_THRESHOLD);
          checkTarget(request);
          return GetMetricSpecResponse.newBuilder()
              .addMetricSpecs(
                  MetricSpec.newBuilder()
                      .setMetricName(METRIC)
                      .setTargetSize(target)
                      .setTargetSizeFloat(target))
              .build();
        });
  }

  @Override
  public Uni<GetMetricsResponse> getMetrics(GetMetricsRequest request) {
    return blocking(
        () -> {
          checkTarget(request.getScaledObjectRef());
          long value = reading().lag();
          return GetMetricsResponse.newBuilder()
              .addMetricValues(
                  MetricValue.newBuilder()
                      .setMetricName(
                          request.getMetricName().isEmpty() ? METRIC : request.getMetricName())
                      .setMetricValue(value)
                      .setMetricValueFloat(value))
              .build();
        });
  }

  private boolean active(ScaledObjectRef request) {
    checkTarget(request);
    return reading().lag() > threshold(request, "activationLagThreshold", 0);
  }

  private LagReading reading() {
    try {
      return lag.current();
    } catch (QueueLag.LagUnavailable e) {
      throw Status.UNAVAILABLE.withDescription(e.getMessage()).asRuntimeException();
    } catch (RuntimeException e) {
      throw Status.UNAVAILABLE.withDescription("queue lag unavailable").asRuntimeException();
    }
  }

  /** This scaler reports its own consumer; metadata naming another one is a configuration error. */
  private void checkTarget(ScaledObjectRef request) {
    Map<String, String> metadata = request.getScalerMetadataMap();
    LagReading reading = reading();
    mismatch(metadata, "stream", reading.stream());
    mismatch(metadata, "consumer", reading.consumer());
  }

  private static void mismatch(Map<String, String> metadata, String key, String actual) {
    String asked = metadata.get(key);
    if (asked != null && !asked.isEmpty() && !asked.equals(actual)) {
      throw Status.INVALID_ARGUMENT
          .withDescription(
              "this scaler reports " + key + " " + actual + ", the trigger asks for " + asked)
          .asRuntimeException();
    }
  }

  private static long threshold(ScaledObjectRef request, String key, long fallback) {
    String value = request.getScalerMetadataMap().get(key);
    if (value == null || value.isBlank()) {
      return fallback;
    }
    try {
      long parsed = Long.parseLong(value.trim());
      if (parsed < 0) {
        throw new NumberFormatException();
      }
      return parsed;
    } catch (NumberFormatException e) {
      throw Status.INVALID_ARGUMENT
          .withDescription(key + " must be a non-negative integer, got " + value)
          .asRuntimeException();
    }
  }

  /** Lag reads call the JetStream API and block: never on the event loop serving gRPC. */
  private static <T> Uni<T> blocking(Supplier<T> work) {
    return Uni.createFrom().item(work).runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
  }
}
