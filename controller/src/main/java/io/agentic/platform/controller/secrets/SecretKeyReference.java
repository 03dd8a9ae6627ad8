package io.agentic.platform.controller.secrets;

/**
 * One environment variable of the worker taken from a Secret key; optional keys may be absent
 * without stopping the pod.
 */
public record SecretKeyReference(String envName, String secretName, String key, boolean optional) {}
