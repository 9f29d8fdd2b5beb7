package dev.pilothouse.core.slo;

import java.util.List;

/** A named group of rules, evaluated together by Prometheus. */
public record RuleGroup(String name, List<PromRule> rules) {}
