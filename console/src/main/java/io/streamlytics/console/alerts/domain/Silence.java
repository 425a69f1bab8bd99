package io.streamlytics.console.alerts.domain;

import java.time.Instant;

/**
 * Quiets the notifications of a rule's alerts (ruleId null: every rule) for one key (null: every
 * key) between two instants. Alerts still change state and keep their history.
 */
public record Silence(
        long id,
        long projectId,
        String ruleId,
        String key,
        Instant startsAt,
        Instant endsAt,
        String comment) {

    public boolean quiets(Alert alert, Instant now) {
        return (ruleId == null || ruleId.equals(alert.ruleId()))
                && (key == null || key.equals(alert.key()))
                && !now.isBefore(startsAt)
                && now.isBefore(endsAt);
    }
}
