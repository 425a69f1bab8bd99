package io.streamlytics.flink.sessions;

import static io.streamlytics.flink.TestEvents.BEGINNING;
import static org.assertj.core.api.Assertions.assertThat;

import io.streamlytics.core.event.Event;
import io.streamlytics.flink.TestEvents;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.util.CloseableIterator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Sessionization on a MiniCluster (parallelism 2) with bounded, out-of-order input. */
class SessionsTest {
    @RegisterExtension
    static final MiniClusterExtension FLINK = io.streamlytics.flink.TestCluster.withTwoSlots();

    private static final Instant FIVE_MINUTES_LATER = BEGINNING.plus(Duration.ofMinutes(5));
    private static final Instant TEN_MINUTES_LATER = BEGINNING.plus(Duration.ofMinutes(10));
    private static final Instant TWO_HOURS_LATER = BEGINNING.plus(Duration.ofHours(2));

    private static Event view(String user, Instant at, String path) {
        Event e = TestEvents.event(1, user + "@" + at, "page_view", user, at);
        e.context.pageUrl = "https://shop.example" + path;
        return e;
    }

    private static List<SessionRow> run(List<Event> events) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(2);
        var stream =
                env.fromData(events)
                        .assignTimestampsAndWatermarks(Sessions.watermarks(Duration.ofMinutes(15)));
        List<SessionRow> rows = new ArrayList<>();
        try (CloseableIterator<SessionRow> out =
                Sessions.build(stream, Sessions.DEFAULT_GAP, Duration.ZERO)
                        .rows()
                        .executeAndCollect()) {
            out.forEachRemaining(rows::add);
        }
        rows.sort(
                Comparator.comparing((SessionRow r) -> r.distinctId)
                        .thenComparing(r -> r.startedAt));
        return rows;
    }

    @Test
    void aGapOfMoreThanThirtyMinutesStartsANewSession() throws Exception {
        Event landing = view("ann", BEGINNING, "/");
        landing.context.pageReferrer = "https://www.google.com/";
        landing.context.utmSource = "news";
        landing.context.deviceType = "Phone";
        landing.context.country = "DE";
        Event purchase = TestEvents.event(1, "p-1", "purchase", "ann", TEN_MINUTES_LATER);
        purchase.properties = "{\"revenue\": 49.5, \"currency\": \"EUR\"}";
        purchase.context.pageUrl = "https://shop.example/checkout";
        List<Event> events =
                List.of(
                        landing,
                        purchase, // arrives before the view it follows
                        view("ann", FIVE_MINUTES_LATER, "/pricing"),
                        view("ann", TWO_HOURS_LATER, "/blog"),
                        view("bob", FIVE_MINUTES_LATER, "/"));

        List<SessionRow> sessions = run(events);

        assertThat(sessions).hasSize(3);
        SessionRow first = sessions.get(0);
        assertThat(first.distinctId).isEqualTo("ann");
        assertThat(first.events).isEqualTo(3);
        assertThat(first.pageviews).isEqualTo(2);
        assertThat(first.durationSeconds()).isEqualTo(600);
        assertThat(first.entryUrl).isEqualTo("https://shop.example/");
        assertThat(first.exitUrl).isEqualTo("https://shop.example/checkout");
        assertThat(first.referrer).isEqualTo("https://www.google.com/");
        assertThat(first.utmSource).isEqualTo("news");
        assertThat(first.bounce()).isFalse();
        assertThat(first.deviceType).isEqualTo("Phone");
        assertThat(first.country).isEqualTo("DE");
        assertThat(first.revenue).isEqualTo(49.5);
        SessionRow second = sessions.get(1);
        assertThat(second.startedAt).isEqualTo(TWO_HOURS_LATER.toEpochMilli());
        assertThat(second.bounce()).isTrue();
        assertThat(second.sessionId).isNotEqualTo(first.sessionId);
        assertThat(sessions.get(2).distinctId).isEqualTo("bob");
    }

    @Test
    void theSameEventsGiveTheSameSessionIds() throws Exception {
        List<Event> events =
                List.of(view("cy", BEGINNING, "/"), view("cy", FIVE_MINUTES_LATER, "/a"));

        assertThat(run(events).get(0).sessionId).isEqualTo(run(events).get(0).sessionId);
    }
}
