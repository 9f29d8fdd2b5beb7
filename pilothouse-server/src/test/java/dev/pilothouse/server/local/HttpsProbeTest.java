package dev.pilothouse.server.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import dev.pilothouse.core.json.Yaml;
import dev.pilothouse.core.local.PortMap;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code httpGet} probes with {@code scheme: HTTPS} against a real TLS server on loopback. */
class HttpsProbeTest {
  @TempDir Path dir;
  private HttpsServer server;

  @AfterEach
  void stop() {
    if (server != null) {
      server.stop(0);
    }
  }

  private static Probe probe(String yaml) {
    return Probe.parse(Yaml.readAll(yaml, "test").getFirst());
  }

  @Test
  void anHttpsProbePassesAgainstASelfSignedCertificateForAnotherHostAndPlainHttpFails()
      throws Exception {
    int port = startTlsServer();
    PortMap ports = PortMap.single(port);
    HttpClient plain = HttpClient.newHttpClient();

    Probe https = probe("httpGet: {path: /healthz, port: 8443, scheme: HTTPS}");
    Probe lower = probe("httpGet: {path: /healthz, port: 8443, scheme: https}");
    Probe http = probe("httpGet: {path: /healthz, port: 8443}");
    Probe missing = probe("httpGet: {path: /missing, port: 8443, scheme: HTTPS}");

    assertThat(https.check(plain, ports, Map.of())).isTrue();
    assertThat(lower.check(plain, ports, Map.of())).isTrue();
    assertThat(http.check(plain, ports, Map.of())).isFalse();
    assertThat(missing.check(plain, ports, Map.of())).isFalse();
  }

  /** An HTTPS server whose self-signed certificate names pod.example, not 127.0.0.1. */
  private int startTlsServer() throws Exception {
    Path store = dir.resolve("tls.p12");
    Process keytool =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair",
                "-alias",
                "pod",
                "-keyalg",
                "EC",
                "-dname",
                "CN=pod.example",
                "-validity",
                "2",
                "-storetype",
                "PKCS12",
                "-keystore",
                store.toString(),
                "-storepass",
                "changeit")
            .redirectErrorStream(true)
            .start();
    assertThat(keytool.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(keytool.exitValue())
        .as(new String(keytool.getInputStream().readAllBytes()))
        .isZero();
    KeyStore keys = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(store)) {
      keys.load(in, "changeit".toCharArray());
    }
    KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    kmf.init(keys, "changeit".toCharArray());
    SSLContext tls = SSLContext.getInstance("TLS");
    tls.init(kmf.getKeyManagers(), null, null);
    server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setHttpsConfigurator(new HttpsConfigurator(tls));
    server.createContext(
        "/healthz",
        exchange -> {
          exchange.sendResponseHeaders(200, -1);
          exchange.close();
        });
    server.createContext(
        "/missing",
        exchange -> {
          exchange.sendResponseHeaders(404, -1);
          exchange.close();
        });
    server.start();
    return server.getAddress().getPort();
  }
}
