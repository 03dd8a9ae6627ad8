package io.agentic.platform.systemtest;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/** Asks the local Redis one integer question in its own protocol (RESP). */
final class RedisProbe {

  private RedisProbe() {}

  /** {@code LLEN key}: how many entries the list holds (0 when there is none). */
  static long listLength(String key) throws IOException {
    try (Socket socket = new Socket("127.0.0.1", 6379)) {
      socket.setSoTimeout(5000);
      byte[] k = key.getBytes(StandardCharsets.UTF_8);
      OutputStream out = socket.getOutputStream();
      out.write(("*2\r\n$4\r\nLLEN\r\n$" + k.length + "\r\n").getBytes(StandardCharsets.US_ASCII));
      out.write(k);
      out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
      out.flush();
      String reply =
          new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8))
              .readLine();
      if (reply == null || reply.charAt(0) != ':') {
        throw new IOException("Redis answered LLEN with " + reply);
      }
      return Long.parseLong(reply.substring(1));
    }
  }
}
