package io.agentic.platform.router.access;

import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;

/** Namespaces opened to the router by a label, as an informer currently sees them. */
public class LabelledNamespaces {

  static final LabelledNamespaces NONE = new LabelledNamespaces(null);

  private final SharedIndexInformer<Namespace> informer;

  LabelledNamespaces(SharedIndexInformer<Namespace> informer) {
    this.informer = informer;
  }

  boolean contains(String namespace) {
    return informer != null && informer.getStore().getByKey(namespace) != null;
  }

  boolean ready() {
    return informer == null || informer.hasSynced();
  }
}
