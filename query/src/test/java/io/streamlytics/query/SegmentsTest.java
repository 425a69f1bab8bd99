package io.streamlytics.query;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamlytics.core.clickhouse.ClickHouse;
import io.streamlytics.devstack.ClickHouseServer;
import io.streamlytics.devstack.junit.ClickHouseExtension;
import io.streamlytics.query.funnels.FunnelResult;
import io.streamlytics.query.retention.RetentionTable;
import io.streamlytics.query.segments.SegmentReader;
import io.streamlytics.query.segments.SegmentStore;
import io.streamlytics.query.trends.TrendSeries;
import io.streamlytics.query.trends.TrendsResult;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Segments over five hand-made people, on 30 June 2026 at noon: s1 bought three times in June and
 * is on the pro plan, s2 is new and bought once, s3 came back yesterday after months, s4 was active
 * on 12 days early in June, s5 was last seen in April.
 */
@ExtendWith(ClickHouseExtension.class)
class SegmentsTest {
    static final String NOW = "2026-06-30T12:00:00Z";
    static final SegmentReader READER = SegmentReader.load();
    static final AtomicLong IDS = new AtomicLong();
    static ClickHouse clickhouse;
    static SegmentStore store;
    static QueryEngine engine;

    @BeforeAll
    static void load(ClickHouseServer server) {
        clickhouse = AnalysisDatabase.create(server, "query_segments");
        KnownEvents events =
                new KnownEvents(1)
                        .add("s1", "page_view", "2026-01-01T10:00:00Z")
                        .add("s1", "purchase", "2026-06-05T10:00:00Z")
                        .add("s1", "purchase", "2026-06-10T10:00:00Z")
                        .add(
                                "s1",
                                "purchase",
                                "2026-06-20T10:00:00Z",
                                Map.of(),
                                Map.of("person_properties", "{\"plan\":\"pro\"}"))
                        .add(
                                "s2",
                                "purchase",
                                "2026-06-25T10:00:00Z",
                                Map.of(),
                                Map.of("person_properties", "{\"plan\":\"free\"}"))
                        .add("s3", "page_view", "2026-03-01T10:00:00Z")
                        .add("s3", "page_view", "2026-06-29T10:00:00Z")
                        .add("s5", "page_view", "2026-04-15T10:00:00Z");
        for (int day = 1; day <= 12; day++) {
            events.add("s4", "page_view", String.format("2026-06-%02dT10:00:00Z", day));
        }
        events.writeTo(clickhouse);
        store = new SegmentStore(clickhouse, Clock.fixed(Instant.parse(NOW), ZoneOffset.UTC));
        engine = AnalysisDatabase.engine(clickhouse, NOW);
    }

    @AfterAll
    static void close() {
        clickhouse.close();
    }

    static List<String> members(String match) {
        long id = IDS.incrementAndGet();
        store.refresh(1, id, READER.read("{\"version\": 1, \"match\": " + match + "}"));
        return store.members(1, id, 0, 100);
    }

    @Test
    void behaviourAndProperties() {
        assertThat(
                        members(
                                "{\"did\": {\"event\": \"purchase\"}, \"at_least\": 2, \"in_last\": \"30d\"}"))
                .containsExactly("s1");
        assertThat(
                        members(
                                "{\"and\": [{\"did\": {\"event\": \"purchase\"}, \"in_last\": \"30d\"},"
                                        + " {\"has\": {\"property\": \"plan\", \"source\": \"person\", \"op\": \"equals\", \"value\": \"pro\"}}]}"))
                .containsExactly("s1");
        assertThat(
                        members(
                                "{\"or\": [{\"did\": {\"event\": \"purchase\"}, \"at_least\": 3, \"in_last\": \"30d\"},"
                                        + " {\"first_seen_within\": \"7d\"}]}"))
                .containsExactly("s1", "s2");
        assertThat(members("{\"not\": {\"did\": {\"event\": \"purchase\"}, \"in_last\": \"30d\"}}"))
                .containsExactly("s3", "s4");
        assertThat(
                        members(
                                "{\"did\": {\"event\": \"page_view\"}, \"at_least\": 1, \"at_most\": 1, \"in_last\": \"30d\"}"))
                .containsExactly("s3");
    }

    @Test
    void presets() {
        assertThat(members("{\"preset\": \"new\"}")).containsExactly("s2");
        assertThat(members("{\"preset\": \"active_weekly\"}")).containsExactly("s2", "s3");
        assertThat(members("{\"preset\": \"active_monthly\"}"))
                .containsExactly("s1", "s2", "s3", "s4");
        assertThat(members("{\"preset\": \"returning\"}")).containsExactly("s3");
        assertThat(members("{\"preset\": \"dormant\"}")).containsExactly("s5");
        assertThat(members("{\"preset\": \"power_users\"}")).containsExactly("s4");
        assertThat(members("{\"preset\": \"paying\"}")).containsExactly("s1", "s2");
    }

