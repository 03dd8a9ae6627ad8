package io.agentic.platform.router.proxy;

import jakarta.inject.Singleton;
import java.io.OutputStream;

/** Where access-log lines go: standard output, where a pod's logs are collected. */
@Singleton
class AccessLogOutput {

  OutputStream stream() {
    return System.out;
  }
}
