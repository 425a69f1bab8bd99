package io.streamlytics.console.live;

import static io.streamlytics.core.metrics.LiveMetricsLayout.allEvents;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.streamlytics.console.live.domain.LiveSnapshot;
import io.streamlytics.console.live.service.LiveMetricsReader;
import io.streamlytics.core.metrics.LiveMetricsLayout;
import io.streamlytics.devstack.Ports;
import io.streamlytics.devstack.RedisServer;
import io.streamlytics.devstack.junit.RedisExtension;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.datasketches.kll.KllDoublesSketch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import redis.clients.jedis.JedisPooled;
import redis.clients.jedis.StreamEntryID;

/** Windows merged from the minutes the Metrics job writes, read from a real Redis. */
@ExtendWith(RedisExtension.class)
class LiveMetricsReaderTest {
    private static final long MINUTE = 60_000;
    private static final long NOW = Instant.parse("2026-11-28T12:30:20Z").toEpochMilli();
    private static final long THIS_MINUTE = NOW / MINUTE * MINUTE;
    private static final AtomicLong PROJECTS = new AtomicLong(1000);

    private static Clock at(long millis) {
        return Clock.fixed(Instant.ofEpochMilli(millis), ZoneOffset.UTC);
    }

    /** Writes one minute of project {@code p} as the Metrics job lays it out. */
    private static void minute(
            JedisPooled redis, long p, long minute, long events, double revenue, String... users) {
        String values = LiveMetricsLayout.values(p, minute);
        redis.hset(
                values,
                Map.of(
                        LiveMetricsLayout.count(allEvents()),
                        Long.toString(events),
                        LiveMetricsLayout.measure(allEvents(), "s", "revenue"),
                        Double.toString(revenue)));
        redis.pfadd(LiveMetricsLayout.uniques(p, minute, allEvents()), users);
        redis.zadd(LiveMetricsLayout.topEvents(p, minute), events, "click");
        redis.zadd(LiveMetricsLayout.topPages(p, minute), 1, "/home");
    }

    @Test
    void windowsAreMergedFromMinutes(RedisServer server) {
        long p = PROJECTS.incrementAndGet();
        try (JedisPooled redis = new JedisPooled("127.0.0.1", server.port())) {
            minute(redis, p, THIS_MINUTE, 5, 10.5, "a", "b");
            minute(redis, p, THIS_MINUTE - 4 * MINUTE, 3, 0, "b", "c");
            minute(redis, p, THIS_MINUTE - 5 * MINUTE, 7, 2, "d"); // outside 5 minutes
            minute(redis, p, THIS_MINUTE - 60 * MINUTE, 100, 100, "e"); // outside the hour
            redis.zadd(LiveMetricsLayout.topEvents(p, THIS_MINUTE), 2, "signup");
            redis.hset(
                    LiveMetricsLayout.values(p, THIS_MINUTE - 2 * MINUTE),
                    LiveMetricsLayout.count(
                            LiveMetricsLayout.name(LiveMetricsLayout.SESSIONS_STARTED, "", "")),
                    "4");
            redis.set(LiveMetricsLayout.HEARTBEAT, Long.toString(NOW - 300));

            LiveSnapshot s = new LiveMetricsReader(redis, at(NOW), new ObjectMapper()).snapshot(p);

            assertThat(s.minute()).isEqualTo(THIS_MINUTE);
            assertThat(s.eventsPerMinute()).hasSize(60);
            assertThat(s.eventsThisMinute()).isEqualTo(5);
            assertThat(s.eventsPerMinute().get(55)).isEqualTo(3);
            assertThat(s.eventsPerMinute().get(54)).isEqualTo(7);
            assertThat(s.eventsLastHour()).isEqualTo(15);
            assertThat(s.revenueLastHour()).isEqualTo(12.5);
            assertThat(s.sessionsLastHour()).isEqualTo(4);
            assertThat(s.activeUsers()).isEqualTo(3);
            assertThat(s.usersLastHour()).isEqualTo(4);
            assertThat(s.topEvents())
                    .containsExactly(
                            new LiveSnapshot.Ranked("click", 8),
                            new LiveSnapshot.Ranked("signup", 2));
            assertThat(s.topPages()).containsExactly(new LiveSnapshot.Ranked("/home", 2));
            assertThat(s.dataAgeMillis()).isEqualTo(300);
            assertThat(s.stale()).isFalse();

            var minutes =
                    new LiveMetricsReader(redis, at(NOW), new ObjectMapper())
                            .minutes(p, "*", "", "", 5);
            assertThat(minutes).extracting(m -> m.events()).containsExactly(3L, 0L, 0L, 0L, 5L);
            assertThat(minutes.get(4).minute()).isEqualTo(THIS_MINUTE);
            assertThatThrownBy(
                            () ->
                                    new LiveMetricsReader(redis, at(NOW), new ObjectMapper())
                                            .minutes(p, "*", "", "", 100_000))
                    .hasMessage("minutes must be between 1 and 180, got 100000");
        }
    }

