package io.agentic.platform.controller.expose;

import io.fabric8.kubernetes.api.model.HasMetadata;

/** One source resource, by kind, namespace and name: the unit of work of route generation. */
record SourceKey(SourceKind kind, String namespace, String name) {

  static SourceKey of(SourceKind kind, HasMetadata source) {
    return new SourceKey(kind, source.getMetadata().getNamespace(), source.getMetadata().getName());
  }

  /** The key of the source in an informer's store. */
  String storeKey() {
    return namespace + "/" + name;
  }

  @Override
  public String toString() {
    return kind.kind() + " " + namespace + "/" + name;
  }
}
