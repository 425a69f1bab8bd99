package io.streamlytics.console.rules.domain;

import java.util.List;

/**
 * A funnel rule's live counts (Rules job → Redis): per step, how many times keys reached it today
 * (UTC) and since the version started.
 */
public record LiveFunnel(String ruleId, int version, List<Step> steps) {
    public record Step(int step, String name, long today, long total) {}
}
