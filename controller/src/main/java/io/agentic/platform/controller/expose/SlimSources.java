package io.agentic.platform.controller.expose;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionVersion;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionVersionBuilder;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the informers of route generation keep of the objects they watch: of a source, its identity,
 * creation time, expose annotations and which of {@code spec.ai} / {@code spec.mcp} it has; of a
 * CRD, its versions without their schemas. A kagent Agent's spec or a CRD's schema can run to
 * hundreds of kilobytes, none of which a route needs.
 */
final class SlimSources {

  private SlimSources() {}

  static GenericKubernetesResource source(GenericKubernetesResource source) {
    ObjectMeta meta = source.getMetadata();
    Map<String, String> annotations = new LinkedHashMap<>();
    if (meta.getAnnotations() != null) {
      for (String key : new String[] {ExposeRequest.EXPOSE, ExposeRequest.ALIAS}) {
        String value = meta.getAnnotations().get(key);
        if (value != null) {
          annotations.put(key, value);
        }
      }
    }
    GenericKubernetesResource slim = new GenericKubernetesResource();
    slim.setApiVersion(source.getApiVersion());
    slim.setKind(source.getKind());
    slim.setMetadata(
        new ObjectMetaBuilder()
            .withName(meta.getName())
            .withNamespace(meta.getNamespace())
            .withUid(meta.getUid())
            .withResourceVersion(meta.getResourceVersion())
            .withCreationTimestamp(meta.getCreationTimestamp())
            .withAnnotations(annotations)
            .build());
    if (source.getAdditionalProperties().get("spec") instanceof Map<?, ?> spec) {
      Map<String, Object> kept = new LinkedHashMap<>();
      for (String field : new String[] {"ai", "mcp"}) {
        if (spec.get(field) != null) {
          kept.put(field, Map.of());
        }
      }
      slim.setAdditionalProperty("spec", kept);
    }
    return slim;
  }

  static CustomResourceDefinition crd(CustomResourceDefinition crd) {
    return new CustomResourceDefinitionBuilder()
        .withMetadata(
            new ObjectMetaBuilder()
                .withName(crd.getMetadata().getName())
                .withUid(crd.getMetadata().getUid())
                .withResourceVersion(crd.getMetadata().getResourceVersion())
                .build())
        .withNewSpec()
        .withGroup(crd.getSpec().getGroup())
        .withScope(crd.getSpec().getScope())
        .withNames(crd.getSpec().getNames())
        .withVersions(crd.getSpec().getVersions().stream().map(SlimSources::version).toList())
        .endSpec()
        .build();
  }

  private static CustomResourceDefinitionVersion version(CustomResourceDefinitionVersion version) {
    return new CustomResourceDefinitionVersionBuilder()
        .withName(version.getName())
        .withServed(version.getServed())
        .withStorage(version.getStorage())
        .build();
  }
}
