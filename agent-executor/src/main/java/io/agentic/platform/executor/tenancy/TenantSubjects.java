package io.agentic.platform.executor.tenancy;

import io.agentic.platform.executor.config.ExecutorConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;
import java.util.Set;

/**
 * The per-tenant subject layout that lets NATS permissions enforce tenancy: tenant {@code T}
 * publishes requests on {@code <requests>.T} and reads results below {@code <results>.T}, so a
 * producer holding one tenant's credentials can neither speak for another tenant nor read its
 * results. The request subject, which NATS authenticated, decides whose request it is; the tenant
 * in the body must agree with it.
 */
@ApplicationScoped
public class TenantSubjects {

  /** Where dead letters of messages whose tenant is unknown go, below the dead-letter prefix. */
  public static final String UNKNOWN_TENANT = "_unknown";

  private final String requests;
  private final String results;
  private final String deadLetters;
  private final Optional<Set<String>> served;

  @Inject
  TenantSubjects(ExecutorConfig config) {
    this(
        config.requestsPrefix(),
        config.resultsPrefix(),
        config.deadLetterPrefix(),
        config.tenants());
  }

  public TenantSubjects(
      String requestsPrefix,
      String resultsPrefix,
      String deadLetterPrefix,
      Optional<Set<String>> served) {
    this.requests = requestsPrefix + ".";
    this.results = resultsPrefix;
    this.deadLetters = deadLetterPrefix;
    this.served = served;
  }

  /**
   * The tenant a request subject belongs to: the one token after the requests prefix. Empty when
   * the subject is not {@code <requests>.<one token>}.
   */
  public Optional<String> tenantOf(String subject) {
    if (subject == null || !subject.startsWith(requests)) {
      return Optional.empty();
    }
    String tenant = subject.substring(requests.length());
    return tenant.isEmpty() || tenant.indexOf('.') >= 0 ? Optional.empty() : Optional.of(tenant);
  }

  /** The subject requests of {@code tenant} arrive on. */
  public String requests(String tenant) {
    return requests + tenant;
  }

  /** Where the results of {@code tenant} go when a request names no reply subject. */
  public String results(String tenant) {
    return results + "." + tenant;
  }

  /** A reply subject is the tenant's results subject or a subject below it. */
  public boolean replyAllowed(String tenant, String replyTo) {
    String own = results(tenant);
    return replyTo.equals(own)
        || (replyTo.startsWith(own + ".") && replyTo.length() > own.length() + 1);
  }

  /** Where dead letters go: the tenant's own subject, or the unknown-tenant one. */
  public String deadLetters(Optional<String> tenant) {
    return deadLetters + "." + tenant.orElse(UNKNOWN_TENANT);
  }

  /** Whether this executor serves {@code tenant} ({@code EXECUTOR_TENANTS}). */
  public boolean serves(String tenant) {
    return served.map(tenants -> tenants.contains(tenant)).orElse(true);
  }

  /** The tenants this executor is limited to, when it is. */
  public Optional<Set<String>> served() {
    return served;
  }
}
