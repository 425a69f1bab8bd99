package io.streamlytics.core.clickhouse;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamlytics.devstack.ClickHouseServer;
import io.streamlytics.devstack.junit.ClickHouseExtension;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

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
                    .containsExactly(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15);
            assertThat(migrations.apply()).isEmpty();
            assertThat(new ClickHouseMigrations(ch).apply()).isEmpty();
            assertThat(migrations.appliedVersions())
                    .containsExactly(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15);
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
                            "daily_metrics_mv",
                            "people_hourly",
                            "people_hourly_mv");
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

    /**
     * People per hour: inserted events through the view, and the events from before the migration
     * through its backfill (replayed here by dropping the rollup and forgetting V014).
     */
    @Test
    void peopleHourlyFollowsInsertedAndEarlierEvents(ClickHouseServer server) throws Exception {
        try (ClickHouse ch = connect(server, "migrations_hourly")) {
            ClickHouseMigrations migrations = new ClickHouseMigrations(ch);
            migrations.apply();
            String rows =
                    """
                    {"project_id":1,"insert_id":"a","event":"view","distinct_id":"d1","person_id":"u1","timestamp":1777629600}
                    {"project_id":1,"insert_id":"b","event":"view","distinct_id":"d2","person_id":"u1","timestamp":1777630000}
                    {"project_id":1,"insert_id":"c","event":"view","distinct_id":"d3","timestamp":1777633200}
                    """;
            ch.insertJsonEachRow("events", rows.getBytes(StandardCharsets.UTF_8));
            String hours =
                    "SELECT toUInt32(hour) AS hour, sum(events) AS events, uniqExact(person_hash) AS people"
                            + " FROM migrations_hourly.people_hourly GROUP BY hour ORDER BY hour";
            List<String> expected = List.of("1777629600:2:1", "1777633200:1:1");
            assertThat(summary(ch.query(hours))).isEqualTo(expected);

            ch.execute("DROP TABLE migrations_hourly.people_hourly_mv");
            ch.execute("DROP TABLE migrations_hourly.people_hourly");
            ch.execute("ALTER TABLE migrations_hourly.schema_migrations DELETE WHERE version = 14");
            for (int i = 0; i < 100 && migrations.appliedVersions().contains(14); i++) {
                Thread.sleep(100);
            }
            assertThat(migrations.apply()).containsExactly(14);
            assertThat(summary(ch.query(hours))).isEqualTo(expected);
        }
    }

    private static List<String> summary(List<JsonNode> rows) {
        return rows.stream()
                .map(
                        r ->
                                r.path("hour").asLong()
                                        + ":"
                                        + r.path("events").asLong()
                                        + ":"
                                        + r.path("people").asLong())
                .toList();
    }

    @Test
    void statementsSplitOnSemicolonsAtLineEnds() {
        assertThat(ClickHouseMigrations.statements("-- c\nCREATE A;\nCREATE B 'x;y'\n"))
                .containsExactly("CREATE A", "CREATE B 'x;y'");
    }
}
