package io.streamlytics.core.clickhouse;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamlytics.devstack.ClickHouseServer;
import io.streamlytics.devstack.junit.ClickHouseExtension;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(ClickHouseExtension.class)
class ClickHouseMigrationsTest {

    private static ClickHouse connect(ClickHouseServer server, String database) {
        return ClickHouse.connect(
                new ClickHouseSettings(
                        server.httpUrl(), server.user(), server.password(), database));
    }

    @Test
    void appliesEveryMigrationOnceAndIsIdempotent(ClickHouseServer server) {
        try (ClickHouse ch = connect(server, "migrations_once")) {
            ClickHouseMigrations migrations = new ClickHouseMigrations(ch);

            assertThat(migrations.apply())
                    .containsExactly(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13);
            assertThat(migrations.apply()).isEmpty();
            assertThat(new ClickHouseMigrations(ch).apply()).isEmpty();
            assertThat(migrations.appliedVersions())
                    .containsExactly(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13);
            assertThat(
                            ch
                                    .query(
                                            "SELECT name FROM system.tables WHERE database = 'migrations_once' ORDER BY name")
                                    .stream()
                                    .map(r -> r.path("name").asString()))
                    .contains(
                            "events",
                            "sessions",
                            "persons",
                            "person_aliases",
                            "daily_metrics",
                            "daily_metrics_mv");
        }
    }

    @Test
    void dailyMetricsFollowInsertedEvents(ClickHouseServer server) {
        try (ClickHouse ch = connect(server, "migrations_mv")) {
            new ClickHouseMigrations(ch).apply();
            String rows =
                    """
                    {"project_id":1,"insert_id":"a","event":"page_view","distinct_id":"u1","timestamp":1777629600}
                    {"project_id":1,"insert_id":"b","event":"page_view","distinct_id":"u1","timestamp":1777633200}
                    {"project_id":1,"insert_id":"c","event":"page_view","distinct_id":"u2","timestamp":1777719600}
                    """;
            ch.insertJsonEachRow("events", rows.getBytes(StandardCharsets.UTF_8));

            var days =
                    ch.query(
                            "SELECT toString(day) AS day, countMerge(events) AS events, uniqMerge(users) AS users"
                                    + " FROM migrations_mv.daily_metrics WHERE project_id = 1"
                                    + " GROUP BY day ORDER BY day");

            assertThat(days).hasSize(2);
            assertThat(days.get(0).path("day").asString()).isEqualTo("2026-05-01");
            assertThat(days.get(0).path("events").asLong()).isEqualTo(2);
            assertThat(days.get(0).path("users").asLong()).isEqualTo(1);
            assertThat(days.get(1).path("events").asLong()).isEqualTo(1);
        }
    }

    @Test
    void statementsSplitOnSemicolonsAtLineEnds() {
        assertThat(ClickHouseMigrations.statements("-- c\nCREATE A;\nCREATE B 'x;y'\n"))
                .containsExactly("CREATE A", "CREATE B 'x;y'");
    }
}
