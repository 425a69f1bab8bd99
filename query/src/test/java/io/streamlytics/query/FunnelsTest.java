package io.streamlytics.query;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamlytics.core.clickhouse.ClickHouse;
import io.streamlytics.devstack.ClickHouseServer;
import io.streamlytics.devstack.junit.ClickHouseExtension;
import io.streamlytics.query.funnels.FunnelResult;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Funnels over seven hand-traced people (signup, view, purchase; 1-day window), each an edge case:
 * steps out of order, a step outside the window, a step before the start, a second attempt, an
 * exclusion, a slow step. The comments give each person's level per order.
 */
@ExtendWith(ClickHouseExtension.class)
class FunnelsTest {
    static ClickHouse clickhouse;
    static QueryEngine engine;

    @BeforeAll
    static void load(ClickHouseServer server) {
        clickhouse = AnalysisDatabase.create(server, "query_funnels");
        new KnownEvents(1)
                // u1: in order, 1 h to convert (ordered 3, strict 3, any 3)
                .add("u1", "signup", "2026-05-04T10:00:00Z", "source", "ads")
                .add("u1", "view", "2026-05-04T10:10:00Z")
                .add("u1", "purchase", "2026-05-04T11:00:00Z")
                // u2: purchase before view (ordered 2, strict 1, any 3)
                .add("u2", "signup", "2026-05-04T10:00:00Z", "source", "ads")
                .add("u2", "purchase", "2026-05-04T10:05:00Z")
                .add("u2", "view", "2026-05-04T10:10:00Z")
                // u3: view two days later, outside the window (1, 1, 1)
                .add("u3", "signup", "2026-05-04T10:00:00Z", "source", "seo")
                .add("u3", "view", "2026-05-06T10:00:00Z")
                // u4: a view before signing up, another event between view and purchase (3, 2, 3)
                .add("u4", "view", "2026-05-04T09:59:00Z")
                .add("u4", "signup", "2026-05-04T10:00:00Z")
                .add("u4", "view", "2026-05-04T10:01:00Z")
                .add("u4", "help", "2026-05-04T10:02:00Z")
                .add("u4", "purchase", "2026-05-04T10:03:00Z")
                // u5: a first attempt that stops, a second that converts in 2 min (3, 3, 3)
                .add("u5", "signup", "2026-05-05T08:00:00Z")
                .add("u5", "signup", "2026-05-07T08:00:00Z")
                .add("u5", "view", "2026-05-07T08:01:00Z")
                .add("u5", "purchase", "2026-05-07T08:02:00Z")
                // u6: cancels between view and purchase (3, 2, 3; 2 with the exclusion)
                .add("u6", "signup", "2026-05-08T10:00:00Z")
                .add("u6", "view", "2026-05-08T10:01:00Z")
                .add("u6", "cancel", "2026-05-08T10:02:00Z")
                .add("u6", "purchase", "2026-05-08T10:03:00Z")
                // u7: views 3 h after signing up (3, 3, 3; 1 when step 2 must be within 1 h)
                .add("u7", "signup", "2026-05-09T10:00:00Z")
                .add("u7", "view", "2026-05-09T13:00:00Z")
                .add("u7", "purchase", "2026-05-09T13:01:00Z")
                // u8 and u9: a funnel whose two steps are the same event
                .add("u8", "pv", "2026-05-04T10:00:00Z")
                .add("u9", "pv", "2026-05-04T10:00:00Z")
                .add("u9", "pv", "2026-05-04T10:00:30Z")
                .writeTo(clickhouse);
        engine = AnalysisDatabase.engine(clickhouse, "2026-05-20T00:00:00Z");
    }

    @AfterAll
    static void close() {
        clickhouse.close();
    }

    static FunnelResult funnel(String extra) {
        return funnel(
                "[{\"event\": \"signup\"}, {\"event\": \"view\"}, {\"event\": \"purchase\"}]",
                extra);
    }

    static FunnelResult funnel(String steps, String extra) {
        return (FunnelResult)
                engine.run(
                        1,
                        ZoneOffset.UTC,
                        "{\"version\": 1, \"kind\": \"funnel\","
                                + " \"range\": {\"from\": \"2026-05-04\", \"to\": \"2026-05-10\"},"
                                + " \"window\": \"1d\", \"steps\": "
                                + steps
                                + extra
                                + "}");
    }

    static List<Long> people(List<FunnelResult.Step> steps) {
        return steps.stream().map(FunnelResult.Step::people).toList();
    }

