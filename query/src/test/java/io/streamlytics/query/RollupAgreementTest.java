package io.streamlytics.query;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamlytics.core.clickhouse.ClickHouse;
import io.streamlytics.devstack.ClickHouseServer;
import io.streamlytics.devstack.junit.ClickHouseExtension;
import io.streamlytics.query.trends.TrendsResult;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Trends read from the people-per-hour rollup answer exactly as trends read from {@code events}:
 * generated events over two clock changes (Europe on 25 October, America on 1 November), asked in
 * several zones, with ranges that end mid-hour so the minutes either side of the whole hours come
 * from {@code events}.
 */
@ExtendWith(ClickHouseExtension.class)
class RollupAgreementTest {
    static final Instant START = Instant.parse("2026-10-20T00:00:00Z");
    static final String NOW = "2026-11-05T10:37:00Z";
    static final String[] COUNTRIES = {"DE", "US", "FR", "IN", "BR", ""};
    static final String[] BROWSERS = {"Chrome", "Firefox", "Safari"};
    static final String[] OSES = {"Linux", "Windows", "iOS", "Android"};
    static final String[] DEVICES = {"desktop", "mobile", "tablet"};
    static ClickHouse clickhouse;
    static QueryEngine engine;

    @BeforeAll
    static void load(ClickHouseServer server) {
        clickhouse = AnalysisDatabase.create(server, "query_rollup");
        Random random = new Random(7);
        KnownEvents events = new KnownEvents(1);
        long span = Instant.parse(NOW).getEpochSecond() - START.getEpochSecond();
        for (int i = 0; i < 6000; i++) {
            int person = random.nextInt(300);
            Instant at = START.plusSeconds((long) (random.nextDouble() * span));
            events.add(
                    "p" + person,
                    "abc".substring(random.nextInt(3)).substring(0, 1),
                    at.toString(),
                    Map.of(),
                    Map.of(
                            // a third of the people have no resolved identity yet
                            "person_id", person % 3 == 0 ? "" : "p" + person,
                            "country", COUNTRIES[random.nextInt(COUNTRIES.length)],
                            "browser", BROWSERS[person % BROWSERS.length],
                            "os", OSES[random.nextInt(OSES.length)],
                            "device_type", DEVICES[person % DEVICES.length]));
        }
        events.writeTo(clickhouse);
        engine = AnalysisDatabase.engine(clickhouse, NOW);
    }

    @AfterAll
    static void close() {
        clickhouse.close();
    }

    static Stream<Arguments> queries() {
        List<String> zones = List.of("UTC", "Europe/Berlin", "America/New_York", "Asia/Kolkata");
        List<String> queries =
                List.of(
                        trends(
                                "{\"from\": \"2026-10-21\", \"to\": \"2026-11-03\"}",
                                "unique_users",
                                "day",
                                ""),
                        trends("{\"last\": \"30h\"}", "unique_users", "hour", ""),
                        trends(
                                "{\"last\": \"3w\"}",
                                "total",
                                "week",
                                ", \"breakdown\": {\"property\": \"$country\", \"limit\": 3},"
                                        + " \"filters\": [{\"property\": \"$browser\", \"op\": \"equals\", \"value\": \"Firefox\"}]"),
                        trends(
                                "{\"last\": \"20d\"}",
                                "per_user_average",
                                "month",
                                ", \"filters\": [{\"or\": [{\"property\": \"$country\", \"op\": \"equals\", \"value\": [\"DE\", \"FR\"]},"
                                        + " {\"property\": \"$os\", \"op\": \"contains\", \"value\": \"win\"}]}]"),
                        trends(
                                "{\"last\": \"5d\"}",
                                "dau",
                                "day",
                                ", \"breakdown\": {\"property\": \"$device_type\"}"),
                        trends("{\"last\": \"7d\"}", "wau", "day", ""),
                        trends(
                                "{\"from\": \"2026-11-01\", \"to\": \"2026-11-05\"}",
                                "mau",
                                "day",
                                ", \"compare\": true"),
                        trends(
                                "{\"last\": \"10d\"}",
                                "stickiness",
                                "day",
                                ", \"breakdown\": {\"property\": \"$os\", \"limit\": 2}"),
                        trends(
                                "{\"last\": \"100h\"}",
                                "unique_users",
                                "day",
                                ", \"breakdown\": {\"property\": \"$event\"}"));
        return zones.stream().flatMap(z -> queries.stream().map(q -> Arguments.of(z, q)));
    }

