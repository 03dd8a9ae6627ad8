package io.agentic.platform.router.proxy;

import io.vertx.core.net.SocketAddress;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

/**
 * The peers whose {@code X-Forwarded-*} headers the router believes: networks given as CIDRs (or
 * single addresses). Parsed once at start-up; a malformed entry stops the router.
 */
final class TrustedProxies {

  private record Network(byte[] prefix, int bits) {

    boolean contains(byte[] address) {
      if (address.length != prefix.length) {
        return false;
      }
      int whole = bits / 8;
      for (int i = 0; i < whole; i++) {
        if (address[i] != prefix[i]) {
          return false;
        }
      }
      int rest = bits % 8;
      if (rest == 0) {
        return true;
      }
      int mask = (0xff << (8 - rest)) & 0xff;
      return (address[whole] & mask) == (prefix[whole] & mask);
    }
  }

  private final List<Network> networks;

  private TrustedProxies(List<Network> networks) {
    this.networks = networks;
  }

  static TrustedProxies parse(List<String> cidrs) {
    List<Network> networks = new ArrayList<>();
    for (String entry : cidrs) {
      String cidr = entry.strip();
      if (cidr.isEmpty()) {
        continue;
      }
      int slash = cidr.indexOf('/');
      byte[] address = literal(slash < 0 ? cidr : cidr.substring(0, slash), entry);
      int bits = address.length * 8;
      if (slash >= 0) {
        String length = cidr.substring(slash + 1);
        if (!length.matches("[0-9]{1,3}") || Integer.parseInt(length) > bits) {
          throw invalid(entry);
        }
        bits = Integer.parseInt(length);
      }
      networks.add(new Network(address, bits));
    }
    return new TrustedProxies(List.copyOf(networks));
  }

  boolean contains(SocketAddress peer) {
    if (networks.isEmpty() || peer == null || peer.hostAddress() == null) {
      return false;
    }
    byte[] address;
    try {
      // A peer address is always a literal, so this never looks a name up.
      address = InetAddress.getByName(peer.hostAddress()).getAddress();
    } catch (UnknownHostException e) {
      return false;
    }
    for (Network network : networks) {
      if (network.contains(address)) {
        return true;
      }
    }
    return false;
  }

  /** An IP literal only: a name here would make trust depend on DNS. */
  private static byte[] literal(String text, String entry) {
    boolean ipv4 = text.matches("[0-9]{1,3}(\\.[0-9]{1,3}){3}");
    boolean ipv6 = text.contains(":") && text.matches("[0-9a-fA-F:.]+");
    if (!ipv4 && !ipv6) {
      throw invalid(entry);
    }
    if (ipv4) {
      for (String octet : text.split("\\.")) {
        if (Integer.parseInt(octet) > 255) {
          throw invalid(entry);
        }
      }
    }
    try {
      return InetAddress.getByName(text).getAddress();
    } catch (UnknownHostException e) {
      throw invalid(entry);
    }
  }

  private static IllegalStateException invalid(String entry) {
    return new IllegalStateException(
        "router.trusted-proxies (ROUTER_TRUSTED_PROXIES): '"
            + entry
            + "' is not an IP address or CIDR such as 10.0.0.0/8 or fd00::/8");
  }
}
