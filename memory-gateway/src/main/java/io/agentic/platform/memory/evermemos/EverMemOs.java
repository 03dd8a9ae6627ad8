package io.agentic.platform.memory.evermemos;

import io.agentic.platform.memory.api.DeleteRequest;
import io.agentic.platform.memory.api.DeleteResult;
import io.agentic.platform.memory.api.FlushRequest;
import io.agentic.platform.memory.api.FlushResult;
import io.agentic.platform.memory.api.GetRequest;
import io.agentic.platform.memory.api.GetResult;
import io.agentic.platform.memory.api.SearchRequest;
import io.agentic.platform.memory.api.SearchResult;
import io.agentic.platform.memory.api.StoreRequest;
import io.agentic.platform.memory.api.StoreResult;
import io.agentic.platform.memory.scope.Scoped;
import io.smallrye.mutiny.Uni;

/**
 * One EverMemOS wire protocol. Adapters accept only tenant-scoped requests and return items with
 * the upstream (namespaced) ids; the caller's scope turns them back. Failures are
 * ProblemExceptions.
 */
public interface EverMemOs {

  Uni<StoreResult> store(Scoped<StoreRequest> request);

  Uni<SearchResult> search(Scoped<SearchRequest> request);

  Uni<GetResult> get(Scoped<GetRequest> request);

  Uni<DeleteResult> delete(Scoped<DeleteRequest> request);

  Uni<FlushResult> flush(Scoped<FlushRequest> request);
}
