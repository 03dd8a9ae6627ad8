package io.agentic.platform.systemtest;

import io.fabric8.kubernetes.client.server.mock.KubernetesMixedDispatcher;
import io.fabric8.mockwebserver.dsl.HttpMethod;
import io.fabric8.mockwebserver.http.Buffer;
import io.fabric8.mockwebserver.http.Dispatcher;
import io.fabric8.mockwebserver.http.Headers;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.util.HashMap;

/**
 * The fabric8 mock API server in CRUD mode, taught the two requests the packaged controller makes
 * that CRUD mode does not know:
 *
 * <ul>
 *   <li>server-side apply ({@code PATCH} with {@code application/apply-patch+yaml}, which the
 *       controller uses in production): answered as the API server does for a single field manager,
 *       a create when the object is missing and a JSON merge patch when it exists;
 *   <li>the {@code SelfSubjectRulesReview} leader election makes before it uses a Lease: answered
 *       as the controller's RBAC would answer it (the mock server cannot evaluate RBAC).
 * </ul>
 *
 * What SSA does beyond that (field ownership, conflicts between managers, removing fields a manager
 * stopped setting) is not imitated; the controller's own tests cover its desired state.
 */
final class ServerSideApplyDispatcher extends Dispatcher {

  private static final String APPLY_PATCH = "application/apply-patch+yaml";
  private static final String MERGE_PATCH = "application/merge-patch+json";
  private static final String RULES_REVIEW =
      "/apis/authorization.k8s.io/v1/selfsubjectrulesreviews";
  private static final String LEASE_RULES =
      """
      {"apiVersion":"authorization.k8s.io/v1","kind":"SelfSubjectRulesReview",
       "status":{"incomplete":false,"resourceRules":[{"apiGroups":["coordination.k8s.io"],
       "resources":["leases"],"verbs":["get","create","update"]}],"nonResourceRules":[]}}""";

  private final KubernetesMixedDispatcher crud = new KubernetesMixedDispatcher(new HashMap<>());

  @Override
  public MockResponse dispatch(RecordedRequest request) {
    if (request.method() == HttpMethod.POST && request.getPath().startsWith(RULES_REVIEW)) {
      return new MockResponse().setResponseCode(201).setBody(LEASE_RULES);
    }
    String contentType = request.getHeader("Content-Type");
    if (request.method() != HttpMethod.PATCH
        || contentType == null
        || !contentType.startsWith(APPLY_PATCH)) {
      return crud.dispatch(request);
    }
    String path = request.getPath();
    String resourcePath = path.contains("?") ? path.substring(0, path.indexOf('?')) : path;
    byte[] body = request.getBody().getBytes();
    boolean status = resourcePath.endsWith("/status");
    MockResponse existing =
        crud.dispatch(forward(request, HttpMethod.GET, objectPath(resourcePath), null, null));
    if (existing.code() == 404 && !status) {
      String collection = resourcePath.substring(0, resourcePath.lastIndexOf('/'));
      return crud.dispatch(forward(request, HttpMethod.POST, collection, "application/json", body));
    }
    return crud.dispatch(forward(request, HttpMethod.PATCH, resourcePath, MERGE_PATCH, body));
  }

  private static String objectPath(String resourcePath) {
    return resourcePath.endsWith("/status")
        ? resourcePath.substring(0, resourcePath.length() - "/status".length())
        : resourcePath;
  }

  private static RecordedRequest forward(
      RecordedRequest original, HttpMethod method, String path, String contentType, byte[] body) {
    Headers.Builder headers = original.getHeaders().newBuilder();
    if (contentType != null) {
      headers.set("Content-Type", contentType);
    }
    return new RecordedRequest(
        original.getHttpVersion(),
        method,
        path,
        headers.build(),
        body == null ? new Buffer() : new Buffer(body));
  }

  @Override
  public void shutdown() {
    crud.shutdown();
  }
}
