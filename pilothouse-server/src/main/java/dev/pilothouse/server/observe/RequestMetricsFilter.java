package dev.pilothouse.server.observe;

import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records every request's route template (never the raw path, so label cardinality stays bounded),
 * status and latency, and logs failures (5xx) as structured lines.
 */
public final class RequestMetricsFilter implements Filter {
  private static final Logger LOG = LoggerFactory.getLogger("pilothouse.http");
  private final ServerMetrics metrics;

  /** Creates the filter. */
  public RequestMetricsFilter(ServerMetrics metrics) {
    this.metrics = metrics;
  }

  @Override
  public void filter(FilterChain chain, RoutingRequest req, RoutingResponse res) {
    long start = System.nanoTime();
    try {
      chain.proceed();
    } finally {
      double seconds = (System.nanoTime() - start) / 1e9;
      String route = req.matchingPattern().orElse("unmatched");
      int status = res.status().code();
      boolean stream =
          req.query().first("watch").orElse("").equals("true") || route.endsWith("/events");
      metrics.request(req.prologue().method().text(), route, status, seconds, stream);
      if (status >= 500) {
        LOG.atWarn()
            .addKeyValue("method", req.prologue().method().text())
            .addKeyValue("route", route)
            .addKeyValue("status", status)
            .log("request failed");
      }
    }
  }
}