    @Test
    void orderedStrictAndAnyOrder() {
        assertThat(people(funnel("").steps())).containsExactly(7L, 6L, 5L);
        assertThat(people(funnel(", \"order\": \"strict\"").steps())).containsExactly(7L, 5L, 3L);
        assertThat(people(funnel(", \"order\": \"any\"").steps())).containsExactly(7L, 6L, 6L);
    }

    @Test
    void conversionsAndTimeBetweenSteps() {
        List<FunnelResult.Step> steps = funnel("").steps();
        assertThat(steps.get(1).conversion()).isEqualTo(6 / 7.0);
        assertThat(steps.get(2).fromPrevious()).isEqualTo(5 / 6.0);
        assertThat(steps.get(0).medianSeconds()).isNull();
        assertThat(steps.get(1).averageSeconds())
                .isEqualTo((600 + 600 + 60 + 60 + 60 + 10_800) / 6.0);
    }

    @Test
    void exclusionsAndPerStepWindows() {
        assertThat(
                        people(
                                funnel(
                                                ", \"exclusions\": [{\"event\": \"cancel\","
                                                        + " \"after_step\": 2, \"before_step\": 3}]")
                                        .steps()))
                .containsExactly(7L, 6L, 4L);
        assertThat(
                        people(
                                funnel(
                                                "[{\"event\": \"signup\"}, {\"event\": \"view\", \"within\": \"1h\"},"
                                                        + " {\"event\": \"purchase\"}]",
                                                "")
                                        .steps()))
                .containsExactly(7L, 5L, 4L);
    }

    @Test
    void aStepRepeatingThePreviousEventNeedsASecondEvent() {
        assertThat(people(funnel("[{\"event\": \"pv\"}, {\"event\": \"pv\"}]", "").steps()))
                .containsExactly(2L, 1L);
    }

    @Test
    void breakdownByTheFirstStepsProperty() {
        FunnelResult result = funnel(", \"breakdown\": {\"property\": \"source\"}");
        assertThat(result.breakdown())
                .extracting(FunnelResult.Breakdown::value)
                .containsExactly("", "ads", "seo");
        assertThat(people(result.breakdown().get(0).steps())).containsExactly(4L, 4L, 4L);
        assertThat(people(result.breakdown().get(1).steps())).containsExactly(2L, 2L, 1L);
        assertThat(people(result.breakdown().get(2).steps())).containsExactly(1L, 0L, 0L);
    }

    @Test
    void timeToConvert() {
        FunnelResult.TimeToConvert time = funnel(", \"view\": \"time_to_convert\"").timeToConvert();
        assertThat(time.people()).isEqualTo(5);
        assertThat(time.medianSeconds()).isEqualTo(180.0);
        assertThat(time.averageSeconds()).isEqualTo((3600 + 180 + 120 + 180 + 10_860) / 5.0);
        assertThat(time.bins())
                .filteredOn(b -> b.people() > 0)
                .extracting(
                        FunnelResult.TimeToConvert.Bin::fromSeconds,
                        FunnelResult.TimeToConvert.Bin::people)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(60L, 3L),
                        org.assertj.core.groups.Tuple.tuple(3600L, 1L),
                        org.assertj.core.groups.Tuple.tuple(10_800L, 1L));
    }

    @Test
    void conversionTrendByTheDayPeopleEntered() {
        List<FunnelResult.TrendPoint> trend = funnel(", \"view\": \"trend\"").trend();
        assertThat(trend)
                .extracting(FunnelResult.TrendPoint::bucket)
                .hasSize(7)
                .startsWith("2026-05-04");
        assertThat(trend)
                .extracting(FunnelResult.TrendPoint::entered)
                .containsExactly(4L, 0L, 0L, 1L, 1L, 1L, 0L);
        assertThat(trend)
                .extracting(FunnelResult.TrendPoint::converted)
                .containsExactly(2L, 0L, 0L, 1L, 1L, 1L, 0L);
    }

    @Test
    void listsWhoDroppedAndWhoConverted() {
        assertThat(funnel(", \"view\": \"people\", \"people\": {\"step\": 3}").people())
                .containsExactly("u2");
        assertThat(
                        funnel(
                                        ", \"view\": \"people\", \"people\": {\"step\": 3, \"status\": \"converted\", \"limit\": 2, \"offset\": 1}")
                                .people())
                .containsExactly("u4", "u5");
    }
}
