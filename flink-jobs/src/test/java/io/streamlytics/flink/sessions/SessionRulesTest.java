package io.streamlytics.flink.sessions;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamlytics.core.event.Event;
import io.streamlytics.flink.TestCluster;
import io.streamlytics.flink.TestEvents;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.util.CloseableIterator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The maximum session length and the split at midnight, across a daylight-saving change. */
class SessionRulesTest {
    @RegisterExtension static final MiniClusterExtension FLINK = TestCluster.withTwoSlots();

    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    /** Clocks in Berlin jump from 02:00 to 03:00 on this day. */
    private static final LocalDateTime DST_NIGHT = LocalDateTime.parse("2026-03-29T00:00");

    private static Event at(Instant time) {
        return TestEvents.event(1, "e@" + time, "page_view", "ann", time);
    }

    private static Instant berlin(LocalDateTime local) {
        return local.atZone(BERLIN).toInstant();
    }

    private static List<SessionRow> run(List<Event> events, SessionRules rules) throws Exception {
        return run(events, ProjectSessionRules.everywhere(rules));
    }

    private static List<SessionRow> run(List<Event> events, ProjectSessionRules rules)
            throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(2);
        var stream =
                env.fromData(events)
                        .assignTimestampsAndWatermarks(Sessions.watermarks(Duration.ofHours(1)));
        List<SessionRow> rows = new ArrayList<>();
        try (CloseableIterator<SessionRow> out =
                Sessions.build(stream, rules, Duration.ZERO).rows().executeAndCollect()) {
            out.forEachRemaining(rows::add);
        }
        rows.sort(Comparator.comparingLong(r -> r.startedAt));
        return rows;
    }

    @Test
    void activityLongerThanTheMaximumBecomesSeveralSessions() throws Exception {
        List<Event> events = new ArrayList<>();
        for (int minutes = 0; minutes <= 26 * 60; minutes += 20) {
            events.add(at(TestEvents.BEGINNING.plus(Duration.ofMinutes(minutes))));
        }

        List<SessionRow> sessions =
                run(events, SessionRules.of(Duration.ofMinutes(30), Duration.ofHours(24), null));

        assertThat(sessions).extracting(r -> r.events).containsExactly(73L, 6L);
        assertThat(sessions.get(0).durationSeconds()).isEqualTo(24 * 3600);
    }

    @Test
    void midnightInTheProjectsZoneEndsASession() throws Exception {
        List<Event> events =
                List.of(
                        at(berlin(DST_NIGHT.minusMinutes(10))),
                        at(berlin(DST_NIGHT.plusMinutes(10))));

        assertThat(
                        run(
                                events,
                                SessionRules.of(
                                        Duration.ofMinutes(30), Duration.ofHours(24), BERLIN)))
                .extracting(r -> r.events)
                .containsExactly(1L, 1L);
        assertThat(run(events, SessionRules.of(Duration.ofMinutes(30), Duration.ofHours(24), null)))
                .extracting(r -> r.events)
                .containsExactly(2L);
    }

    @Test
    void theDaylightSavingJumpIsNotAGap() throws Exception {
        // 01:50 and 03:10 local are 20 minutes apart in real time: the clocks skip 02:00-03:00
        List<Event> events =
                List.of(
                        at(berlin(DST_NIGHT.plusHours(1).plusMinutes(50))),
                        at(berlin(DST_NIGHT.plusHours(3).plusMinutes(10))));

        List<SessionRow> sessions =
                run(events, SessionRules.of(Duration.ofMinutes(30), Duration.ofHours(24), BERLIN));

        assertThat(sessions).extracting(r -> r.events).containsExactly(2L);
        assertThat(sessions.get(0).durationSeconds()).isEqualTo(20 * 60);
    }

    @Test
    void eachProjectHasItsOwnGap() throws Exception {
        List<Event> events = new ArrayList<>();
        for (long project : new long[] {1, 2}) {
            for (int minutes = 0; minutes <= 20; minutes += 10) {
                Event e = at(TestEvents.BEGINNING.plus(Duration.ofMinutes(minutes)));
                e.projectId = project;
                e.insertId = project + "-" + minutes;
                events.add(e);
            }
        }
        SessionRules thirtyMinutes =
                SessionRules.of(Duration.ofMinutes(30), Duration.ofHours(24), null);
        SessionRules fiveMinutes =
                SessionRules.of(Duration.ofMinutes(5), Duration.ofHours(24), null);
        List<SessionRow> rows =
                run(
                        events,
                        new ProjectSessionRules(thirtyMinutes, java.util.Map.of(2L, fiveMinutes)));

        assertThat(rows.stream().filter(r -> r.projectId == 1))
                .extracting(r -> r.events)
                .containsExactly(3L);
        assertThat(rows.stream().filter(r -> r.projectId == 2))
                .extracting(r -> r.events)
                .containsExactly(1L, 1L, 1L);
    }
}
