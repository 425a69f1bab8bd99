package io.streamlytics.ceprules.rule;

import java.io.Serializable;
import java.time.Duration;
import java.util.List;

/**
 * A rule as read from its YAML: a sequence of steps (a funnel, or an alert when it completes) or an
 * aggregate alert. Exactly one of {@code steps} and {@code aggregate} is set.
 *
 * @param within the longest time from the first step to the last; null when unbounded
 */
public record Rule(
        String id,
        String name,
        Type type,
        Key key,
        Duration within,
        List<Step> steps,
        Aggregate aggregate,
        AlertSpec alert)
        implements Serializable {

    public enum Type {
        FUNNEL,
        ALERT
    }

    public boolean sequence() {
        return steps != null;
    }
}
