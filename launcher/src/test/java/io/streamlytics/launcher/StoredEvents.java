package io.streamlytics.launcher;

import io.streamlytics.core.clickhouse.ClickHouse;
import io.streamlytics.core.clickhouse.ClickHouseSettings;
import io.streamlytics.core.config.PlatformConfig;
import java.time.Duration;
import java.util.function.LongPredicate;
import org.awaitility.Awaitility;

/** Reads what a stack stored in ClickHouse {@code analytics.events}. */
final class StoredEvents {
    private final PlatformConfig config;

    StoredEvents(PlatformConfig config) {
        this.config = config;
    }

    /** {@code SELECT <expression> FROM events [WHERE <where>]} as a number. */
    long select(String expression, String where) {
        try (ClickHouse clickhouse =
                ClickHouse.connect(ClickHouseSettings.from(config.clickhouse()))) {
            return clickhouse.queryLong(
                    "SELECT "
                            + expression
                            + " AS n FROM "
                            + clickhouse.table("events")
                            + (where.isEmpty() ? "" : " WHERE " + where),
                    "n");
        }
    }

    /**
     * Waits up to a minute until the number of events matching {@code where} passes {@code test}.
     */
    void awaitCount(String where, LongPredicate test) {
        Awaitility.await()
                .atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> test.test(select("count()", where)));
    }
}
