package io.agentic.platform.bridge.pipeline;

/** What became of a request a sender handed to the bridge. */
public enum Offer {
  /** Queued for export. */
  ACCEPTED,
  /** The bridge does not carry this signal. */
  DISABLED,
  /** No room now: the sender should back off and retry. */
  FULL,
  /** Larger than the whole queue: it can never be taken, retrying is pointless. */
  TOO_LARGE,
  /** The bridge is shutting down. */
  CLOSED
}
