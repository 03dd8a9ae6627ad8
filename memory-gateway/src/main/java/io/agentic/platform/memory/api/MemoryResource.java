package io.agentic.platform.memory.api;

import io.agentic.platform.memory.MemoryConfig;
import io.agentic.platform.memory.evermemos.EverMemOs;
import io.agentic.platform.memory.identity.CallerTenant;
import io.agentic.platform.memory.metrics.GatewayMetrics;
import io.agentic.platform.memory.problem.Problem;
import io.agentic.platform.memory.problem.ProblemException;
import io.agentic.platform.memory.problem.ProblemResponses;
import io.agentic.platform.memory.resilience.TenantLimits;
import io.agentic.platform.memory.scope.TenantScope;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Singleton;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import java.time.Duration;
import java.util.function.BiFunction;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The gateway's own memory API, version 1. Each call resolves the caller's tenant, validates the
 * request, scopes it to the tenant, and hands it to the configured EverMemOS adapter.
 */
@Path("/v1/memories")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "memories", description = "Tenant-scoped long-term memory")
@SecurityScheme(
    securitySchemeName = "bearer",
    type = SecuritySchemeType.HTTP,
    scheme = "bearer",
    bearerFormat = "JWT")
@SecurityRequirement(name = "bearer")
@APIResponse(
    responseCode = "400",
    description = "invalid request",
    content = @Content(mediaType = ProblemResponses.MEDIA_TYPE))
@APIResponse(
    responseCode = "401",
    description = "no valid token, or no tenant in it",
    content = @Content(mediaType = ProblemResponses.MEDIA_TYPE))
@APIResponse(
    responseCode = "413",
    description = "body, message count, content or query over the limit",
    content = @Content(mediaType = ProblemResponses.MEDIA_TYPE))
@APIResponse(
    responseCode = "503",
    description = "EverMemOS unavailable; see Retry-After",
    content = @Content(mediaType = ProblemResponses.MEDIA_TYPE))
@APIResponse(
    responseCode = "504",
    description = "EverMemOS timed out",
    content = @Content(mediaType = ProblemResponses.MEDIA_TYPE))
@APIResponse(
    responseCode = "403",
    description = "the token is bound to another user, or to a user and the request names a group",
    content = @Content(mediaType = ProblemResponses.MEDIA_TYPE))
@APIResponse(
    responseCode = "429",
    description = "too many calls of this tenant in flight; see Retry-After",
    content = @Content(mediaType = ProblemResponses.MEDIA_TYPE))
@Singleton
public class MemoryResource {

  /** In-flight calls end within the upstream timeout; a second is a fair first wait. */
  private static final Duration TENANT_RETRY_AFTER = Duration.ofSeconds(1);

  private final CallerTenant callerTenant;
  private final RequestValidator validator;
  private final EverMemOs everMemOs;
  private final GatewayMetrics metrics;
  private final TenantLimits tenantLimits;

  MemoryResource(
      CallerTenant callerTenant,
      RequestValidator validator,
      EverMemOs everMemOs,
      GatewayMetrics metrics,
      MemoryConfig config) {
    this.callerTenant = callerTenant;
    this.validator = validator;
    this.everMemOs = everMemOs;
    this.metrics = metrics;
    this.tenantLimits = new TenantLimits(config.resilience().tenantMaxConcurrent());
  }

  @POST
  @Operation(
      summary = "Store messages",
      description =
          "Stores one or more messages of a conversation. Idempotent by message_id, so a retry"
              + " after a lost answer is safe.")
  public Uni<StoreResult> store(
      @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
      @HeaderParam(CallerTenant.DEV_HEADER) String devTenant,
      StoreRequest request) {
    return run(
        "store",
        authorization,
        devTenant,
        (scope, user) -> everMemOs.store(scope.store(validator.store(user.store(request)))));
  }

