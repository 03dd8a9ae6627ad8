package io.agentic.platform.bridge.signal;

import com.google.protobuf.ByteString;
import com.google.protobuf.CodedInputStream;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.Parser;
import java.util.List;

/**
 * A signal whose items are carried as the encoded bytes they arrived in ({@link EncodedRequest}):
 * traces and logs, whose items (spans, log records) sit directly under their scope. The bridge
 * reads resources and scopes to merge and cut by them, and never decodes an item: parsing a request
 * is finding where its items start and end, and encoding a batch is copying them out.
 */
public abstract sealed class EncodedItemsSignal extends Signal<EncodedRequest, EncodedResource>
    permits TracesSignal, LogsSignal {

  EncodedItemsSignal(String name, String itemName) {
    super(name, itemName);
  }

  @Override
  public Parser<EncodedRequest> parser() {
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
    return EncodedRequest.parser().parseFrom(in);
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
