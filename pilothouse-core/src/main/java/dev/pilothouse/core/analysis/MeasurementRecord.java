package dev.pilothouse.core.analysis;

import java.time.Instant;

/**
 * One measurement as kept in {@code status.metricResults[].measurements[]}.
 *
 * @param phase Successful, Failed, Inconclusive or Error
 * @param value the provider's value rendered as text (Argo writes e.g. {@code [0.995]})
 * @param startedAt when the query started
 * @param finishedAt when it finished
 * @param message why it is not Successful (empty otherwise)
 */
public record MeasurementRecord(
    AnalysisPhase phase, String value, Instant startedAt, Instant finishedAt, String message) {}
