package io.agentic.platform.standins.langfuse;

import com.google.protobuf.InvalidProtocolBufferException;
import io.agentic.platform.standins.BoundedBody;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.vertx.core.buffer.Buffer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPInputStream;

/** Decodes an OTLP/HTTP traces body; blocking work, for a worker thread. */
final class OtlpPayload {

  private OtlpPayload() {}

  static ExportTraceServiceRequest traces(
      Buffer body, boolean gzipped, OtlpEncoding encoding, int maxBytes) {
    byte[] bytes = gzipped ? gunzip(body.getBytes(), maxBytes) : body.getBytes();
    if (encoding == OtlpEncoding.JSON) {
      return OtlpJson.traces(new String(bytes, StandardCharsets.UTF_8));
    }
    try {
      return ExportTraceServiceRequest.parseFrom(bytes);
    } catch (InvalidProtocolBufferException e) {
      throw new MalformedPayload("not a protobuf ExportTraceServiceRequest: " + e.getMessage(), e);
    }
  }

  /** Stops reading one byte past the limit, so a small bomb never inflates into memory. */
  private static byte[] gunzip(byte[] compressed, int maxBytes) {
    try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(compressed))) {
      byte[] bytes = in.readNBytes(maxBytes + 1);
      if (bytes.length > maxBytes) {
        throw new BoundedBody.TooLarge(maxBytes);
      }
      return bytes;
    } catch (IOException e) {
      throw new MalformedPayload("not valid gzip: " + e.getMessage(), e);
    }
  }
}
