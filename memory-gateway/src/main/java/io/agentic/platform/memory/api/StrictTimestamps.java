package io.agentic.platform.memory.api;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.datatype.jsr310.deser.InstantDeserializer;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.time.OffsetDateTime;

/**
 * Times in the API are ISO 8601 strings with an offset, as documented. Jackson would also take a
 * number as epoch seconds, and read {@code 1e300} as epoch 0: a memory stored at a time nobody
 * sent. A number is refused as the wrong type of value instead.
 */
@Singleton
class StrictTimestamps implements ObjectMapperCustomizer {

  /** After Quarkus's own customizers, so this deserializer wins over the Java time module's. */
  @Override
  public int priority() {
    return MINIMUM_PRIORITY;
  }

  @Override
  public void customize(ObjectMapper mapper) {
    mapper.registerModule(
        new SimpleModule("strict-timestamps").addDeserializer(OffsetDateTime.class, new IsoOnly()));
  }

  private static final class IsoOnly extends StdDeserializer<OffsetDateTime> {

    IsoOnly() {
      super(OffsetDateTime.class);
    }

    @Override
    public OffsetDateTime deserialize(JsonParser parser, DeserializationContext context)
        throws IOException {
      if (!parser.hasToken(JsonToken.VALUE_STRING)) {
        return (OffsetDateTime) context.handleUnexpectedToken(OffsetDateTime.class, parser);
      }
      return InstantDeserializer.OFFSET_DATE_TIME.deserialize(parser, context);
    }
  }
}
