package io.agentic.platform.controller.status;

/**
 * Something a tenant must fix or know about, as it appears in the Degraded/Ready conditions and in
 * an Event: a stable CamelCase reason and a message that names the object and the cause.
 */
public record Problem(String reason, String message) {}
