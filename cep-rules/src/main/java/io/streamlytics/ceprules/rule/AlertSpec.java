package io.streamlytics.ceprules.rule;

import java.io.Serializable;
import java.time.Duration;

/**
 * How an alert rule's alerts read and are handled by the alert engine (docs/alerts.md).
 *
 * @param policy the escalation policy that notifies people; "" for the project's {@code default}
 * @param holdFor how long an aggregate's condition must stay true before the alert fires (it is
 *     pending until then); zero fires at once
 * @param resolveAfter a sequence's alert resolves after this long without another match
 */
public record AlertSpec(
        Severity severity, String summary, String policy, Duration holdFor, Duration resolveAfter)
        implements Serializable {
    public enum Severity {
        INFO,
        WARNING,
        CRITICAL
    }

    public static final Duration DEFAULT_RESOLVE_AFTER = Duration.ofMinutes(10);

    public static final AlertSpec DEFAULT =
            new AlertSpec(Severity.WARNING, "", "", Duration.ZERO, DEFAULT_RESOLVE_AFTER);
}
