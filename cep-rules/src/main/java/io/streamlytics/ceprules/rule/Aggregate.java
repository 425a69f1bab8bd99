package io.streamlytics.ceprules.rule;

import java.io.Serializable;
import java.time.Duration;
import java.util.List;

/**
 * An aggregate alert: a measure of the matching events per window (tumbling, aligned to the epoch)
 * and the condition that fires the alert.
 */
public record Aggregate(
        String event, List<Predicate> where, Measure measure, Duration window, Condition when)
        implements Serializable {

    public boolean matches(RuleEvent e) {
        return Predicate.all(event, where, e);
    }

    /** What is measured per window. */
    public record Measure(Kind kind, String property) implements Serializable {
        public enum Kind {
            COUNT,
            UNIQUE_USERS,
            SUM
        }

        public static final Measure COUNT = new Measure(Kind.COUNT, null);

        @Override
        public String toString() {
            return kind == Kind.SUM ? "sum of " + property : kind.name().toLowerCase();
        }
    }

    /** When a window's measure fires the alert. */
    public sealed interface Condition extends Serializable {}

    /** Above or below a fixed value (either may be null). */
    public record Threshold(Double above, Double below) implements Condition {}

    /** Changed by at least {@code percent} against the window before. */
    public record Change(double percent, Direction direction) implements Condition {
        public enum Direction {
            UP,
            DOWN,
            ANY
        }
    }

    /**
     * Further than {@code deviations} standard deviations from an exponentially weighted moving
     * average (weight {@code alpha}) of the windows before, once {@code warmup} windows are seen.
     */
    public record Ewma(double alpha, double deviations, int warmup) implements Condition {}

    /** More than {@code factor} times, or less than 1/factor of, the same window a week before. */
    public record SameHourLastWeek(double factor) implements Condition {}

    /** A key that had matching events has none for a whole window. */
    public record Absence() implements Condition {}
}
