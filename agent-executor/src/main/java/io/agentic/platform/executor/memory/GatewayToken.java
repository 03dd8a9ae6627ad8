package io.agentic.platform.executor.memory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Base64;
import java.util.Optional;

/**
 * The bearer token for the memory-gateway, from a file (a mounted Secret, read again whenever its
 * modification time or size changes, so a rotated token is picked up without a restart) or from a
 * fixed value. Blocking file access: call from run worker threads, never an event loop.
 */
final class GatewayToken {

  /** A token and the tenant its claim names; its text never appears in {@link #toString()}. */
  record Bearer(String token, Optional<String> tenant) {
    @Override
    public String toString() {
      return "Bearer[tenant=" + tenant.orElse("none") + "]";
    }
  }

  private record Read(FileTime modified, long size, Bearer bearer) {}

  private final Optional<Path> file;
  private final Optional<Bearer> fixed;
  private final String tenantClaim;
  private final ObjectMapper mapper;
  private volatile Read last;

  GatewayToken(
      Optional<Path> file, Optional<String> value, String tenantClaim, ObjectMapper mapper) {
    this.file = file;
    this.tenantClaim = tenantClaim;
    this.mapper = mapper;
    this.fixed = value.map(String::strip).filter(v -> !v.isEmpty()).map(this::bearer);
  }

  /** The current token; empty when none is configured (the gateway then trusts X-Tenant-ID). */
  Optional<Bearer> current() throws IOException {
    if (file.isEmpty()) {
      return fixed;
    }
    Path path = file.get();
    FileTime modified = Files.getLastModifiedTime(path);
    long size = Files.size(path);
    Read known = last;
    if (known != null && known.modified().equals(modified) && known.size() == size) {
      return Optional.of(known.bearer());
    }
    String token = Files.readString(path, StandardCharsets.UTF_8).strip();
    if (token.isEmpty()) {
      throw new IOException("the token file " + path + " is empty");
    }
    Read read = new Read(modified, size, bearer(token));
    last = read;
    return Optional.of(read.bearer());
  }

  private Bearer bearer(String token) {
    return new Bearer(token, tenant(token));
  }

  /**
   * The tenant claim of a JWT, read without verifying the signature: the gateway verifies it; this
   * only keeps runs of other tenants from being sent under the token's tenant.
   */
  private Optional<String> tenant(String token) {
    String[] parts = token.split("\\.");
    if (parts.length < 2) {
      return Optional.empty();
    }
    try {
      JsonNode claims = mapper.readTree(Base64.getUrlDecoder().decode(parts[1]));
      JsonNode claim = claims == null ? null : claims.get(tenantClaim);
      return claim != null && claim.isTextual() ? Optional.of(claim.textValue()) : Optional.empty();
    } catch (IllegalArgumentException | IOException notAJwt) {
      return Optional.empty();
    }
  }
}
