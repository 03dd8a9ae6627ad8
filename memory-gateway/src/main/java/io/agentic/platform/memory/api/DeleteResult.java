package io.agentic.platform.memory.api;

import com.fasterxml.jackson.annotation.JsonInclude;

/** Acknowledges a delete; {@code deleted} when EverMemOS reports a count. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DeleteResult(Integer deleted) {}
