package io.streamlytics.query.segments;

import io.streamlytics.query.sql.EventSql;
import io.streamlytics.query.sql.FilterSql;
import io.streamlytics.query.sql.Scope;
import java.time.Instant;
import java.util.stream.Collectors;

/**
 * A segment's condition as a HAVING clause over one row per person, and how far back the scan must
 * reach. The people considered are those with events in that scan: "did not" and "dormant" speak of
 * people seen in the longest window the definition looks at.
 */
final class SegmentSql {
    private SegmentSql() {}

    /** People meeting the condition at {@code now}: one row each, column {@code person}. */
    static String members(SegmentCondition condition, Scope scope, Instant now) {
        Instant from = scanStart(condition, now);
        return "SELECT "
                + Scope.PERSON
                + " AS person FROM "
                + scope.table()
                + " WHERE "
                + scope.where(from, now.plusSeconds(1))
                + " GROUP BY person HAVING "
                + having(condition, scope, now);
    }

    static String having(SegmentCondition condition, Scope scope, Instant now) {
        if (condition instanceof SegmentCondition.Did did) {
            String counted =
                    "countIf("
                            + EventSql.matches(did.events(), scope)
                            + " AND timestamp >= toDateTime("
                            + now.minus(did.inLast()).getEpochSecond()
                            + "))";
            return "("
                    + counted
                    + " >= "
                    + did.atLeast()
                    + (did.atMost() == null ? "" : " AND " + counted + " <= " + did.atMost())
                    + ")";
        }
        if (condition instanceof SegmentCondition.ActiveDays active) {
            return "(uniqExactIf(toDate(timestamp), timestamp >= toDateTime("
                    + now.minus(active.inLast()).getEpochSecond()
                    + ")) >= "
                    + active.atLeast()
                    + ")";
        }
        if (condition instanceof SegmentCondition.FirstSeen first) {
            return "(min(timestamp) >= toDateTime("
                    + now.minus(first.within()).getEpochSecond()
                    + "))";
        }
        if (condition instanceof SegmentCondition.Property property) {
            return "(argMax(toUInt8("
                    + FilterSql.of(property.filter(), scope)
                    + "), timestamp) = 1)";
        }
        if (condition instanceof SegmentCondition.All all) {
            return all.conditions().stream()
                    .map(c -> having(c, scope, now))
                    .collect(Collectors.joining(" AND ", "(", ")"));
        }
        if (condition instanceof SegmentCondition.Any any) {
            return any.conditions().stream()
                    .map(c -> having(c, scope, now))
                    .collect(Collectors.joining(" OR ", "(", ")"));
        }
        return "(NOT " + having(((SegmentCondition.Not) condition).condition(), scope, now) + ")";
    }

    /**
     * Where the scan starts: the longest window the condition looks at, or the beginning (1970)
     * when it needs a person's first or newest event.
     */
    static Instant scanStart(SegmentCondition condition, Instant now) {
        if (condition instanceof SegmentCondition.Did did) {
            return now.minus(did.inLast());
        }
        if (condition instanceof SegmentCondition.ActiveDays active) {
            return now.minus(active.inLast());
        }
        if (condition instanceof SegmentCondition.FirstSeen
                || condition instanceof SegmentCondition.Property) {
            return Instant.EPOCH;
        }
        if (condition instanceof SegmentCondition.Not not) {
            return scanStart(not.condition(), now);
        }
        var children =
                condition instanceof SegmentCondition.All a
                        ? a.conditions()
                        : ((SegmentCondition.Any) condition).conditions();
        return children.stream().map(c -> scanStart(c, now)).min(Instant::compareTo).orElse(now);
    }
}
