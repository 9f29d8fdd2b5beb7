package dev.pilothouse.store;

/**
 * Connection pool gauges for metrics.
 *
 * @param active connections in use
 * @param idle connections ready for use
 * @param total open connections
 * @param pendingThreads threads waiting for a connection
 */
public record PoolStats(int active, int idle, int total, int pendingThreads) {}
