package io.streamlytics.console.insights.service;

import io.streamlytics.core.clickhouse.ClickHouse;
import io.streamlytics.core.text.Sha256;
import io.streamlytics.query.model.TimeRange;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.JedisPooled;
import redis.clients.jedis.params.SetParams;

/**
 * Analysis results in Redis under a key made of the project, its cache generation and the
 * normalised query. Freshness: a query whose range reaches the present is kept a minute; a closed
 * range a day, but each hit first checks that the events the query read are still what they were
 * (their count and newest arrival time over those days), so late events and deletions are seen at
 * once. Bumping the generation drops all of a project's entries. Redis being down only costs the
 * cache.
 */
@org.springframework.stereotype.Service
public class QueryCache {
    static final Duration OPEN = Duration.ofMinutes(1);
    static final Duration CLOSED = Duration.ofDays(1);
    private static final Logger LOG = LoggerFactory.getLogger(QueryCache.class);
    private static final String SEPARATOR = "\n";

    private final JedisPooled redis;
    private final ClickHouse clickhouse;

    public QueryCache(JedisPooled redis, ClickHouse clickhouse) {
        this.redis = redis;
        this.clickhouse = clickhouse;
    }

    /** Where a query's result is kept; {@code normalised} is the query with its keys sorted. */
    public String key(long projectId, String zone, String normalised) {
        return "qc:"
                + projectId
                + ":"
                + generation(projectId)
                + ":"
                + Sha256.hex(zone + SEPARATOR + normalised);
    }

    /** The stored result, if it is still true to the events (checked for closed ranges). */
    public Optional<String> get(
            String key, long projectId, TimeRange.Window scanned, boolean open) {
        String stored;
        try {
            stored = redis.get(key);
        } catch (RuntimeException e) {
            LOG.warn("query cache unavailable: {}", e.getMessage());
            return Optional.empty();
        }
        if (stored == null) {
            return Optional.empty();
        }
        int cut = stored.indexOf(SEPARATOR);
        if (!open && !stored.substring(0, cut).equals(fingerprint(projectId, scanned))) {
            return Optional.empty();
        }
        return Optional.of(stored.substring(cut + 1));
    }

    public void put(
            String key, long projectId, TimeRange.Window scanned, boolean open, String result) {
        String fingerprint = open ? "" : fingerprint(projectId, scanned);
        try {
            redis.set(
                    key,
                    fingerprint + SEPARATOR + result,
                    SetParams.setParams().ex((open ? OPEN : CLOSED).toSeconds()));
        } catch (RuntimeException e) {
            LOG.warn("query cache unavailable: {}", e.getMessage());
        }
    }

    /** Drops every cached result of the project (after a deletion, say). */
    public void invalidate(long projectId) {
        redis.incr(generationKey(projectId));
    }

    private long generation(long projectId) {
        try {
            String value = redis.get(generationKey(projectId));
            return value == null ? 0 : Long.parseLong(value);
        } catch (RuntimeException e) {
            return -1;
        }
    }

    private static String generationKey(long projectId) {
        return "qgen:" + projectId;
    }

    /** What the events of those days look like now: how many, and the newest arrival. */
    String fingerprint(long projectId, TimeRange.Window scanned) {
        return clickhouse
                .query(
                        "SELECT count() AS n, toUInt32(max(received_at)) AS r FROM "
                                + clickhouse.table("events")
                                + " WHERE project_id = "
                                + projectId
                                + " AND toDate(timestamp) >= toDate('"
                                + scanned.from().atZone(ZoneOffset.UTC).toLocalDate()
                                + "') AND toDate(timestamp) <= toDate('"
                                + scanned.to().atZone(ZoneOffset.UTC).toLocalDate()
                                + "')")
                .get(0)
                .toString();
    }
}
