package io.streamlytics.query;

import io.streamlytics.core.clickhouse.ClickHouse;
import io.streamlytics.query.funnels.FunnelAnalysis;
import io.streamlytics.query.model.FunnelQuery;
import io.streamlytics.query.model.PathsQuery;
import io.streamlytics.query.model.Query;
import io.streamlytics.query.model.QueryReader;
import io.streamlytics.query.model.RetentionQuery;
import io.streamlytics.query.model.TimeRange;
import io.streamlytics.query.model.TrendsQuery;
import io.streamlytics.query.paths.PathsAnalysis;
import io.streamlytics.query.retention.RetentionAnalysis;
import io.streamlytics.query.sql.QueryRunner;
import io.streamlytics.query.sql.Scope;
import io.streamlytics.query.trends.TrendsAnalysis;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;

/**
 * Runs analyses of one project's events in ClickHouse: reads the JSON query model, resolves the
 * range in the project's timezone, checks the cost limits and hands the query to its analysis.
 * Thread-safe.
 */
public final class QueryEngine {
    private final QueryReader reader = QueryReader.load();
    private final QueryRunner runner;
    private final QueryLimits limits;
    private final Clock clock;
    private final String events;
    private final boolean rollups;

    public QueryEngine(ClickHouse clickhouse, QueryLimits limits, Clock clock) {
        this(new QueryRunner(clickhouse, limits), limits, clock, clickhouse.table("events"), true);
    }

    private QueryEngine(
            QueryRunner runner, QueryLimits limits, Clock clock, String events, boolean rollups) {
        this.runner = runner;
        this.limits = limits;
        this.clock = clock;
        this.events = events;
        this.rollups = rollups;
    }

    /**
     * The same engine reading {@code events} alone, never a rollup: the baseline that rollups are
     * checked and measured against.
     */
    public QueryEngine withoutRollups() {
        return new QueryEngine(runner, limits, clock, events, false);
    }

    /** Reads a query in the JSON model; {@link InvalidQueryException} says what is wrong. */
    public Query read(String json) {
        return reader.read(json);
    }

    /** Reads a query already parsed as JSON. */
    public Query read(tools.jackson.databind.JsonNode json) {
        return reader.read(json);
    }

    public QueryResult run(long projectId, ZoneId zone, String json) {
        return run(projectId, zone, read(json));
    }

    public QueryResult run(long projectId, ZoneId zone, Query query) {
        Instant now = clock.instant();
        Scope scope = new Scope(events, projectId, window(query, now, zone), zone);
        if (query instanceof TrendsQuery q) {
            return new TrendsAnalysis(runner, rollups).run(q, scope);
        }
        if (query instanceof FunnelQuery q) {
            return new FunnelAnalysis(runner).run(q, scope);
        }
        if (query instanceof RetentionQuery q) {
            return new RetentionAnalysis(runner).run(q, scope, now);
        }
        return new PathsAnalysis(runner).run((PathsQuery) query, scope);
    }

    /**
     * The stretch of event time the query reads (a funnel's window past the range's end, the
     * history before a first-time cohort), so a cache can tell whether those events changed.
     */
    public TimeRange.Window scanned(ZoneId zone, Query query) {
        Instant now = clock.instant();
        TimeRange.Window window = window(query, now, zone);
        if (query instanceof TrendsQuery) {
            // DAU/WAU/MAU read up to 29 days before the range
            return new TimeRange.Window(
                    window.from().minus(java.time.Duration.ofDays(30)), window.to());
        }
        if (query instanceof FunnelQuery q) {
            return new TimeRange.Window(window.from(), window.to().plus(q.window()));
        }
        if (query instanceof RetentionQuery q) {
            long days =
                    switch (q.period()) {
                        case DAY -> 1;
                        case WEEK -> 7;
                        case MONTH -> 31;
                    };
            Instant end = window.to().plus(java.time.Duration.ofDays(days * (q.periods() + 1)));
            return new TimeRange.Window(
                    q.mode() == RetentionQuery.Mode.FIRST_TIME ? Instant.EPOCH : window.from(),
                    end.isBefore(now) ? end : now);
        }
        return window;
    }

    /** Whether the query's range reaches the present, so its answer changes as events arrive. */
    public boolean open(ZoneId zone, Query query) {
        Instant now = clock.instant();
        return !scanned(zone, query).to().isBefore(now.minus(java.time.Duration.ofMinutes(5)));
    }

    private TimeRange.Window window(Query query, Instant now, ZoneId zone) {
        TimeRange.Window window;
        try {
            window = query.range().resolve(now, zone);
        } catch (IllegalArgumentException e) {
            throw new InvalidQueryException(e.getMessage());
        }
        if (window.length().compareTo(limits.maxRange()) > 0) {
            throw new QueryLimitException(
                    "the range covers "
                            + window.length().toDays()
                            + " days; at most "
                            + limits.maxRange().toDays()
                            + " are allowed");
        }
        return window;
    }
}
