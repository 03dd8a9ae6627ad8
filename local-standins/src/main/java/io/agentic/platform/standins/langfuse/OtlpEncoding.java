package io.agentic.platform.standins.langfuse;

import io.vertx.core.buffer.Buffer;
import java.util.Locale;
import java.util.Optional;

/** The two OTLP/HTTP encodings; an answer is sent in the encoding of its request. */
enum OtlpEncoding {
  PROTOBUF("application/x-protobuf"),
  JSON("application/json");

  private final String mediaType;

  OtlpEncoding(String mediaType) {
    this.mediaType = mediaType;
  }

  String mediaType() {
    return mediaType;
  }

  static Optional<OtlpEncoding> of(String contentType) {
    if (contentType == null) {
      return Optional.empty();
    }
    String media = contentType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
    for (OtlpEncoding encoding : values()) {
      if (encoding.mediaType.equals(media)) {
        return Optional.of(encoding);
      }
    }
    return Optional.empty();
  }

  /** An empty Export*ServiceResponse, which means full success for every signal. */
  Buffer emptyResponse() {
    return this == PROTOBUF ? Buffer.buffer() : Buffer.buffer("{}");
  }
}
