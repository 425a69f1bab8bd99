package io.streamlytics.launcher.bench;

import io.streamlytics.core.clickhouse.ClickHouse;
import io.streamlytics.core.clickhouse.ClickHouseMigrations;
import io.streamlytics.core.clickhouse.ClickHouseSettings;
import io.streamlytics.devstack.ClickHouseServer;
import io.streamlytics.devstack.Ports;
import io.streamlytics.devstack.PostgresServer;
import io.streamlytics.query.QueryEngine;
import io.streamlytics.query.QueryLimits;
import io.streamlytics.query.QueryResult;
import io.streamlytics.query.funnels.FunnelResult;
import io.streamlytics.query.trends.TrendsResult;
import java.io.ByteArrayOutputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.Callable;
import org.postgresql.copy.CopyManager;
import org.postgresql.core.BaseConnection;

/**
 * {@code bin/analytics bench queries}: the query engine on ClickHouse against the same analyses
 * written plainly in SQL on PostgreSQL (indexes on (event, ts) and (person, ts)), over the same 10
 * million generated events, in the same run: a 5-step and a 20-step funnel, 12-week retention and a
 * 90-day daily-active-users trend broken down by country. Each figure is the median of three runs
 * after a warm-up (PostgreSQL runs longer than a minute are measured once).
 */
public final class QueryBenchmark {
    static final int PEOPLE = 200_000;
    static final long EVENTS = Long.getLong("bench.query.events", 10_000_000L);
    static final String FROM = "2026-07-31";
    static final String TO = "2026-10-28";

    private QueryBenchmark() {}

    public static void main(String[] args) throws Exception {
        Path dir = Files.createTempDirectory("query-bench-");
        String password = UUID.randomUUID().toString();
        try (ClickHouseServer server =
                        ClickHouseServer.start(
                                dir.resolve("clickhouse"),
                                ClickHouseServer.Ports.free(),
                                password,
                                dir.resolve("ch.pid"));
                PostgresServer postgres =
                        PostgresServer.start(dir.resolve("postgres"), Ports.free());
                ClickHouse clickhouse =
                        ClickHouse.connect(
                                new ClickHouseSettings(
                                        server.httpUrl(), server.user(), password, "analytics"))) {
            new ClickHouseMigrations(clickhouse).apply();
            GeneratedEvents events = new GeneratedEvents(PEOPLE, EVENTS);
            long started = System.nanoTime();
            loadClickHouse(clickhouse, events);
            double clickhouseLoad = (System.nanoTime() - started) / 1e9;
            String url = postgres.createDatabase("bench");
            try (Connection pg =
                    DriverManager.getConnection(url, postgres.user(), postgres.password())) {
                started = System.nanoTime();
                loadPostgres(pg, events);
                double postgresLoad = (System.nanoTime() - started) / 1e9;
                QueryEngine engine =
                        new QueryEngine(
                                clickhouse,
                                new QueryLimits(
                                        Duration.ofDays(731), Duration.ofMinutes(10), 1_000_000),
                                Clock.fixed(Instant.parse("2026-11-05T00:00:00Z"), ZoneOffset.UTC));
                List<String> rows = new ArrayList<>();
                rows.add(
                        compare(
                                "5-step funnel (14-day window)",
                                1000,
                                engine,
                                funnel(5),
                                pg,
                                PostgresAnalyses.funnel(5, FROM, TO)));
                rows.add(
                        compare(
                                "20-step funnel (14-day window)",
                                3000,
                                engine,
                                funnel(20),
                                pg,
                                PostgresAnalyses.funnel(20, FROM, TO)));
                rows.add(
                        compare(
                                "12-week retention (first-time weekly cohorts)",
                                1000,
                                engine,
                                RETENTION,
                                pg,
                                PostgresAnalyses.retention()));
                rows.add(
                        compare(
                                "90-day DAU trend by country",
                                300,
                                engine,
                                TREND,
                                pg,
                                PostgresAnalyses.dailyActiveByCountry(FROM, TO)));
                rows.add(
                        alone(
                                "the same trend read from events alone (no rollup)",
                                300,
                                engine.withoutRollups(),
                                TREND));
                String report =
                        String.format(
                                Locale.ROOT,
                                """
                        Query benchmark, %s, %d cores, Java %s; %,d events of %,d people over %d days,
                        ClickHouse %s and PostgreSQL %s on the same machine (loaded in %.0f s and %.0f s).
                        The people-per-hour rollup holds %,d rows.

                        | analysis | query engine on ClickHouse, median ms | plain SQL on PostgreSQL, median ms | times faster | goal ms | result (ClickHouse / PostgreSQL) |
                        |---|---|---|---|---|---|
                        %s
                        """,
                                Instant.now(),
                                Runtime.getRuntime().availableProcessors(),
                                System.getProperty("java.version"),
                                EVENTS,
                                PEOPLE,
                                GeneratedEvents.DAYS,
                                clickhouse
                                        .query("SELECT version() AS v")
                                        .get(0)
                                        .path("v")
                                        .asString(),
                                scalar(pg, "SHOW server_version"),
                                clickhouseLoad,
                                postgresLoad,
                                clickhouse
                                        .query(
                                                "SELECT sum(rows) AS n FROM system.parts WHERE active"
                                                        + " AND database = 'analytics' AND table = 'people_hourly'")
                                        .get(0)
                                        .path("n")
                                        .asLong(),
                                String.join("\n", rows));
                System.out.println(report);
                Path out =
                        Path.of("target", "bench", "queries-" + System.currentTimeMillis() + ".md");
                Files.createDirectories(out.getParent());
                Files.writeString(out, report);
                System.out.println("written to " + out.toAbsolutePath());
            }
        }
    }

