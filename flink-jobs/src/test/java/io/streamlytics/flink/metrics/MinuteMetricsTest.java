package io.streamlytics.flink.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Minute aggregates on crafted partials: exact totals, lateness, finality and state cleanup. */
class MinuteMetricsTest {
    private static final long MINUTE = 60_000;
    private static final long NOON = 1_780_000_000_000L / MINUTE * MINUTE;
    private static final Duration LATENESS = Duration.ofMinutes(1);

    private KeyedOneInputStreamOperatorTestHarness<String, MetricPartial, MinuteMetric> harness;

    @BeforeEach
    void open() throws Exception {
        harness =
                new KeyedOneInputStreamOperatorTestHarness<>(
                        new KeyedProcessOperator<>(new MinuteMetrics(LATENESS)),
                        MetricPartial::key,
                        Types.STRING);
        harness.open();
    }

    @AfterEach
    void close() throws Exception {
        harness.close();
    }

    private static MetricPartial partial(long minute, int count, String[] ids, double... revenue) {
        MetricPartial p = new MetricPartial();
        p.projectId = 7;
        p.event = "purchase";
        p.dimension = MetricKeys.COUNTRY;
        p.value = "DE";
        p.minute = minute;
        p.count = count;
        p.distinctIds = ids;
        p.measures =
                revenue.length == 0
                        ? new MeasurePartial[0]
                        : new MeasurePartial[] {new MeasurePartial("revenue", revenue)};
        return p;
    }

    private void send(MetricPartial p) throws Exception {
        harness.processElement(new StreamRecord<>(p, p.minute));
    }

    private List<MinuteMetric> live() {
        return harness.extractOutputValues();
    }

    private List<MinuteMetric> finals() {
        var out = harness.getSideOutput(MinuteMetrics.FINAL);
        return out == null ? List.of() : out.stream().map(StreamRecord::getValue).toList();
    }

    @Test
    void partialsAddUpAndEachChangeIsEmittedWithTheMinutesTotals() throws Exception {
        send(partial(NOON, 2, new String[] {"a", "b"}, 10, 20));
        send(partial(NOON, 3, new String[] {"b", "c"}, 30, 40, 50));

        assertThat(live()).hasSize(2);
        MinuteMetric latest = live().get(1);
        assertThat(latest.count).isEqualTo(5);
        assertThat(latest.uniques).isEqualTo(3);
        assertThat(latest.newDistinctIds).containsExactly("b", "c");
        assertThat(latest.measures).hasSize(1);
        assertThat(latest.measures[0].count).isEqualTo(5);
        assertThat(latest.measures[0].sum).isEqualTo(150.0);
        assertThat(latest.measures[0].p50).isEqualTo(30.0);
        assertThat(latest.measures[0].p95).isEqualTo(50.0);
        assertThat(finals()).isEmpty();
    }

    @Test
    void aMinuteIsFinalOnceTheWatermarkPassesItsEndPlusTheLateness() throws Exception {
        send(partial(NOON, 2, new String[] {"a", "b"}));
        send(partial(NOON + MINUTE, 1, new String[] {"a"}));

        // within the lateness: a late partial still counts
        harness.processWatermark(NOON + MINUTE + 30_000);
        send(partial(NOON, 1, new String[] {"c"}));
        assertThat(finals()).isEmpty();

        harness.processWatermark(NOON + 2 * MINUTE - 1);
        assertThat(finals())
                .singleElement()
                .satisfies(
                        m -> {
                            assertThat(m.minute).isEqualTo(NOON);
                            assertThat(m.count).isEqualTo(3);
                            assertThat(m.uniques).isEqualTo(3);
                            assertThat(m.newDistinctIds).isEmpty();
                        });
        // the next minute is still open, and the closed one is forgotten
        assertThat(harness.numKeyedStateEntries()).isEqualTo(1);

        // too late now: dropped, the final row stays as it was
        send(partial(NOON, 5, new String[] {"z"}));
        harness.processWatermark(NOON + 3 * MINUTE);
        assertThat(finals()).hasSize(2);
        assertThat(finals().get(0).count).isEqualTo(3);
        assertThat(finals().get(1).minute).isEqualTo(NOON + MINUTE);
        assertThat(harness.numKeyedStateEntries()).isZero();
    }

    @Test
    void uniquesOfManyIdsStayWithinTheHyperLogLogErrorBound() throws Exception {
        int users = 50_000;
        for (int batch = 0; batch < 50; batch++) {
            int from = batch * 1000;
            String[] ids =
                    IntStream.range(from, from + 1000)
                            .mapToObj(i -> "user-" + i)
                            .toArray(String[]::new);
            send(partial(NOON, ids.length, ids));
        }
        MinuteMetric last = live().get(live().size() - 1);
        // lgK 12: relative standard error 1.6%; 3 sigma
        assertThat((double) last.uniques).isCloseTo(users, within(users * 0.05));
        assertThat(last.count).isEqualTo(users);
    }
}
