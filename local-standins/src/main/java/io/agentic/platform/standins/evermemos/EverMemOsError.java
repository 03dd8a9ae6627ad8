package io.agentic.platform.standins.evermemos;

/** A refusal, answered with EverMemOS's error body: {@code code} is one of EverMemOS's codes. */
final class EverMemOsError extends RuntimeException {

  private final int status;
  private final String code;

  EverMemOsError(int status, String code, String message) {
    super(message);
    this.status = status;
    this.code = code;
  }

  static EverMemOsError invalid(String message) {
    return new EverMemOsError(400, "INVALID_PARAMETER", message);
  }

  /** 507 Insufficient Storage: the bound that keeps the in-memory store from growing forever. */
  static EverMemOsError full(int maxMessages) {
    return new EverMemOsError(
        507,
        "SYSTEM_ERROR",
        "the local stand-in holds at most "
            + maxMessages
            + " messages (standins.evermemos.max-messages); delete memories or restart it");
  }

  int status() {
    return status;
  }

  String code() {
    return code;
  }
}