    private static String trends(
            String range, String aggregation, String granularity, String more) {
        return "{\"version\": 1, \"kind\": \"trends\", \"range\": "
                + range
                + ", \"granularity\": \""
                + granularity
                + "\", \"series\": [{\"event\": \"*\", \"aggregation\": {\"type\": \""
                + aggregation
                + "\"}}, {\"event\": \"a\", \"aggregation\": {\"type\": \""
                + aggregation
                + "\"}, \"filters\": [{\"property\": \"$os\", \"op\": \"not_equals\", \"value\": \"iOS\"}]}]"
                + more
                + "}";
    }

    @ParameterizedTest
    @MethodSource("queries")
    void theRollupAnswersAsTheEventsDo(String zone, String query) {
        TrendsResult rolledUp = (TrendsResult) engine.run(1, ZoneId.of(zone), query);
        TrendsResult plain = (TrendsResult) engine.withoutRollups().run(1, ZoneId.of(zone), query);

        assertThat(rolledUp).isEqualTo(plain);
        assertThat(rolledUp.series())
                .as("the answer is not empty")
                .anySatisfy(
                        s -> assertThat(s.values()).anySatisfy(v -> assertThat(v).isPositive()));
    }

    /** An empty rollup shows which answers come from it: those change, the rest do not. */
    @Test
    void trendsThatCountPeopleReadTheRollup(ClickHouseServer server) {
        try (ClickHouse other = AnalysisDatabase.create(server, "query_rollup_used")) {
            new KnownEvents(1)
                    .add(
                            "ann",
                            "view",
                            "2026-11-02T09:15:00Z",
                            Map.of("plan", "pro"),
                            Map.of("country", "DE"))
                    .add(
                            "bob",
                            "view",
                            "2026-11-02T10:45:00Z",
                            Map.of("plan", "pro"),
                            Map.of("country", "FR"))
                    .writeTo(other);
            other.execute("TRUNCATE TABLE query_rollup_used.people_hourly");
            QueryEngine engine = AnalysisDatabase.engine(other, NOW);
            String range = "{\"from\": \"2026-11-02\", \"to\": \"2026-11-02\"}";

            assertThat(day(engine, ZoneId.of("UTC"), trends(range, "unique_users", "day", "")))
                    .as("read from the (emptied) rollup")
                    .isEqualTo(0.0);
            assertThat(
                            day(
                                    engine.withoutRollups(),
                                    ZoneId.of("UTC"),
                                    trends(range, "unique_users", "day", "")))
                    .isEqualTo(2.0);
            assertThat(
                            day(
                                    engine,
                                    ZoneId.of("Asia/Kolkata"),
                                    trends(range, "unique_users", "day", "")))
                    .as("half-hour offsets: read from events")
                    .isEqualTo(2.0);
            assertThat(
                            day(
                                    engine,
                                    ZoneId.of("UTC"),
                                    trends(
                                            range,
                                            "unique_users",
                                            "day",
                                            ", \"filters\": [{\"property\": \"plan\", \"op\": \"equals\", \"value\": \"pro\"}]")))
                    .as("a filter on a property the rollup lacks: read from events")
                    .isEqualTo(2.0);
        }
    }

    private static double day(QueryEngine engine, ZoneId zone, String query) {
        TrendsResult result = (TrendsResult) engine.run(1, zone, query);
        return result.series().get(0).values().get(0);
    }
}
