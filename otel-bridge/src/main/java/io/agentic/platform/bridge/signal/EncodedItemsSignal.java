package io.agentic.platform.bridge.signal;

import com.google.protobuf.ByteString;
import com.google.protobuf.CodedInputStream;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.Parser;
import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.resource.v1.Resource;
import java.io.InputStream;
import java.util.List;

/**
 * A signal whose items are carried as the encoded bytes they arrived in ({@link EncodedRequest}):
 * traces and logs, whose items (spans, log records) sit directly under their scope. The bridge
 * reads resources and scopes to merge and cut by them, and never decodes an item: parsing a request
 * is finding where its items start and end, and encoding a batch is copying them out.
 */
public abstract sealed class EncodedItemsSignal extends Signal<EncodedRequest, EncodedResource>
    permits TracesSignal, LogsSignal {

  private static final WellFormed RESOURCE = new WellFormed(Resource.getDescriptor());
  private static final WellFormed SCOPE = new WellFormed(InstrumentationScope.getDescriptor());

  private final Descriptor itemType;
  private final WellFormed item;

  /**
   * @param itemType the OTLP type of one item (Span, LogRecord)
   */
  EncodedItemsSignal(String name, String itemName, Descriptor itemType) {
    super(name, itemName);
    this.itemType = itemType;
    this.item = new WellFormed(itemType);
  }

  @Override
  Parser<EncodedRequest> parser() {
    return EncodedRequest.parser();
  }

  /**
   * The items refer to {@code bytes} rather than copying them: the receiver hands over an array of
   * its own, and the items of a request are exported (and let go) together or close to it.
   */
  @Override
  public EncodedRequest parse(byte[] bytes) throws InvalidProtocolBufferException {
    CodedInputStream in = CodedInputStream.newInstance(bytes);
    in.enableAliasing(true);
    return checked(EncodedRequest.parser().parseFrom(in));
  }

  @Override
  public EncodedRequest parse(InputStream in) throws InvalidProtocolBufferException {
    return checked(EncodedRequest.parser().parseFrom(in));
  }

  /** {@code request}, once every resource, scope and item in it decodes as its OTLP type. */
  private EncodedRequest checked(EncodedRequest request) throws InvalidProtocolBufferException {
    for (int r = 0; r < request.getResourcesCount(); r++) {
      EncodedResource resource = request.getResources(r);
      check(RESOURCE, resource.getResource(), r, -1, -1);
      for (int s = 0; s < resource.getScopesCount(); s++) {
        EncodedScope scope = resource.getScopes(s);
        check(SCOPE, scope.getScope(), r, s, -1);
        for (int i = 0; i < scope.getItemsCount(); i++) {
          check(item, scope.getItems(i), r, s, i);
        }
      }
    }
    return request;
  }

  /** Checks one part; a failure names where it is (1-based), e.g. "resource 1, scope 2, Span 3". */
  private void check(WellFormed type, ByteString encoded, int resource, int scope, int item)
      throws InvalidProtocolBufferException {
    try {
      type.check(encoded);
    } catch (InvalidProtocolBufferException e) {
      String where =
          "resource "
              + (resource + 1)
              + (scope < 0 ? "" : ", scope " + (scope + 1))
              + (item < 0 ? "" : ", " + itemType.getName() + " " + (item + 1));
      throw new InvalidProtocolBufferException(where + ": " + e.getMessage());
    }
  }

  @Override
  EncodedRequest fromJson(Message request) throws InvalidProtocolBufferException {
    return EncodedRequest.parseFrom(request.toByteString());
  }

  @Override
  public List<EncodedResource> entries(EncodedRequest request) {
    return request.getResourcesList();
  }

  @Override
  public EncodedRequest request(List<EncodedResource> entries) {
    return EncodedRequest.newBuilder().addAllResources(entries).build();
  }

  @Override
  public int count(EncodedResource entry) {
    int items = 0;
    for (EncodedScope scope : entry.getScopesList()) {
      items += scope.getItemsCount();
    }
    return items;
  }

  @Override
  Cut<EncodedResource> cut(EncodedResource entry, int n) {
    return Cut.of(entry.getScopesList(), n, EncodedScope::getItemsCount, EncodedItemsSignal::cut)
        .wrap(scopes -> entry.toBuilder().clearScopes().addAllScopes(scopes).build());
  }

  private static Cut<EncodedScope> cut(EncodedScope scope, int n) {
    return Cut.<ByteString>ofItems(scope.getItemsList(), n)
        .wrap(items -> scope.toBuilder().clearItems().addAllItems(items).build());
  }
}
