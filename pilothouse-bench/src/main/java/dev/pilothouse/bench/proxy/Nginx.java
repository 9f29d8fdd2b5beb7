package dev.pilothouse.bench.proxy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * One nginx process (Debian's package) started in a private prefix folder with a generated
 * configuration, stopped with {@link #close}. Used both as the static backends of the proxy
 * benchmark and as the weighted-upstream proxy Pilothouse's proxy is compared with.
 */
final class Nginx implements AutoCloseable {
  private final Process process;
  private final Path prefix;

  private Nginx(Process process, Path prefix) {
    this.process = process;
    this.prefix = prefix;
  }

  /** Starts nginx with {@code http} as the body of its {@code http {}} block. */
  static Nginx start(String name, int workers, String http, List<Integer> ports)
      throws IOException, InterruptedException {
    Path prefix = Files.createTempDirectory("pilothouse-bench-nginx-" + name + "-");
    Files.createDirectories(prefix.resolve("logs"));
    String config =
        """
        %s
        worker_processes %d;
        daemon off;
        pid %s/nginx.pid;
        error_log %s/logs/error.log warn;
        events { worker_connections 8192; }
        http {
          access_log off;
          keepalive_requests 10000000;
          client_body_temp_path %s/body;
          proxy_temp_path %s/proxy;
          %s
        }
        """
            .formatted(
                isRoot() ? "user root root;" : "", workers, prefix, prefix, prefix, prefix, http);
    Path file = prefix.resolve("nginx.conf");
    Files.writeString(file, config);
    Process process =
        new ProcessBuilder("nginx", "-p", prefix.toString(), "-c", file.toString())
            .redirectErrorStream(true)
            .redirectOutput(prefix.resolve("logs/stdout.log").toFile())
            .start();
    Nginx nginx = new Nginx(process, prefix);
    nginx.awaitPorts(ports);
    return nginx;
  }

  /** The {@code http} block of two static backends answering their version in the body. */
  static String backends(int stablePort, int canaryPort) {
    return backend(stablePort, "stable") + backend(canaryPort, "canary");
  }

  private static String backend(int port, String version) {
    return """
    server {
      listen 127.0.0.1:%d;
      location / { default_type text/plain; return 200 "%s\\n"; }
    }
    """
        .formatted(port, version);
  }

  /**
   * The {@code http} block of a weighted upstream proxy with a keep-alive pool, doing what ours
   * does to each request: keep the client's {@code Host} and append {@code X-Forwarded-For}.
   */
  static String weightedProxy(
      int port, int stablePort, int stableWeight, int canaryPort, int canaryWeight) {
    return """
    upstream app {
      server 127.0.0.1:%d weight=%d;
      server 127.0.0.1:%d weight=%d;
      keepalive 256;
    }
    server {
      listen 127.0.0.1:%d;
      location / {
        proxy_pass http://app;
        proxy_http_version 1.1;
        proxy_set_header Connection "";
        proxy_set_header Host $host;
        proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
      }
    }
    """
        .formatted(stablePort, stableWeight, canaryPort, canaryWeight, port);
  }

  private void awaitPorts(List<Integer> ports) throws IOException, InterruptedException {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
    for (int port : ports) {
      while (!Ports.accepting(port)) {
        if (!process.isAlive() || Instant.now().isAfter(deadline)) {
          close();
          throw new IOException(
              "nginx did not start: " + Files.readString(prefix.resolve("logs/stdout.log")));
        }
        Thread.sleep(20);
      }
    }
  }

  private static boolean isRoot() {
    return "root".equals(System.getProperty("user.name"));
  }

  /** CPU seconds used so far by the master and worker processes. */
  double cpuSeconds() {
    return CpuTime.withDescendants(process.toHandle());
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    process.waitFor();
  }
}
