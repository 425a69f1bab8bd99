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
        return new Alert(
                id,
                projectId,
                ruleId,
                ruleVersion,
                key,
                severity,
                policy,
                AlertState.FIRING,
                summary,
                value,
                detections,
                eventAt,
                startedAt,
                lastDetectedAt,
                firesAt,
                now,
                resolvedAt,
                resolveAfter,
                acknowledgedAt,
                acknowledgedBy,
                notifiedState,
                notifiedLevel,
                dueAt);
    }

    public Alert resolve(Instant now) {
        return new Alert(
                id,
                projectId,
                ruleId,
                ruleVersion,
                key,
                severity,
                policy,
                AlertState.RESOLVED,
                summary,
                value,
                detections,
                eventAt,
                startedAt,
                lastDetectedAt,
                firesAt,
                firedAt,
                now,
                resolveAfter,
                acknowledgedAt,
                acknowledgedBy,
                notifiedState,
                notifiedLevel,
                dueAt);
    }

    public Alert notified(String state, int level) {
        return new Alert(
                id,
                projectId,
                ruleId,
                ruleVersion,
                key,
                severity,
                policy,
                this.state,
                summary,
                value,
                detections,
                eventAt,
                startedAt,
                lastDetectedAt,
                firesAt,
                firedAt,
                resolvedAt,
                resolveAfter,
                acknowledgedAt,
                acknowledgedBy,
                state,
                level,
                dueAt);
    }

    public Alert due(Instant at) {
        return new Alert(
                id,
                projectId,
                ruleId,
                ruleVersion,
                key,
                severity,
                policy,
                state,
                summary,
                value,
                detections,
                eventAt,
                startedAt,
                lastDetectedAt,
                firesAt,
                firedAt,
                resolvedAt,
                resolveAfter,
                acknowledgedAt,
                acknowledgedBy,
                notifiedState,
                notifiedLevel,
                at);
    }
}