    @Test
    void segmentsFilterAndBreakDownAnalyses() {
        long buyers = IDS.incrementAndGet();
        store.refresh(
                1, buyers, READER.read("{\"version\": 1, \"match\": {\"preset\": \"paying\"}}"));
        long uploaded = IDS.incrementAndGet();
        store.replace(1, uploaded, List.of("s4", "s5", "nobody"));
        String june =
                "\"range\": {\"from\": \"2026-06-01\", \"to\": \"2026-06-30\"}, \"granularity\": \"month\"";

        TrendsResult members =
                (TrendsResult)
                        engine.run(
                                1,
                                ZoneOffset.UTC,
                                "{\"version\": 1, \"kind\": \"trends\", "
                                        + june
                                        + ", \"series\": [{\"event\": \"*\"}], \"filters\": [{\"segment\": "
                                        + buyers
                                        + "}]}");
        assertThat(members.series().get(0).values()).containsExactly(4.0);

        TrendsResult others =
                (TrendsResult)
                        engine.run(
                                1,
                                ZoneOffset.UTC,
                                "{\"version\": 1, \"kind\": \"trends\", "
                                        + june
                                        + ", \"series\": [{\"event\": \"*\"}], \"filters\": [{\"not_segment\": "
                                        + buyers
                                        + "}]}");
        assertThat(others.series().get(0).values()).containsExactly(13.0);

        TrendsResult split =
                (TrendsResult)
                        engine.run(
                                1,
                                ZoneOffset.UTC,
                                "{\"version\": 1, \"kind\": \"trends\", "
                                        + june
                                        + ", \"series\": [{\"event\": \"*\", \"aggregation\": {\"type\": \"unique_users\"}}],"
                                        + " \"breakdown\": {\"segments\": ["
                                        + buyers
                                        + ", "
                                        + uploaded
                                        + "]}}");
        assertThat(split.series())
                .extracting(TrendSeries::breakdownValue)
                .containsExactly(String.valueOf(buyers), String.valueOf(uploaded));
        assertThat(split.series()).extracting(s -> s.values().get(0)).containsExactly(2.0, 1.0);

        RetentionTable retention =
                (RetentionTable)
                        engine.run(
                                1,
                                ZoneOffset.UTC,
                                "{\"version\": 1, \"kind\": \"retention\", \"range\": {\"from\": \"2026-06-01\", \"to\": \"2026-06-30\"},"
                                        + " \"start\": {\"event\": \"purchase\"}, \"periods\": 5,"
                                        + " \"breakdown\": {\"segments\": ["
                                        + buyers
                                        + ", "
                                        + uploaded
                                        + "]}}");
        assertThat(retention.cohorts())
                .extracting(RetentionTable.Cohort::start)
                .containsExactly("2026-06-05", "2026-06-25");
        assertThat(retention.breakdown().get(0).cohorts())
                .extracting(RetentionTable.Cohort::start)
                .containsExactly("2026-06-05", "2026-06-25");
        // s1 bought again on 10 June: day 5 of the 5 June cohort
        assertThat(retention.breakdown().get(0).cohorts().get(0).retained())
                .containsExactly(1L, 0L, 0L, 0L, 0L, 1L);
        assertThat(retention.breakdown().get(1).cohorts()).isEmpty();

        FunnelResult funnel =
                (FunnelResult)
                        engine.run(
                                1,
                                ZoneOffset.UTC,
                                "{\"version\": 1, \"kind\": \"funnel\", "
                                        + june
                                        + ", \"steps\": [{\"event\": \"*\"}, {\"event\": \"purchase\"}],"
                                        + " \"breakdown\": {\"segments\": ["
                                        + buyers
                                        + "]}}");
        assertThat(funnel.breakdown().get(0).steps())
                .extracting(FunnelResult.Step::people)
                .containsExactly(2L, 1L);
    }

    @Test
    void sizesOverTimeAndPages() {
        long id = IDS.incrementAndGet();
        store.replace(1, id, List.of("a", "b", "c"));
        store.replace(1, id, List.of("b", "c"));
        store.replace(1, id, List.of("x\"y", "z"));

        assertThat(store.history(1, id))
                .extracting(SegmentStore.Version::size)
                .containsExactly(3L, 2L, 2L);
        assertThat(store.members(1, id, 0, 1)).containsExactly("x\"y");
        assertThat(store.members(1, id, 1, 10)).containsExactly("z");
    }
}
