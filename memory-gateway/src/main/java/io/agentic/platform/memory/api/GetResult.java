package io.agentic.platform.memory.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/** One page of memories; {@code total_count} when EverMemOS reports it. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record GetResult(List<MemoryItem> memories, int page, int pageSize, Long totalCount) {}
