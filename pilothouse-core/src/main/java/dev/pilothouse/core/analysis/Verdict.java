package dev.pilothouse.core.analysis;

/**
 * The phase a measurement's value is assessed at, with a message when it is not Successful.
 *
 * @param phase Successful, Failed, Inconclusive or Error
 * @param message why (empty when Successful)
 */
public record Verdict(AnalysisPhase phase, String message) {}
