package io.streamlytics.query.segments;

import io.streamlytics.query.model.EventSelector;
import io.streamlytics.query.model.Filter;
import io.streamlytics.query.model.PropertyRef;
import io.streamlytics.query.segments.SegmentCondition.ActiveDays;
import io.streamlytics.query.segments.SegmentCondition.All;
import io.streamlytics.query.segments.SegmentCondition.Did;
import io.streamlytics.query.segments.SegmentCondition.FirstSeen;
import io.streamlytics.query.segments.SegmentCondition.Not;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** The segments every project has by name, as conditions. */
public final class Presets {
    static final Duration DAY = Duration.ofDays(1);
    static final Duration WEEK = Duration.ofDays(7);
    static final Duration MONTH = Duration.ofDays(30);

    /** Events that count as paying: a purchase-like event, or any event with a revenue. */
    static final EventSelector PAYMENT =
            new EventSelector(
                    EventSelector.ANY_EVENT,
                    List.of(
                            new Filter.AnyOf(
                                    List.of(
                                            new Filter.Condition(
                                                    PropertyRef.event("$event"),
                                                    Filter.Operator.EQUALS,
                                                    List.of(
                                                            "purchase",
                                                            "order_completed",
                                                            "$purchase")),
                                            new Filter.Condition(
                                                    PropertyRef.event("revenue"),
                                                    Filter.Operator.IS_SET,
                                                    List.of())))));

    static final Map<String, SegmentCondition> ALL =
            Map.of(
                    "new", new FirstSeen(WEEK),
                    "active_daily", active(DAY),
                    "active_weekly", active(WEEK),
                    "active_monthly", active(MONTH),
                    "returning", new All(List.of(active(WEEK), new Not(new FirstSeen(WEEK)))),
                    "dormant",
                            new All(List.of(active(Duration.ofDays(90)), new Not(active(MONTH)))),
                    "power_users", new ActiveDays(10, MONTH),
                    "paying", new Did(PAYMENT, 1, null, MONTH));

    private Presets() {}

    /** The preset's condition; see docs/query-model.md for each one's meaning. */
    public static SegmentCondition named(String name) {
        SegmentCondition condition = ALL.get(name);
        if (condition == null) {
            throw new IllegalArgumentException(
                    "no preset segment " + name + "; there are " + ALL.keySet());
        }
        return condition;
    }

    private static SegmentCondition active(Duration within) {
        return new Did(EventSelector.of(EventSelector.ANY_EVENT), 1, null, within);
    }
}