    static String funnel(int steps) {
        StringBuilder json =
                new StringBuilder(
                        "{\"version\": 1, \"kind\": \"funnel\", \"range\": {\"from\": \""
                                + FROM
                                + "\", \"to\": \""
                                + TO
                                + "\"}, \"window\": \"14d\", \"steps\": [");
        for (int i = 1; i <= steps; i++) {
            json.append(i > 1 ? ", " : "").append("{\"event\": \"f").append(i).append("\"}");
        }
        return json.append("]}").toString();
    }

    static final String RETENTION =
            "{\"version\": 1, \"kind\": \"retention\", \"range\": {\"from\": \"2026-07-06\", \"to\": \"2026-09-27\"},"
                    + " \"start\": {\"event\": \"signup\"}, \"period\": \"week\", \"periods\": 12}";

    static final String TREND =
            "{\"version\": 1, \"kind\": \"trends\", \"range\": {\"from\": \""
                    + FROM
                    + "\", \"to\": \""
                    + TO
                    + "\"}, \"series\": [{\"event\": \"*\", \"aggregation\": {\"type\": \"unique_users\"}}],"
                    + " \"breakdown\": {\"property\": \"$country\", \"limit\": 10}}";

    private static String compare(
            String name, long goal, QueryEngine engine, String query, Connection pg, String sql)
            throws Exception {
        Object[] ours = new Object[1];
        long clickhouse = median(() -> ours[0] = engine.run(1, ZoneOffset.UTC, query));
        Object[] theirs = new Object[1];
        long postgres = median(() -> theirs[0] = PostgresAnalyses.run(pg, sql));
        return String.format(
                Locale.ROOT,
                "| %s | %,d | %,d | %.0f | %,d | %s / %s |",
                name,
                clickhouse,
                postgres,
                (double) postgres / Math.max(1, clickhouse),
                goal,
                summary((QueryResult) ours[0]),
                theirs[0]);
    }

    /** A row of the engine alone: the previous version's way, to set the others against. */
    private static String alone(String name, long goal, QueryEngine engine, String query)
            throws Exception {
        Object[] ours = new Object[1];
        long clickhouse = median(() -> ours[0] = engine.run(1, ZoneOffset.UTC, query));
        return String.format(
                Locale.ROOT,
                "| %s | %,d | | | %,d | %s |",
                name,
                clickhouse,
                goal,
                summary((QueryResult) ours[0]));
    }

