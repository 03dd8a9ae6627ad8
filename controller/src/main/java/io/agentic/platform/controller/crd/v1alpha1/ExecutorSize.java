package io.agentic.platform.controller.crd.v1alpha1;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The size table of the platform API: CPU and memory requests and limits of the worker. */
public enum ExecutorSize {
  @JsonProperty("small")
  SMALL("250m", "1000m", "512Mi", "2Gi"),
  @JsonProperty("medium")
  MEDIUM("500m", "2000m", "1Gi", "4Gi"),
  @JsonProperty("large")
  LARGE("1000m", "4000m", "2Gi", "8Gi");

  private final String cpuRequest;
  private final String cpuLimit;
  private final String memoryRequest;
  private final String memoryLimit;

  ExecutorSize(String cpuRequest, String cpuLimit, String memoryRequest, String memoryLimit) {
    this.cpuRequest = cpuRequest;
    this.cpuLimit = cpuLimit;
    this.memoryRequest = memoryRequest;
    this.memoryLimit = memoryLimit;
  }

  public String cpuRequest() {
    return cpuRequest;
  }

  public String cpuLimit() {
    return cpuLimit;
  }

  public String memoryRequest() {
    return memoryRequest;
  }

  public String memoryLimit() {
    return memoryLimit;
  }
}
