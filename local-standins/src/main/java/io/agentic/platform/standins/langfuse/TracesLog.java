package io.agentic.platform.standins.langfuse;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

/**
 * The file received spans go to, one JSON line each. Blocking, and not thread-safe on purpose: one
 * writer thread calls it, so lines of concurrent requests never interleave.
 */
final class TracesLog {

  private final Path file;

  TracesLog(Path file) {
    this.file = file.toAbsolutePath();
  }

  Path file() {
    return file;
  }

  /** Appends and closes, so a request's spans are on disk before it is answered. */
  void append(List<String> lines) throws IOException {
    if (lines.isEmpty()) {
      return;
    }
    Files.createDirectories(file.getParent());
    Files.writeString(
        file,
        String.join("\n", lines) + "\n",
        StandardCharsets.UTF_8,
        StandardOpenOption.CREATE,
        StandardOpenOption.APPEND);
  }
}