    /** Median of three timed runs after a warm-up; a run over a minute is not repeated. */
    private static long median(Callable<?> run) throws Exception {
        long warm = time(run);
        if (warm > 60_000) {
            return warm;
        }
        long[] runs = {time(run), time(run), time(run)};
        Arrays.sort(runs);
        return runs[1];
    }

    private static long time(Callable<?> run) throws Exception {
        long started = System.nanoTime();
        run.call();
        return (System.nanoTime() - started) / 1_000_000;
    }

    private static String summary(QueryResult result) {
        if (result instanceof FunnelResult funnel) {
            List<FunnelResult.Step> steps = funnel.steps();
            return "step 1: "
                    + steps.get(0).people()
                    + ", last: "
                    + steps.get(steps.size() - 1).people();
        }
        if (result instanceof TrendsResult trends) {
            double total =
                    trends.series().stream()
                            .flatMap(line -> line.values().stream())
                            .mapToDouble(v -> v == null ? 0 : v)
                            .sum();
            return String.format(
                    Locale.ROOT,
                    "%d lines × %d days, values add up to %,.0f",
                    trends.series().size(),
                    trends.buckets().size(),
                    total);
        }
        return result.getClass().getSimpleName();
    }

    static void loadClickHouse(ClickHouse clickhouse, GeneratedEvents events) throws Exception {
        ByteArrayOutputStream chunk = new ByteArrayOutputStream(64 << 20);
        long[] n = {0};
        events.emit(
                (person, event, time, country) -> {
                    chunk.write(
                            ("{\"project_id\":1,\"insert_id\":\""
                                            + n[0]++
                                            + "\",\"event\":\""
                                            + event
                                            + "\",\"distinct_id\":\"p"
                                            + person
                                            + "\",\"person_id\":\"p"
                                            + person
                                            + "\",\"timestamp\":"
                                            + time
                                            + ",\"received_at\":"
                                            + time
                                            + ",\"country\":\""
                                            + country
                                            + "\",\"properties\":\"{\\\"plan\\\":\\\""
                                            + (person % 5 == 0 ? "pro" : "free")
                                            + "\\\"}\"}\n")
                                    .getBytes(StandardCharsets.UTF_8));
                    if (chunk.size() > 48 << 20) {
                        clickhouse.insertJsonEachRow("events", chunk.toByteArray());
                        chunk.reset();
                    }
                });
        clickhouse.insertJsonEachRow("events", chunk.toByteArray());
        // parts merge in the background; wait so queries do not race the merges
        clickhouse.execute("OPTIMIZE TABLE " + clickhouse.table("events") + " FINAL");
    }

    private static void loadPostgres(Connection pg, GeneratedEvents events) throws Exception {
        try (Statement s = pg.createStatement()) {
            s.execute(
                    "CREATE TABLE events (person text NOT NULL, event text NOT NULL,"
                            + " ts timestamptz NOT NULL, country text NOT NULL, properties jsonb NOT NULL)");
        }
        CopyManager copy = new CopyManager(pg.unwrap(BaseConnection.class));
        StringBuilder chunk = new StringBuilder(32 << 20);
        events.emit(
                (person, event, time, country) -> {
                    chunk.append('p')
                            .append(person)
                            .append('\t')
                            .append(event)
                            .append('\t')
                            .append(Instant.ofEpochSecond(time))
                            .append('\t')
                            .append(country)
                            .append("\t{\"plan\": \"")
                            .append(person % 5 == 0 ? "pro" : "free")
                            .append("\"}\n");
                    if (chunk.length() > 32 << 20) {
                        copy.copyIn("COPY events FROM STDIN", new StringReader(chunk.toString()));
                        chunk.setLength(0);
                    }
                });
        copy.copyIn("COPY events FROM STDIN", new StringReader(chunk.toString()));
        try (Statement s = pg.createStatement()) {
            s.execute("CREATE INDEX events_event_ts ON events (event, ts)");
            s.execute("CREATE INDEX events_person_ts ON events (person, ts)");
            s.execute("VACUUM ANALYZE events");
        }
    }

    private static String scalar(Connection pg, String sql) throws Exception {
        try (Statement s = pg.createStatement();
                ResultSet r = s.executeQuery(sql)) {
            r.next();
            return r.getString(1);
        }
    }
}
