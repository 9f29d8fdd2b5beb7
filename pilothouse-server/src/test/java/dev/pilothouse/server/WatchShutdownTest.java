package dev.pilothouse.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

/**
 * Stopping the server while watches are open is routine (Ctrl-C with the portal open): the watch
 * streams end with a complete response, as when an API server goes away, and the web server reports
 * no failed handler.
 */
class WatchShutdownTest {
  private static final String CM = "/apis/core/v1/namespaces/shop/configmaps";

  @Test
  void stoppingTheServerEndsAnOpenWatchCleanly() throws Exception {
    // Helidon logs through System.Logger, which is java.util.logging in tests.
    Logger helidon = Logger.getLogger("io.helidon");
    Recorded logged = new Recorded();
    helidon.addHandler(logged);
    try {
      TestServer server = TestServer.start();
      server.post(CM, "{\"metadata\":{\"name\":\"before-stop\"},\"data\":{\"k\":\"v\"}}");
      InputStream body = openWatch(server);
      StringBuilder seen = new StringBuilder();
      while (!seen.toString().contains("before-stop")) {
        int b = body.read();
        assertThat(b).as("watch ended before its first event").isNotNegative();
        seen.append((char) b);
      }

      server.close();
      String rest = new String(body.readAllBytes(), StandardCharsets.UTF_8);

      assertThat(seen.append(rest).toString()).contains("\"ADDED\"").doesNotContain("ERROR");
      assertThat(logged.warnings).isEmpty();
    } finally {
      helidon.removeHandler(logged);
    }
  }

  private static InputStream openWatch(TestServer server) throws Exception {
    HttpRequest req =
        HttpRequest.newBuilder(URI.create(server.url(CM + "?watch=true&resourceVersion=0")))
            .header("Authorization", "Bearer " + server.adminToken)
            .build();
    return server.client().send(req, HttpResponse.BodyHandlers.ofInputStream()).body();
  }

  /** Keeps the message of every warning or worse. */
  private static final class Recorded extends Handler {
    final List<String> warnings = new CopyOnWriteArrayList<>();

    @Override
    public void publish(LogRecord record) {
      if (record.getLevel().intValue() >= Level.WARNING.intValue()) {
        warnings.add(record.getMessage());
      }
    }

    @Override
    public void flush() {}

    @Override
    public void close() {}
  }
}
