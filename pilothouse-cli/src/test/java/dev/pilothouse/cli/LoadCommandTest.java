package dev.pilothouse.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LoadCommandTest {
  @TempDir Path dir;

  @Test
  void loadSendsTheRateForTheDurationAndCountsAnswersByStatusAndVersion() throws Exception {
    AtomicInteger served = new AtomicInteger();
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
    server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
    server.createContext(
        "/",
        ex -> {
          boolean fail = served.incrementAndGet() % 10 == 0;
          byte[] body =
              ("{\"version\":\"" + (fail ? "v2" : "v1") + "\"}").getBytes(StandardCharsets.UTF_8);
          ex.sendResponseHeaders(fail ? 500 : 200, body.length);
          try (OutputStream out = ex.getResponseBody()) {
            out.write(body);
          }
        });
    server.start();
    try {
      String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/";
      CliRun.Result r = new CliRun(dir).run("load", url, "--rate", "50", "--duration", "2s");
      assertThat(r.exitCode()).as(r.err()).isZero();
      assertThat(r.out()).startsWith("Sending 50 req/s to " + url + " for 2s ...");
      Matcher done =
          Pattern.compile(
                  "done: .*sent (\\d+)  2xx (\\d+)  5xx (\\d+)  other 0  failed 0  skipped 0  by"
                      + " version: v1=(\\d+) v2=(\\d+) \\((\\d+) errors\\)")
              .matcher(r.out());
      assertThat(done.find()).as(r.out()).isTrue();
      int sent = Integer.parseInt(done.group(1));
      assertThat(sent).isEqualTo(served.get()).isBetween(90, 100);
      assertThat(Integer.parseInt(done.group(2))).isEqualTo(Integer.parseInt(done.group(4)));
      assertThat(Integer.parseInt(done.group(3)))
          .isEqualTo(Integer.parseInt(done.group(5)))
          .isEqualTo(Integer.parseInt(done.group(6)))
          .isEqualTo(sent / 10);
    } finally {
      server.stop(0);
    }
  }

  @Test
  void badArgumentsAreUsageErrorsNamingTheOption() {
    CliRun cli = new CliRun(dir);
    assertThat(cli.run("load", "ftp://x/").err()).contains("URL must be an http(s) URL");
    assertThat(cli.run("load", "http://127.0.0.1:1/", "--rate", "0").exitCode()).isEqualTo(2);
    assertThat(cli.run("load", "http://127.0.0.1:1/", "--rate", "0").err())
        .contains("--rate must be from 1 to 5000, not 0");
    assertThat(cli.run("load", "http://127.0.0.1:1/", "--duration", "2h").err())
        .contains("--duration must be a duration from 1ms to 1h");
    assertThat(cli.run("load", "http://127.0.0.1:1/", "--concurrency", "5000").err())
        .contains("--concurrency must be from 1 to 1024");
  }
}
