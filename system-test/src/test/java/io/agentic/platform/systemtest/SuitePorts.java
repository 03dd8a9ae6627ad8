package io.agentic.platform.systemtest;

import io.agentic.platform.testsupport.FreePorts;

/** Free ports for every listener of the suite, so the test never collides with a running one. */
record SuitePorts(
    int llm,
    int evermemos,
    int langfuse,
    int sandbox,
    int standinsHealth,
    int bridgeGrpc,
    int bridgeHttp,
    int bridgeManagement,
    int gatewayHttp,
    int gatewayManagement,
    int executorHttp,
    int routerHttp,
    int routerManagement,
    int controllerHttp,
    int controllerManagement,
    int prometheus) {

  static SuitePorts pick() {
    int[] p = FreePorts.distinct(16);
    return new SuitePorts(
        p[0], p[1], p[2], p[3], p[4], p[5], p[6], p[7], p[8], p[9], p[10], p[11], p[12], p[13],
        p[14], p[15]);
  }
}
