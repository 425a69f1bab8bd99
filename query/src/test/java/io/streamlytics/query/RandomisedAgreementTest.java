package io.streamlytics.query;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamlytics.core.clickhouse.ClickHouse;
import io.streamlytics.devstack.ClickHouseServer;
import io.streamlytics.devstack.junit.ClickHouseExtension;
import io.streamlytics.query.ReferenceAnalyses.Event;
import io.streamlytics.query.funnels.FunnelResult;
import io.streamlytics.query.retention.RetentionTable;
import io.streamlytics.query.trends.TrendsResult;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Generated datasets (a project per seed: 60 people, up to 25 events each over ten days, five event
 * names) whose answers come from {@link ReferenceAnalyses}, the documented meaning written plainly
 * in Java: every funnel order, a funnel repeating a step, first-time retention and distinct people
 * per day in a timezone with a half-hour offset must agree with it exactly.
 */
@ExtendWith(ClickHouseExtension.class)
class RandomisedAgreementTest {
    static final Instant DAY_ONE = Instant.parse("2026-09-01T00:00:00Z");
    static final ZoneId KOLKATA = ZoneId.of("Asia/Kolkata");
    static final String[] NAMES = {"a", "b", "c", "d", "x"};
    static final int[] SEEDS = {1, 2, 3, 4, 5, 6};
    static final Map<Integer, List<Event>> DATA = new java.util.HashMap<>();
    static ClickHouse clickhouse;
    static QueryEngine engine;

    @BeforeAll
    static void load(ClickHouseServer server) {
        clickhouse = AnalysisDatabase.create(server, "query_random");
        for (int seed : SEEDS) {
            List<Event> events = generate(seed);
            DATA.put(seed, events);
            KnownEvents rows = new KnownEvents(seed);
            events.forEach(
                    e ->
                            rows.add(
                                    e.person(),
                                    e.name(),
                                    Instant.ofEpochSecond(e.second()).toString()));
            rows.writeTo(clickhouse);
        }
        engine = AnalysisDatabase.engine(clickhouse, "2026-10-01T00:00:00Z");
    }

    @AfterAll
    static void close() {
        clickhouse.close();
    }

    /** Events at distinct seconds per person, so their order is never a tie. */
    static List<Event> generate(int seed) {
        Random random = new Random(seed);
        List<Event> events = new ArrayList<>();
        for (int p = 0; p < 60; p++) {
            Set<Long> seconds = new HashSet<>();
            int count = 1 + random.nextInt(25);
            // bursts: most events within hours of the previous one, some days apart
            long at = DAY_ONE.getEpochSecond() + random.nextInt(86_400 * 3);
            for (int i = 0; i < count; i++) {
                at += random.nextInt(10) < 8 ? random.nextInt(7_200) : random.nextInt(86_400 * 3);
                if (at >= DAY_ONE.getEpochSecond() + 86_400L * 10 || !seconds.add(at)) {
                    continue;
                }
                events.add(new Event("p" + p, NAMES[random.nextInt(NAMES.length)], at));
            }
        }
        return events;
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 4, 5, 6})
    void funnelsAgree(int seed) {
        long from = DAY_ONE.getEpochSecond() + 86_400;
        long to = DAY_ONE.getEpochSecond() + 86_400 * 8;
        for (String order : List.of("ordered", "strict", "any")) {
            for (List<String> steps :
                    List.of(
                            List.of("a", "b", "c"),
                            List.of("a", "a", "b"),
                            List.of("b", "d", "a", "c"))) {
                StringBuilder json = new StringBuilder("[");
                steps.forEach(
                        s ->
                                json.append(json.length() > 1 ? ", " : "")
                                        .append("{\"event\": \"")
                                        .append(s)
                                        .append("\"}"));
                FunnelResult result =
                        (FunnelResult)
                                engine.run(
                                        seed,
                                        ZoneOffset.UTC,
                                        "{\"version\": 1, \"kind\": \"funnel\", \"range\": {\"from\": \"2026-09-02\", \"to\": \"2026-09-08\"},"
                                                + " \"window\": \"1d\", \"order\": \""
                                                + order
                                                + "\", \"steps\": "
                                                + json
                                                + "]}");
                long[] expected =
                        ReferenceAnalyses.funnel(DATA.get(seed), steps, order, from, to, 86_400);
                assertThat(result.steps().stream().mapToLong(FunnelResult.Step::people).toArray())
                        .as("seed %d, %s funnel %s", seed, order, steps)
                        .containsExactly(expected);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 4, 5, 6})
    void retentionAgrees(int seed) {
        RetentionTable table =
                (RetentionTable)
                        engine.run(
                                seed,
                                KOLKATA,
                                "{\"version\": 1, \"kind\": \"retention\", \"range\": {\"from\": \"2026-09-01\", \"to\": \"2026-09-07\"},"
                                        + " \"start\": {\"event\": \"a\"}, \"period\": \"day\", \"periods\": 3}");
        Map<LocalDate, long[]> expected =
                ReferenceAnalyses.retention(
                        DATA.get(seed),
                        "a",
                        KOLKATA,
                        LocalDate.parse("2026-09-01"),
                        LocalDate.parse("2026-09-07"),
                        3);
        assertThat(table.cohorts())
                .extracting(RetentionTable.Cohort::start)
                .containsExactlyElementsOf(
                        expected.keySet().stream().map(LocalDate::toString).toList());
        for (RetentionTable.Cohort cohort : table.cohorts()) {
            assertThat(cohort.retained().stream().mapToLong(Long::longValue).toArray())
                    .as("seed %d, cohort %s", seed, cohort.start())
                    .containsExactly(expected.get(LocalDate.parse(cohort.start())));
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 4, 5, 6})
    void distinctPeoplePerDayAgree(int seed) {
        TrendsResult result =
                (TrendsResult)
                        engine.run(
                                seed,
                                KOLKATA,
                                "{\"version\": 1, \"kind\": \"trends\", \"range\": {\"from\": \"2026-09-01\", \"to\": \"2026-09-11\"},"
                                        + " \"series\": [{\"event\": \"*\", \"aggregation\": {\"type\": \"unique_users\"}}]}");
        Map<LocalDate, Long> expected = ReferenceAnalyses.peoplePerDay(DATA.get(seed), KOLKATA);
        for (int i = 0; i < result.buckets().size(); i++) {
            LocalDate day = LocalDate.parse(result.buckets().get(i));
            assertThat(result.series().get(0).values().get(i))
                    .as("seed %d, %s", seed, day)
                    .isEqualTo((double) expected.getOrDefault(day, 0L));
        }
    }
}
