package io.streamlytics.query.trends;

import io.streamlytics.query.model.Breakdown;
import io.streamlytics.query.model.Filter;
import io.streamlytics.query.model.Granularity;
import io.streamlytics.query.model.PropertyRef;
import io.streamlytics.query.model.TrendsQuery;
import io.streamlytics.query.sql.PropertySql;
import java.time.Instant;
import java.time.ZoneId;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.List;
import java.util.Set;

/**
 * The people-per-hour rollup of {@code events} (ClickHouse migration V014): one row per project,
 * UTC hour, event, person hash and the columns below, with the events counted. It answers a trends
 * series exactly when everything the series reads is in those rows: counts of events or people,
 * filters and breakdown on these columns only, and buckets of whole hours, which holds when the
 * zone's offsets are whole hours (an hour of UTC is then an hour of local time).
 */
final class PeopleHourly {
    static final String TABLE = "people_hourly";
    private static final Set<String> COLUMNS =
            Set.of("event", "country", "device_type", "browser", "os");

    private PeopleHourly() {}

    /** Whether the series' shape lets the rollup answer it (the zone is checked per stretch). */
    static boolean answers(TrendsQuery query, TrendsQuery.Series series, Granularity granularity) {
        Breakdown breakdown = query.breakdown();
        return !series.aggregation().type().needsProperty()
                && granularity != Granularity.MINUTE
                && covered(query.filters())
                && covered(series.events().filters())
                && (breakdown == null || (!breakdown.bySegment() && kept(breakdown.property())));
    }

    /** Whether every local hour between {@code from} and {@code to} is an hour of UTC. */
    static boolean wholeHours(ZoneId zone, Instant from, Instant to) {
        ZoneRules rules = zone.getRules();
        if (rules.getOffset(from).getTotalSeconds() % 3600 != 0) {
            return false;
        }
        for (ZoneOffsetTransition t = rules.nextTransition(from);
                t != null && t.getInstant().isBefore(to);
                t = rules.nextTransition(t.getInstant())) {
            if (t.getOffsetAfter().getTotalSeconds() % 3600 != 0) {
                return false;
            }
        }
        return true;
    }

    private static boolean kept(PropertyRef property) {
        String column = PropertySql.column(property);
        return column != null && COLUMNS.contains(column);
    }

    private static boolean covered(List<Filter> filters) {
        return filters.stream().allMatch(PeopleHourly::covered);
    }

    private static boolean covered(Filter filter) {
        if (filter instanceof Filter.Condition c) {
            return kept(c.property());
        }
        if (filter instanceof Filter.AllOf all) {
            return covered(all.filters());
        }
        if (filter instanceof Filter.AnyOf any) {
            return covered(any.filters());
        }
        // segment membership is by person, which the rollup keeps only as a hash
        return false;
    }
}
