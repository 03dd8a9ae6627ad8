package io.agentic.platform.controller.crd.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;

/** The database migrations init container. */
public class Migrations {

  @Default("true")
  @JsonPropertyDescription(
      "Run the image's database migrations (EXECUTOR_MODE=migrate) in an init container before"
          + " the worker starts; false for images that run none")
  private boolean enabled = true;

  public boolean isEnabled() {
    return enabled;
  }

  public void setEnabled(boolean enabled) {
    this.enabled = enabled;
  }
}
