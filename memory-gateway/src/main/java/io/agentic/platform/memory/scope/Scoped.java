package io.agentic.platform.memory.scope;

/**
 * A request whose ids have been namespaced to one tenant. Only {@link TenantScope} can make one, so
 * an EverMemOS adapter, which accepts nothing else, can never be handed an unscoped request.
 */
public final class Scoped<T> {

  private final T request;

  Scoped(T request) {
    this.request = request;
  }

  public T request() {
    return request;
  }
}
