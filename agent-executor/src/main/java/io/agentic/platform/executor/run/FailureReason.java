package io.agentic.platform.executor.run;

/** Why a run failed for good; the code appears in results, dead letters and a metric label. */
public enum FailureReason {
  MALFORMED_JSON("malformed_json"),
  SCHEMA_VIOLATION("schema_violation"),
  PAYLOAD_TOO_LARGE("payload_too_large"),
  UNKNOWN_AGENT("unknown_agent"),
  OPTION_NOT_ALLOWED("option_not_allowed"),
  MEMORY_UNAVAILABLE("memory_unavailable"),
  DEADLINE_EXCEEDED("deadline_exceeded"),
  LLM_REJECTED("llm_rejected"),
  MAX_DELIVERIES("max_deliveries"),
  RUN_ID_CONFLICT("run_id_conflict"),
  TENANT_SUBJECT_MISMATCH("tenant_subject_mismatch"),
  REPLY_SUBJECT_NOT_ALLOWED("reply_subject_not_allowed"),
  TENANT_NOT_SERVED("tenant_not_served"),
  LLM_UNAVAILABLE("llm_unavailable"),
  UNEXPECTED_ERROR("unexpected_error");

  private final String code;

  FailureReason(String code) {
    this.code = code;
  }

  public String code() {
    return code;
  }
}
