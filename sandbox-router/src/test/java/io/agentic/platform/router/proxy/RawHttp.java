package io.agentic.platform.router.proxy;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/** HTTP/1.1 written and read on a plain socket, for tests that hold connections open. */
final class RawHttp {

  private static final Pattern CONTENT_LENGTH = Pattern.compile("(?i)content-length:\\s*(\\d+)");

  private RawHttp() {}

  /** A new connection to {@code server} with {@code request} written on it. */
  static Socket send(URL server, String request) throws IOException {
    Socket socket = new Socket("127.0.0.1", server.getPort());
    socket.setSoTimeout(10_000);
    socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
    socket.getOutputStream().flush();
    return socket;
  }

  /**
   * The response head and body (by Content-Length), header names lower-cased; empty when the server
   * closed the connection without answering.
   */
  static String head(Socket socket) {
    try {
      InputStream in = socket.getInputStream();
      StringBuilder head = new StringBuilder();
      while (!head.toString().endsWith("\r\n\r\n")) {
        int b = in.read();
        if (b < 0) {
          return head.toString();
        }
        head.append((char) b);
      }
      var length = CONTENT_LENGTH.matcher(head);
      int size = length.find() ? Integer.parseInt(length.group(1)) : 0;
      String body = new String(in.readNBytes(size), StandardCharsets.UTF_8);
      return head.toString().toLowerCase().replaceFirst("^http", "HTTP") + body;
    } catch (IOException e) {
      // A connection reset before any byte is a connection the server would not serve.
      return "";
    }
  }
}
