package io.streamlytics.console.alerts.domain;

import java.util.Locale;

/** What a notification says: alerts fired, still fire unacknowledged (escalated), or resolved. */
public enum NoticeKind {
    FIRING,
    ESCALATED,
    RESOLVED;

    public String dbName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
