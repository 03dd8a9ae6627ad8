package io.agentic.platform.memory.scope;

import io.agentic.platform.memory.api.DeleteRequest;
import io.agentic.platform.memory.api.Filters;
import io.agentic.platform.memory.api.FlushRequest;
import io.agentic.platform.memory.api.GetRequest;
import io.agentic.platform.memory.api.MemoryItem;
import io.agentic.platform.memory.api.SearchRequest;
import io.agentic.platform.memory.api.StoreRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Confines EverMemOS to one tenant. Open-source EverMemOS scopes data only by the user, group and
 * session ids of each request, so every id a caller sends is stored upstream as {@code tenant/id};
 * callers cannot write a '/' themselves (see the request validation), which makes the prefix
 * unforgeable. Results come back with the prefix removed, and anything not carrying the caller's
 * prefix is dropped, so even an upstream that ignored a filter would leak nothing.
 */
public final class TenantScope {

  private static final char SEPARATOR = '/';

  private final Tenant tenant;
  private final String prefix;

  public TenantScope(Tenant tenant) {
    this.tenant = Objects.requireNonNull(tenant);
    this.prefix = tenant.id() + SEPARATOR;
  }

  public Tenant tenant() {
    return tenant;
  }

  /** The upstream form of a caller id. */
  public String up(String id) {
    return id == null ? null : prefix + id;
  }

  /** The caller form of an upstream id, or null when it belongs to someone else. */
  public String down(String upstreamId) {
    if (upstreamId == null || !upstreamId.startsWith(prefix)) {
      return null;
    }
    return upstreamId.substring(prefix.length());
  }

  public Scoped<StoreRequest> store(StoreRequest request) {
    return new Scoped<>(
        new StoreRequest(
            up(request.userId()),
            up(request.groupId()),
            up(request.sessionId()),
            request.messages().stream().map(m -> m.withSenderId(up(m.senderId()))).toList()));
  }

  public Scoped<SearchRequest> search(SearchRequest request) {
    return new Scoped<>(request.withFilters(filters(request.filters())));
  }

  public Scoped<GetRequest> get(GetRequest request) {
    return new Scoped<>(request.withFilters(filters(request.filters())));
  }

  public Scoped<DeleteRequest> delete(DeleteRequest request) {
    return new Scoped<>(
        new DeleteRequest(
            up(request.userId()),
            up(request.groupId()),
            up(request.sessionId()),
            up(request.senderId())));
  }

  public Scoped<FlushRequest> flush(FlushRequest request) {
    return new Scoped<>(
        new FlushRequest(up(request.userId()), up(request.groupId()), up(request.sessionId())));
  }

  /** The caller's own memories among upstream results, with caller ids. */
  public List<MemoryItem> own(List<MemoryItem> upstreamItems) {
    var own = new ArrayList<MemoryItem>(upstreamItems.size());
    for (MemoryItem item : upstreamItems) {
      String user = down(item.userId());
      String group = down(item.groupId());
      String session = down(item.sessionId());
      boolean foreign =
          (item.userId() != null && user == null)
              || (item.groupId() != null && group == null)
              || (item.sessionId() != null && session == null)
              || (item.userId() == null && item.groupId() == null);
      if (foreign) {
        continue;
      }
      List<String> senders =
          item.senderIds() == null
              ? null
              : item.senderIds().stream().map(this::down).filter(Objects::nonNull).toList();
      own.add(item.withIds(user, group, session, senders));
    }
    return own;
  }

  private Filters filters(Filters filters) {
    return filters.withIds(up(filters.userId()), up(filters.groupId()), up(filters.sessionId()));
  }
}