  @POST
  @Path("/search")
  @Operation(summary = "Search memories", description = "Searches the caller's memories.")
  public Uni<SearchResult> search(
      @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
      @HeaderParam(CallerTenant.DEV_HEADER) String devTenant,
      SearchRequest request) {
    return run(
        "search",
        authorization,
        devTenant,
        (scope, user) ->
            everMemOs
                .search(scope.search(validator.search(user.search(request))))
                .map(result -> new SearchResult(scope.own(result.memories()))));
  }

  @POST
  @Path("/get")
  @Operation(summary = "Fetch memories", description = "Fetches a page of one memory type.")
  public Uni<GetResult> get(
      @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
      @HeaderParam(CallerTenant.DEV_HEADER) String devTenant,
      GetRequest request) {
    return run(
        "get",
        authorization,
        devTenant,
        (scope, user) ->
            everMemOs
                .get(scope.get(validator.get(user.get(request))))
                .map(
                    page ->
                        new GetResult(
                            scope.own(page.memories()),
                            page.page(),
                            page.pageSize(),
                            page.totalCount())));
  }

  @POST
  @Path("/delete")
  @Operation(
      summary = "Delete memories",
      description = "Deletes the memories of a user or group, optionally of one session or sender.")
  public Uni<DeleteResult> delete(
      @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
      @HeaderParam(CallerTenant.DEV_HEADER) String devTenant,
      DeleteRequest request) {
    return run(
        "delete",
        authorization,
        devTenant,
        (scope, user) -> everMemOs.delete(scope.delete(validator.delete(user.delete(request)))));
  }

  @POST
  @Path("/flush")
  @Operation(
      summary = "Flush",
      description = "Extracts memories now from what a user's or group's conversation accumulated.")
  public Uni<FlushResult> flush(
      @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
      @HeaderParam(CallerTenant.DEV_HEADER) String devTenant,
      FlushRequest request) {
    return run(
        "flush",
        authorization,
        devTenant,
        (scope, user) -> everMemOs.flush(scope.flush(validator.flush(user.flush(request)))));
  }

  /**
   * Resolves the caller, takes one of its tenant's places, runs the action in its scope and records
   * the operation's metric. Written with as few Mutiny stages as it takes, as each one captures and
   * restores the request's contexts.
   */
  private <T> Uni<T> run(
      String operation,
      String authorization,
      String devTenant,
      BiFunction<TenantScope, UserBinding, Uni<T>> action) {
    long start = System.nanoTime();
    return callerTenant
        .resolve(authorization, devTenant)
        .onItemOrFailure()
        .transformToUni(
            (caller, failure) -> {
              if (failure != null) {
                metrics.operation(operation, outcome(failure), null, System.nanoTime() - start);
                return Uni.createFrom().failure(failure);
              }
              String tenant = caller.tenant().id();
              if (!tenantLimits.tryAcquire(tenant)) {
                ProblemException busy =
                    Problem.tooManyRequests(
                            "too many calls of this tenant are in flight; try again shortly",
                            TENANT_RETRY_AFTER)
                        .asException();
                metrics.operation(operation, outcome(busy), tenant, System.nanoTime() - start);
                return Uni.createFrom().failure(busy);
              }
              Uni<T> result;
              try {
                result =
                    action.apply(new TenantScope(caller.tenant()), new UserBinding(caller.user()));
              } catch (RuntimeException e) {
                // Validation refuses a request by throwing; it is an outcome like any other.
                result = Uni.createFrom().failure(e);
              }
              return result
                  .onTermination()
                  .invoke(() -> tenantLimits.release(tenant))
                  .onItemOrFailure()
                  .invoke(
                      (item, actionFailure) ->
                          metrics.operation(
                              operation,
                              actionFailure == null ? "success" : outcome(actionFailure),
                              tenant,
                              System.nanoTime() - start));
            });
  }

  private static String outcome(Throwable failure) {
    if (failure instanceof ProblemException p) {
      String type = p.problem().type();
      return type.substring(type.lastIndexOf('/') + 1);
    }
    return "error";
  }
}
