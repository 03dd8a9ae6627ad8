package io.agentic.platform.controller.secrets;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the controller's caches keep of the tenants' Secrets and ConfigMaps: names, keys and a
 * SHA-256 of each value, never the values. Presence checks and the pod-template digest need no
 * more, and a heap dump or a debug log of the controller then holds no tenant credentials. The
 * annotations go too: {@code kubectl apply} copies the whole object, values included, into one.
 */
public final class ValueDigests {

  private ValueDigests() {}

  public static Secret secret(Secret secret) {
    Map<String, String> data = new LinkedHashMap<>();
    // stringData only appears on objects an API server has not stored (tests, dry runs); data,
    // where both name a key, is what the pod gets.
    if (secret.getStringData() != null) {
      secret.getStringData().forEach((k, v) -> data.put(k, sha256(v)));
    }
    if (secret.getData() != null) {
      secret.getData().forEach((k, v) -> data.put(k, sha256(v)));
    }
    return new SecretBuilder()
        .withApiVersion(secret.getApiVersion())
        .withKind(secret.getKind())
        .withMetadata(metadata(secret))
        .withType(secret.getType())
        .withData(data)
        .build();
  }

  public static ConfigMap configMap(ConfigMap configMap) {
    Map<String, String> data = new LinkedHashMap<>();
    if (configMap.getData() != null) {
      configMap.getData().forEach((k, v) -> data.put(k, sha256(v)));
    }
    if (configMap.getBinaryData() != null) {
      configMap.getBinaryData().forEach((k, v) -> data.put(k, sha256(v)));
    }
    ConfigMap pruned = new ConfigMap();
    pruned.setApiVersion(configMap.getApiVersion());
    pruned.setKind(configMap.getKind());
    pruned.setMetadata(metadata(configMap));
    pruned.setData(data);
    return pruned;
  }

  /** Identity and version only: what informers, indexes and owner lookups use. */
  private static ObjectMeta metadata(HasMetadata object) {
    ObjectMeta m = object.getMetadata();
    return new ObjectMetaBuilder()
        .withName(m.getName())
        .withNamespace(m.getNamespace())
        .withUid(m.getUid())
        .withResourceVersion(m.getResourceVersion())
        .withGeneration(m.getGeneration())
        .withCreationTimestamp(m.getCreationTimestamp())
        .withDeletionTimestamp(m.getDeletionTimestamp())
        .withLabels(m.getLabels())
        .build();
  }

  /** Hex SHA-256 of the UTF-8 bytes of {@code value}; null for null. */
  public static String sha256(String value) {
    if (value == null) {
      return null;
    }
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
    }
  }
}
