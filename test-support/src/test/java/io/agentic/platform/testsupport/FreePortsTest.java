package io.agentic.platform.testsupport;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class FreePortsTest {

  @Test
  void oneIsAPortThatCanBeBound() throws IOException {
    new ServerSocket(FreePorts.one()).close();
  }

  @Test
  void picksDifferentPortsThatCanBeBound() throws IOException {
    int[] ports = FreePorts.distinct(5);
    assertEquals(5, Arrays.stream(ports).distinct().count());
    for (int port : ports) {
      new ServerSocket(port).close();
    }
  }
}
