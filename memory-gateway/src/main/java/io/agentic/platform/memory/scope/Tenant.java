package io.agentic.platform.memory.scope;

import java.util.regex.Pattern;

/** The tenant a request acts for, as its verified identity names it. */
public record Tenant(String id) {

  /** No '/', the separator of namespaced ids, so one tenant's prefix is never another's. */
  private static final Pattern VALID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,62}");

  public Tenant {
    if (id == null || !VALID.matcher(id).matches()) {
      throw new IllegalArgumentException("not a valid tenant id");
    }
  }

  public static boolean isValid(String id) {
    return id != null && VALID.matcher(id).matches();
  }
}
