package io.streamlytics.query;

import io.streamlytics.core.clickhouse.ClickHouse;
import io.streamlytics.core.clickhouse.ClickHouseMigrations;
import io.streamlytics.core.clickhouse.ClickHouseSettings;
import io.streamlytics.devstack.ClickHouseServer;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

/** A fresh database with the platform's tables on the shared ClickHouse, and an engine on it. */
final class AnalysisDatabase {
    private AnalysisDatabase() {}

    static ClickHouse create(ClickHouseServer server, String database) {
        ClickHouse clickhouse =
                ClickHouse.connect(
                        new ClickHouseSettings(
                                server.httpUrl(), server.user(), server.password(), database));
        clickhouse.execute("DROP DATABASE IF EXISTS " + database);
        new ClickHouseMigrations(clickhouse).apply();
        return clickhouse;
    }

    static QueryEngine engine(ClickHouse clickhouse, String now) {
        return new QueryEngine(
                clickhouse,
                QueryLimits.defaults(),
                Clock.fixed(Instant.parse(now), ZoneOffset.UTC));
    }
}
