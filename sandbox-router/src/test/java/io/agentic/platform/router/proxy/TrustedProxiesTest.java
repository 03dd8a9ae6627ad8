package io.agentic.platform.router.proxy;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.net.SocketAddress;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TrustedProxiesTest {

  private static boolean trusts(TrustedProxies proxies, String address) {
    return proxies.contains(SocketAddress.inetSocketAddress(40000, address));
  }

  @Test
  void matchesAddressesInsideTheNetworksOnly() {
    TrustedProxies proxies =
        TrustedProxies.parse(List.of("10.244.0.0/14", "192.0.2.7", "fd00::/8"));
    assertTrue(trusts(proxies, "10.247.255.1"));
    assertFalse(trusts(proxies, "10.248.0.1"));
    assertTrue(trusts(proxies, "192.0.2.7"));
    assertFalse(trusts(proxies, "192.0.2.8"));
    assertTrue(trusts(proxies, "fd12::1"));
    assertFalse(trusts(proxies, "fe80::1"));
  }

  @Test
  void nothingIsTrustedByDefault() {
    assertFalse(trusts(TrustedProxies.parse(List.of()), "127.0.0.1"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"10.0.0.0/33", "proxy.example", "10.0.0.256", "10.0.0.0/x", "::1/129"})
  void refusesEntriesThatAreNoAddressOrCidr(String entry) {
    assertThrows(IllegalStateException.class, () -> TrustedProxies.parse(List.of(entry)));
  }
}
