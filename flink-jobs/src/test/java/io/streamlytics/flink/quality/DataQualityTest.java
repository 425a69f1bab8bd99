package io.streamlytics.flink.quality;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.streamlytics.core.event.Event;
import io.streamlytics.flink.TestCluster;
import io.streamlytics.flink.TestEvents;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.util.CloseableIterator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Data quality on a crafted stream: a week-old baseline, then an hour with schema drift, empty
 * fields, rejections and a volume drop, then an hour without any events.
 */
class DataQualityTest {
    @RegisterExtension static final MiniClusterExtension FLINK = TestCluster.withTwoSlots();

    private static final Instant HOUR = Instant.parse("2026-05-08T10:00:00Z");
    private static final Instant WEEK_EARLIER = HOUR.minus(Duration.ofDays(7));

    @Test
    void reportsVolumeRejectionsDriftEmptyFieldsAndAnomaliesPerHour() throws Exception {
        List<Event> events = new ArrayList<>();
        events.addAll(signups(WEEK_EARLIER, 100, "{\"plan\":\"free\"}"));
        events.addAll(signups(WEEK_EARLIER.plus(Duration.ofHours(1)), 50, "{\"plan\":\"free\"}"));
        List<Event> now = new ArrayList<>(signups(HOUR, 5, "{\"plan\":\"free\"}"));
        now.addAll(signups(HOUR.plusSeconds(600), 5, "{\"plan\":3,\"coupon\":\"X\"}"));
        for (int i = 0; i < 6; i++) {
            now.get(i).userId = "known-" + i;
        }
        events.addAll(now);
        List<byte[]> letters = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            letters.add(
                    letter(
                            "event",
                            "timestamp: 'nope' is not an ISO-8601 date-time",
                            "{\\\"event\\\":\\\"signup\\\",\\\"timestamp\\\":\\\"nope\\\"}"));
        }
        letters.add(letter("request", "the body is not JSON", "{{{"));

        List<DataQualityRow> rows = run(events, letters);

        List<DataQualityRow> signup = rows.stream().filter(r -> r.event.equals("signup")).toList();
        assertThat(signup)
                .extracting(r -> Instant.ofEpochMilli(r.hour))
                .containsExactly(
                        WEEK_EARLIER,
                        WEEK_EARLIER.plus(Duration.ofHours(1)),
                        HOUR,
                        HOUR.plus(Duration.ofHours(1)));
        DataQualityRow baseline = signup.get(0);
        assertThat(baseline.events).isEqualTo(100);
        assertThat(baseline.sameHourLastWeek).isEqualTo(-1);
        assertThat(baseline.newProperties).isEmpty();
        assertThat(baseline.anomaly).isFalse();

        DataQualityRow hour = signup.get(2);
        assertThat(hour.events).isEqualTo(10);
        assertThat(hour.invalid).isEqualTo(3);
        assertThat(hour.invalidReasons).isEqualTo("{\"timestamp\":3}");
        assertThat(hour.newProperties).containsExactly("coupon");
        assertThat(hour.typeChanges).containsExactly("plan: string→number");
        assertThat(hour.nullRates).contains("\"user_id\":0.4", "\"anonymous_id\":1.0");
        assertThat(hour.sameHourLastWeek).isEqualTo(100);
        assertThat(hour.anomaly).isTrue();
        assertThat(hour.anomalyScore).isCloseTo(-9.0, within(0.001));

        DataQualityRow silence = signup.get(3);
        assertThat(silence.events).isZero();
        assertThat(silence.sameHourLastWeek).isEqualTo(50);
        assertThat(silence.anomaly).isTrue();

        assertThat(rows.stream().filter(r -> r.event.isEmpty()).toList())
                .singleElement()
                .satisfies(
                        r -> {
                            assertThat(r.invalid).isEqualTo(1);
                            assertThat(r.invalidReasons).isEqualTo("{\"the body is not JSON\":1}");
                        });
    }

    @Test
    void aSteadyVolumeIsNoAnomaly() throws Exception {
        List<Event> events = new ArrayList<>(signups(WEEK_EARLIER, 100, "{}"));
        events.addAll(signups(HOUR, 90, "{}"));

        List<DataQualityRow> rows = run(events, List.of());

        assertThat(rows.get(1).anomaly).isFalse();
        assertThat(rows.get(1).anomalyScore).isCloseTo(-1.0, within(0.001));
        // the input ends, so event time runs on: a week after the 90, silence is the anomaly
        assertThat(rows)
                .extracting(r -> Instant.ofEpochMilli(r.hour), r -> r.events, r -> r.anomaly)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(WEEK_EARLIER, 100L, false),
                        org.assertj.core.groups.Tuple.tuple(HOUR, 90L, false),
                        org.assertj.core.groups.Tuple.tuple(
                                HOUR.plus(Duration.ofDays(7)), 0L, true));
    }

    private static List<DataQualityRow> run(List<Event> events, List<byte[]> letters)
            throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(2);
        var timed =
                env.fromData(events)
                        .setParallelism(1)
                        .assignTimestampsAndWatermarks(
                                WatermarkStrategy.<Event>forMonotonousTimestamps()
                                        .withTimestampAssigner((e, previous) -> e.timestamp));
        var deadLetters =
                letters.isEmpty()
                        ? env.fromData(List.<byte[]>of(new byte[0])).filter(b -> b.length > 0)
                        : env.fromData(letters);
        List<DataQualityRow> rows = new ArrayList<>();
        try (CloseableIterator<DataQualityRow> out =
                DataQuality.build(timed, deadLetters).executeAndCollect()) {
            out.forEachRemaining(rows::add);
        }
        rows.sort(Comparator.comparingLong(r -> r.hour));
        return rows;
    }

    private static List<Event> signups(Instant start, int count, String properties) {
        List<Event> events = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Event e =
                    TestEvents.event(
                            1, "s-" + start + "-" + i, "signup", "u" + i, start.plusSeconds(i));
            e.properties = properties;
            events.add(e);
        }
        return events;
    }

    private static byte[] letter(String kind, String reason, String payload) {
        long received = HOUR.plusSeconds(1200).toEpochMilli();
        return ("{\"v\":1,\"kind\":\""
                        + kind
                        + "\",\"project_id\":1,\"endpoint\":\"/v1/batch\",\"received_at\":"
                        + received
                        + ",\"reason\":\""
                        + reason
                        + "\",\"payload\":\""
                        + payload
                        + "\"}")
                .getBytes(StandardCharsets.UTF_8);
    }
}