    @Test
    void aSlidingWindowMergesCountsUsersAndQuantileSketchesOfItsMinutes(RedisServer server) {
        long p = PROJECTS.incrementAndGet();
        String name = LiveMetricsLayout.name("purchase", "country", "DE");
        try (JedisPooled redis = new JedisPooled("127.0.0.1", server.port())) {
            // two minutes of the window as the job writes them: revenue 1..10, then 11..20
            for (int part = 0; part < 2; part++) {
                long minute = THIS_MINUTE - part * 3 * MINUTE;
                KllDoublesSketch kll = KllDoublesSketch.newHeapInstance();
                double sum = 0;
                for (int v = 1 + part * 10; v <= 10 + part * 10; v++) {
                    kll.update(v);
                    sum += v;
                }
                redis.hset(
                        LiveMetricsLayout.values(p, minute),
                        Map.of(
                                LiveMetricsLayout.count(name), "10",
                                LiveMetricsLayout.measure(name, "n", "revenue"), "10",
                                LiveMetricsLayout.measure(name, "s", "revenue"),
                                        Double.toString(sum)));
                redis.hset(
                        LiveMetricsLayout.sketches(p, minute),
                        name + LiveMetricsLayout.SEPARATOR + "revenue",
                        Base64.getEncoder().encodeToString(kll.toByteArray()));
                redis.pfadd(LiveMetricsLayout.uniques(p, minute, name), "ann", "user-" + part);
            }
            LiveMetricsReader reader = new LiveMetricsReader(redis, at(NOW), new ObjectMapper());

            var five = reader.window(p, "purchase", "country", "DE", 5, "revenue");
            var one = reader.window(p, "purchase", "country", "DE", 1, "revenue");

            assertThat(five.events()).isEqualTo(20);
            assertThat(five.uniques()).isEqualTo(3); // ann in both minutes counts once
            assertThat(five.values()).isEqualTo(20);
            assertThat(five.sum()).isEqualTo(210.0);
            assertThat(five.average()).isEqualTo(10.5);
            assertThat(five.p50()).isEqualTo(10.0);
            assertThat(five.p95()).isEqualTo(19.0);
            assertThat(one.events()).isEqualTo(10);
            assertThat(one.p50()).isEqualTo(5.0);
            assertThat(reader.window(p, "signup", "", "", 5, "revenue").p50()).isNull();
        }
    }

    @Test
    void numbersAreStaleWhenTheJobHasNotWrittenForAWhile(RedisServer server) {
        long p = PROJECTS.incrementAndGet();
        try (JedisPooled redis = new JedisPooled("127.0.0.1", server.port())) {
            redis.set(LiveMetricsLayout.HEARTBEAT, Long.toString(NOW - 30_000));
            LiveSnapshot s = new LiveMetricsReader(redis, at(NOW), new ObjectMapper()).snapshot(p);
            assertThat(s.stale()).isTrue();
            assertThat(s.dataAgeMillis()).isEqualTo(30_000);
        }
    }

    @Test
    void redisAwayGivesAnEmptyStaleSnapshotNotAnError() {
        try (JedisPooled nowhere = new JedisPooled("127.0.0.1", Ports.free())) {
            LiveSnapshot s =
                    new LiveMetricsReader(nowhere, at(NOW), new ObjectMapper()).snapshot(1);
            assertThat(s.stale()).isTrue();
            assertThat(s.dataAgeMillis()).isEqualTo(-1);
            assertThat(s.eventsPerMinute()).isEmpty();
            assertThat(new LiveMetricsReader(nowhere, at(NOW), new ObjectMapper()).feed(1, "", 10))
                    .isEmpty();
        }
    }

    @Test
    void theFeedResumesAfterTheLastIdSeen(RedisServer server) {
        long p = PROJECTS.incrementAndGet();
        try (JedisPooled redis = new JedisPooled("127.0.0.1", server.port())) {
            String stream = LiveMetricsLayout.events(p);
            String first =
                    redis.xadd(
                                    stream,
                                    StreamEntryID.NEW_ENTRY,
                                    Map.of("event", "{\"event\":\"a\",\"distinct_id\":\"u1\"}"))
                            .toString();
            redis.xadd(
                    stream,
                    StreamEntryID.NEW_ENTRY,
                    Map.of("event", "{\"event\":\"b\",\"distinct_id\":\"u2\",\"page\":\"/x\"}"));
            LiveMetricsReader reader = new LiveMetricsReader(redis, at(NOW), new ObjectMapper());

            assertThat(reader.feed(p, "", 10)).extracting(e -> e.event()).containsExactly("a", "b");
            assertThat(reader.feed(p, first, 10))
                    .singleElement()
                    .satisfies(
                            e -> {
                                assertThat(e.event()).isEqualTo("b");
                                assertThat(e.page()).isEqualTo("/x");
                            });
        }
    }
}
