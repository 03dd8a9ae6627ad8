package io.agentic.platform.bridge.signal;

import com.google.protobuf.ByteString;
import com.google.protobuf.CodedInputStream;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.WireFormat;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

/**
 * Checks that an item carried encoded is what the destination will decode: well-formed protobuf of
 * its OTLP type all the way down, with valid UTF-8 in every string, which is what decoding it would
 * check. It walks the bytes along the type's fields and builds nothing. Without it, one sender's
 * malformed span would travel in a batch with other senders' spans, and the destination would
 * refuse them all.
 */
final class WellFormed {

  /** protobuf-java's own default limit on nested messages. */
  private static final int MAX_DEPTH = 100;

  private final Shape root;

  /** A checker for items of {@code type} (its field tables are built once, here). */
  WellFormed(Descriptor type) {
    this.root = Shape.of(type, new HashMap<>());
  }

  /** Throws, naming the field, when {@code item} does not decode as this type. */
  void check(ByteString item) throws InvalidProtocolBufferException {
    CodedInputStream in = item.newCodedInput();
    in.enableAliasing(true); // strings are checked in place, not copied
    try {
      message(in, root, 0);
    } catch (InvalidProtocolBufferException e) {
      throw e;
    } catch (IOException e) {
      throw new InvalidProtocolBufferException(e);
    }
  }

  private static void message(CodedInputStream in, Shape shape, int depth) throws IOException {
    if (depth > MAX_DEPTH) {
      throw new InvalidProtocolBufferException(shape.name + " is nested too deeply");
    }
    int tag;
    while ((tag = in.readTag()) != 0) {
      int number = WireFormat.getTagFieldNumber(tag);
      // A field this version does not know, or one sent with another wire type than its own, is
      // kept as an unknown field by decoders: skipped here too.
      if (WireFormat.getTagWireType(tag) == WireFormat.WIRETYPE_LENGTH_DELIMITED) {
        Shape child = shape.message(number);
        if (child != null) {
          int limit = in.pushLimit(in.readRawVarint32());
          message(in, child, depth + 1);
          in.popLimit(limit);
          continue;
        }
        if (shape.isString(number)) {
          if (!in.readBytes().isValidUtf8()) {
            throw new InvalidProtocolBufferException(
                shape.name + "." + shape.fieldName(number) + " is not valid UTF-8");
          }
          continue;
        }
      }
      if (!in.skipField(tag)) {
        throw new InvalidProtocolBufferException("unexpected end-group tag in " + shape.name);
      }
    }
  }

  /**
   * A message type's fields by number, as arrays: looking a field up in the descriptor on every
   * field of every span cost more than decoding the span.
   */
  private static final class Shape {
    final String name;
    private final Shape[] messages;
    private final boolean[] strings;
    private final String[] fieldNames;

    private Shape(Descriptor type, int maxNumber) {
      this.name = type.getFullName();
      this.messages = new Shape[maxNumber + 1];
      this.strings = new boolean[maxNumber + 1];
      this.fieldNames = new String[maxNumber + 1];
    }

    /** The shape of {@code type}; types that contain themselves (AnyValue) share one. */
    static Shape of(Descriptor type, Map<Descriptor, Shape> built) {
      Shape known = built.get(type);
      if (known != null) {
        return known;
      }
      int max = type.getFields().stream().mapToInt(FieldDescriptor::getNumber).max().orElse(0);
      Shape shape = new Shape(type, max);
      built.put(type, shape);
      for (FieldDescriptor field : type.getFields()) {
        shape.fieldNames[field.getNumber()] = field.getName();
        if (field.getJavaType() == FieldDescriptor.JavaType.MESSAGE) {
          shape.messages[field.getNumber()] = of(field.getMessageType(), built);
        } else if (field.getJavaType() == FieldDescriptor.JavaType.STRING) {
          shape.strings[field.getNumber()] = true;
        }
      }
      return shape;
    }

    Shape message(int number) {
      return number < messages.length ? messages[number] : null;
    }

    boolean isString(int number) {
      return number < strings.length && strings[number];
    }

    String fieldName(int number) {
      return fieldNames[number];
    }
  }
}
