package dev.pilothouse.core.analysis;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A metric's {@code provider}: the single key naming the provider (e.g. {@code prometheus}, {@code
 * web}) and its configuration object, kept as written.
 *
 * @param type the provider key
 * @param config the provider's configuration (e.g. {@code {address, query}})
 */
public record MetricProvider(String type, JsonNode config) {}
