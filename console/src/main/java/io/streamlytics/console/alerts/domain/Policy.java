package io.streamlytics.console.alerts.domain;

import java.time.Duration;
import java.util.List;

/**
 * An escalation policy: who is told when an alert fires, and who next while nobody acknowledges.
 * Alerts of one group that fire within {@code groupWait} of the first travel in one message.
 *
 * @param levels in order; the first's {@code after} is zero
 */
public record Policy(
        long projectId, String name, GroupBy groupBy, Duration groupWait, List<Level> levels) {

    /** The project's policy for rules that name none. */
    public static final String DEFAULT = "default";

    public enum GroupBy {
        /** One message for a rule's alerts (of every key). */
        RULE,
        /** One message per rule and key. */
        KEY
    }

    /** Channels notified {@code after} the alert fired, unless it was acknowledged by then. */
    public record Level(Duration after, List<String> channels) {}

    public boolean hasLevel(int level) {
        return level >= 0 && level < levels.size();
    }
}
