package io.streamlytics.console.alerts.domain;

import java.time.Duration;
import java.time.Instant;

/**
 * One alert: a rule's key from its first firing detection until it resolves. Repeated detections
 * while it is open are counted on it, not made into new alerts (dedup).
 *
 * @param eventAt event time of the last detection
 * @param resolveAfter a sequence's alert resolves after this long without a match; null for an
 *     aggregate's, which its rule resolves
 * @param notifiedState what people were last told: "" (nothing yet), firing or resolved
 * @param notifiedLevel the highest escalation level notified; -1 for none
 */
public record Alert(
        long id,
        long projectId,
        String ruleId,
        int ruleVersion,
        String key,
        String severity,
        String policy,
        AlertState state,
        String summary,
        double value,
        int detections,
        Instant eventAt,
        Instant startedAt,
        Instant lastDetectedAt,
        Instant firesAt,
        Instant firedAt,
        Instant resolvedAt,
        Duration resolveAfter,
        Instant acknowledgedAt,
        String acknowledgedBy,
        String notifiedState,
        int notifiedLevel,
        Instant dueAt) {

    public boolean acknowledged() {
        return acknowledgedAt != null;
    }

    public boolean notifiedFiring() {
        return "firing".equals(notifiedState);
    }

    public Alert fire(Instant now) {
        return with(AlertState.FIRING, now, resolvedAt, notifiedState, notifiedLevel, dueAt);
    }

    public Alert resolve(Instant now) {
        return with(AlertState.RESOLVED, firedAt, now, notifiedState, notifiedLevel, dueAt);
    }

    public Alert notified(String told, int level) {
        return with(state, firedAt, resolvedAt, told, level, dueAt);
    }

    public Alert due(Instant at) {
        return with(state, firedAt, resolvedAt, notifiedState, notifiedLevel, at);
    }

    /** The same alert with what the engine changes on it. */
    private Alert with(
            AlertState newState,
            Instant newFiredAt,
            Instant newResolvedAt,
            String newNotifiedState,
            int newNotifiedLevel,
            Instant newDueAt) {
        return new Alert(
                id,
                projectId,
                ruleId,
                ruleVersion,
                key,
                severity,
                policy,
                newState,
                summary,
                value,
                detections,
                eventAt,
                startedAt,
                lastDetectedAt,
                firesAt,
                newFiredAt,
                newResolvedAt,
                resolveAfter,
                acknowledgedAt,
                acknowledgedBy,
                newNotifiedState,
                newNotifiedLevel,
                newDueAt);
    }
}
