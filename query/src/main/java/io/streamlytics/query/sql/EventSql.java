package io.streamlytics.query.sql;

import io.streamlytics.core.clickhouse.Sql;
import io.streamlytics.query.model.EventSelector;
import java.util.Collection;
import java.util.stream.Collectors;

/** Event selectors as SQL conditions. */
public final class EventSql {
    private EventSql() {}

    /** The event's name (unless {@code *}) and its filters. */
    public static String matches(EventSelector selector, Scope scope) {
        String name = selector.anyEvent() ? "1" : "event = " + Sql.quote(selector.event());
        return selector.filters().isEmpty()
                ? name
                : "(" + name + " AND " + FilterSql.all(selector.filters(), scope) + ")";
    }

    /**
     * A cheap first cut on the ORDER BY's {@code event} column: {@code event IN (…)} of every name
     * the selectors ask for, or {@code 1} when one of them takes every event.
     */
    public static String namesOf(Collection<EventSelector> selectors) {
        if (selectors.stream().anyMatch(EventSelector::anyEvent)) {
            return "1";
        }
        return selectors.stream()
                .map(s -> Sql.quote(s.event()))
                .distinct()
                .collect(Collectors.joining(", ", "event IN (", ")"));
    }
}
