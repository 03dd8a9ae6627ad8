package io.agentic.platform.controller.crd.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.ValidationRule;

/** Long-term memory through the platform's memory-gateway. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(
    value = "!self.enabled || has(self.tokenSecret)",
    message = "memory.tokenSecret is required when memory is enabled")
public class MemoryAccess {

  public static final String DEFAULT_TOKEN_KEY = "token";

  @Default("false")
  @JsonPropertyDescription(
      "Give the worker the platform's memory-gateway (MEMORY_GATEWAY_URL, set by the controller)")
  private boolean enabled;

  @Pattern(AgentExecutorSpec.OBJECT_NAME) @JsonPropertyDescription(
      "Secret holding the worker's bearer token for the memory-gateway (a JWT with the tenant"
          + " claim)")
  private String tokenSecret;

  @Default(DEFAULT_TOKEN_KEY)
  @JsonPropertyDescription("Key of the token in tokenSecret")
  private String tokenKey = DEFAULT_TOKEN_KEY;

  public boolean isEnabled() {
    return enabled;
  }

  public void setEnabled(boolean enabled) {
    this.enabled = enabled;
  }

  public String getTokenSecret() {
    return tokenSecret;
  }

  public void setTokenSecret(String tokenSecret) {
    this.tokenSecret = tokenSecret;
  }

  public String getTokenKey() {
    return tokenKey;
  }

  public void setTokenKey(String tokenKey) {
    this.tokenKey = tokenKey == null ? DEFAULT_TOKEN_KEY : tokenKey;
  }
}
