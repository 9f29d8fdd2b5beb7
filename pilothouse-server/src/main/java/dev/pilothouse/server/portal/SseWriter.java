package dev.pilothouse.server.portal;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/** Writes the text/event-stream format, flushing every frame so events are not held back. */
final class SseWriter implements AutoCloseable {
  private final OutputStream out;

  SseWriter(OutputStream out) {
    this.out = out;
  }

  /** A comment line: ignored by browsers, but it keeps the connection alive and probes it. */
  void comment(String text) throws IOException {
    write(": " + text + "\n\n");
  }

  /**
   * A named event; {@code id} 0 sends none. The data must be one line (JSON is), since a newline
   * would split it into several data fields.
   */
  void event(long id, LiveFragments.Message message) throws IOException {
    StringBuilder frame = new StringBuilder();
    if (id > 0) {
      frame.append("id: ").append(id).append('\n');
    }
    frame.append("event: ").append(message.type()).append('\n');
    frame.append("data: ").append(message.json()).append("\n\n");
    write(frame.toString());
  }

  private void write(String text) throws IOException {
    out.write(text.getBytes(StandardCharsets.UTF_8));
    out.flush();
  }

  @Override
  public void close() throws IOException {
    out.close();
  }
}
