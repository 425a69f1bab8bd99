package io.streamlytics.console.alerts.domain;

import java.util.Locale;

/**
 * Where an alert stands: pending (its condition holds but not yet for the rule's {@code for}),
 * firing, or resolved.
 */
public enum AlertState {
    PENDING,
    FIRING,
    RESOLVED;

    public String dbName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static AlertState of(String dbName) {
        return valueOf(dbName.toUpperCase(Locale.ROOT));
    }
}
