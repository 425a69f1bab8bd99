package io.streamlytics.flink.sessions;

import static io.streamlytics.flink.TestEvents.BEGINNING;
import static org.assertj.core.api.Assertions.assertThat;

import io.streamlytics.core.event.Event;
import io.streamlytics.flink.TestCluster;
import io.streamlytics.flink.TestEvents;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.util.CloseableIterator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Late events, with event time moved by the events themselves (a watermark after each one): within
 * the allowed lateness a late event updates its session (a new version of the same row); after it,
 * the event goes to the too-late side output and the session stays as it was.
 */
class LateEventsTest {
    @RegisterExtension static final MiniClusterExtension FLINK = TestCluster.withTwoSlots();

    private static final Duration LATENESS = Duration.ofHours(1);

    private static Event at(String user, String id, Instant time) {
        return TestEvents.event(1, id, "page_view", user, time);
    }

    /** Event time is exactly the newest event seen: no out-of-orderness allowance. */
    private static WatermarkStrategy<Event> watermarkAfterEachEvent() {
        return WatermarkStrategy.<Event>forGenerator(
                        context ->
                                new WatermarkGenerator<>() {
                                    private long max = Long.MIN_VALUE;

                                    @Override
                                    public void onEvent(
                                            Event event, long timestamp, WatermarkOutput output) {
                                        max = Math.max(max, event.timestamp);
                                        output.emitWatermark(new Watermark(max));
                                    }

                                    @Override
                                    public void onPeriodicEmit(WatermarkOutput output) {}
                                })
                .withTimestampAssigner((event, previous) -> event.timestamp);
    }

    private record Outcome(List<SessionRow> rows, List<Event> tooLate) {}

    private static Outcome run(List<Event> events) throws Exception {
        // executeAndCollect reads one output per job, so the (deterministic) job runs once per
        // output
        List<SessionRow> rows = new ArrayList<>();
        try (CloseableIterator<SessionRow> out = sessions(events).rows().executeAndCollect()) {
            out.forEachRemaining(rows::add);
        }
        List<Event> late = new ArrayList<>();
        try (CloseableIterator<Event> out = sessions(events).tooLate().executeAndCollect()) {
            out.forEachRemaining(late::add);
        }
        return new Outcome(rows, late);
    }

    private static Sessions.Outputs sessions(List<Event> events) {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(1); // one ordered stream, so "late" means the same in every run
        return Sessions.build(
                env.fromData(events).assignTimestampsAndWatermarks(watermarkAfterEachEvent()),
                Sessions.DEFAULT_GAP,
                LATENESS);
    }

    @Test
    void aLateEventWithinTheLatenessUpdatesItsSession() throws Exception {
        Outcome outcome =
                run(
                        List.of(
                                at("ann", "a1", BEGINNING),
                                at("ann", "a2", BEGINNING.plus(Duration.ofMinutes(5))),
                                at(
                                        "bob",
                                        "b1",
                                        BEGINNING.plus(
                                                Duration.ofMinutes(
                                                        50))), // ann's session closes at +35 min
                                at(
                                        "ann",
                                        "a3",
                                        BEGINNING.plus(
                                                Duration.ofMinutes(
                                                        6))))); // 44 min late: within the hour

        List<SessionRow> ann =
                outcome.rows().stream().filter(r -> r.distinctId.equals("ann")).toList();
        assertThat(ann).extracting(r -> r.events).containsExactly(2L, 3L);
        assertThat(ann).extracting(r -> r.version).containsExactly(2L, 3L);
        assertThat(ann.get(1).sessionId).isEqualTo(ann.get(0).sessionId);
        assertThat(outcome.tooLate()).isEmpty();
    }

    @Test
    void anEventLaterThanTheLatenessGoesToTheSideOutput() throws Exception {
        Outcome outcome =
                run(
                        List.of(
                                at("ann", "a1", BEGINNING),
                                at("ann", "a2", BEGINNING.plus(Duration.ofMinutes(5))),
                                at(
                                        "bob",
                                        "b1",
                                        BEGINNING.plus(
                                                Duration.ofHours(
                                                        3))), // ann's session is final at +1 h 35
                                // min
                                at("ann", "a3", BEGINNING.plus(Duration.ofMinutes(6)))));

        List<SessionRow> ann =
                outcome.rows().stream().filter(r -> r.distinctId.equals("ann")).toList();
        assertThat(ann).extracting(r -> r.events).containsExactly(2L);
        assertThat(outcome.tooLate()).extracting(e -> e.insertId).containsExactly("a3");
    }
}
