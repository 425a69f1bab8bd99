package io.streamlytics.flink.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamlytics.core.clickhouse.ClickHouse;
import io.streamlytics.core.clickhouse.ClickHouseSettings;
import io.streamlytics.core.config.PlatformConfig;
import io.streamlytics.core.event.Event;
import io.streamlytics.devstack.ClickHouseServer;
import io.streamlytics.devstack.KafkaBroker;
import io.streamlytics.devstack.Waits;
import io.streamlytics.devstack.junit.ClickHouseExtension;
import io.streamlytics.devstack.junit.KafkaExtension;
import io.streamlytics.flink.RawTopic;
import io.streamlytics.flink.TestEvents;
import io.streamlytics.flink.TestPipelineConfig;
import io.streamlytics.flink.pipeline.EventPipelineJob;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.SavepointFormatType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Stop the event pipeline with a savepoint, start a changed version of it from the savepoint, and
 * the new version goes on with the old one's state: it still drops re-sent events (dedup), still
 * knows who joined whom (identity), still holds half-open sessions and their ids, and person
 * properties. The "upgrade" changes the physical plan — parallelism 2 → 1 (state rescaled across
 * key groups) and no operator chaining — while the operator uids stay, as a code upgrade must.
 */
@ExtendWith({KafkaExtension.class, ClickHouseExtension.class})
class SavepointUpgradeIT {
    private static final int USERS = 10;
    private static final Instant T0 = TestEvents.BEGINNING;

    @Test
    void aNewVersionStartedFromASavepointKeepsEveryKindOfState(
            KafkaBroker kafka, ClickHouseServer server) throws Exception {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        PlatformConfig config =
                TestPipelineConfig.create(
                        kafka, server.httpUrl(), server.password(), "upgrade", suffix, 1000);
        String raw = config.kafka().rawTopic();
        Path dir = Path.of("target", "savepoint-upgrade-" + suffix).toAbsolutePath();
        List<Event> before = visits(0);
        before.add(alias("alias-1", "user-0", "anon-y", 1));

        try (FlinkProcessCluster flink = FlinkProcessCluster.start(dir, 1, 2);
                ClickHouse ch = ClickHouse.connect(ClickHouseSettings.from(config.clickhouse()))) {
            JobClient v1 =
                    flink.submit(
                            env ->
                                    EventPipelineJob.configure(
                                            env,
                                            config,
                                            null,
                                            EventPipelineJob.defaultSessionRules(config)),
                            null,
                            2);
            awaitRunning(flink, v1);
            RawTopic.send(kafka.bootstrapServers(), raw, before);
            awaitCount(ch, "events", before.size());
            String savepoint =
                    v1.stopWithSavepoint(
                                    false,
                                    dir.resolve("savepoints").toUri().toString(),
                                    SavepointFormatType.CANONICAL)
                            .get(2, TimeUnit.MINUTES);

            JobClient v2 =
                    flink.submit(
                            env -> {
                                env.disableOperatorChaining();
                                EventPipelineJob.configure(
                                        env,
                                        config,
                                        null,
                                        EventPipelineJob.defaultSessionRules(config));
                            },
                            Path.of(URI.create(savepoint)),
                            1);
            awaitRunning(flink, v2);
            assertThat(flink.restoredFrom(v2.getJobID().toString()))
                    .hasValueSatisfying(path -> assertThat(path).contains("savepoint"));

            List<Event> after = new ArrayList<>(before); // a client re-sends everything
            after.addAll(visits(5));
            after.add(alias("alias-2", "user-1", "anon-y", 6)); // anon-y joined user-0 already
            for (int i = 0; i < 4; i++) { // pushes event time past every session's end
                after.add(
                        TestEvents.event(
                                1,
                                "flush-" + i,
                                "click",
                                "flush-" + i,
                                T0.plus(Duration.ofHours(6))));
            }
            RawTopic.send(kafka.bootstrapServers(), raw, after);
            int expected = before.size() + USERS * 5 + 1 + 4;
            awaitCount(ch, "events", expected);
            String sessions = ch.table("sessions") + " FINAL WHERE distinct_id LIKE 'user-%'";
            Waits.until(
                    Duration.ofSeconds(60),
                    () ->
                            ch.queryLong("SELECT sum(events) AS n FROM " + sessions, "n")
                                    >= USERS * 10 + 2);
            pause(Duration.ofSeconds(3)); // more checkpoints: a duplicate would show now

            String events = ch.table("events");
            assertThat(ch.queryLong("SELECT count() AS n FROM " + events, "n")).isEqualTo(expected);
            // one session per user across the upgrade, with all ten visits and one id
            assertThat(ch.queryLong("SELECT count() AS n FROM " + sessions, "n")).isEqualTo(USERS);
            assertThat(ch.queryLong("SELECT min(events) AS n FROM " + sessions, "n")).isEqualTo(10);
            assertThat(
                            ch.queryLong(
                                    "SELECT max(ids) AS n FROM (SELECT uniqExact(session_id) AS ids"
                                            + " FROM "
                                            + events
                                            + " WHERE distinct_id LIKE 'user-%' GROUP BY distinct_id)",
                                    "n"))
                    .isEqualTo(1);
            // the second alias was refused: anon-y had joined user-0 before the upgrade
            assertThat(
                            ch
                                    .query(
                                            "SELECT person_id FROM "
                                                    + ch.table("person_aliases")
                                                    + " WHERE distinct_id = 'anon-y' AND version = 2")
                                    .stream()
                                    .map(r -> r.path("person_id").asString()))
                    .containsExactly("user-0");
            // $set before the upgrade, $set_once after it: the first value stays
            assertThat(
                            ch.query(
                                            "SELECT properties FROM "
                                                    + ch.table("persons")
                                                    + " FINAL WHERE person_id = 'user-3'")
                                    .get(0)
                                    .path("properties")
                                    .asString())
                    .isEqualTo("{\"plan\":\"free\",\"first_seen\":\"after\"}");
            v2.cancel().get(1, TimeUnit.MINUTES);
        }
    }

    /** Five events per user, a minute apart from minute {@code from}; one sets a property. */
    private static List<Event> visits(int from) {
        List<Event> events = new ArrayList<>();
        for (int u = 0; u < USERS; u++) {
            for (int m = from; m < from + 5; m++) {
                Event e =
                        TestEvents.event(
                                1,
                                "u" + u + "-m" + m,
                                "page_view",
                                "user-" + u,
                                T0.plus(Duration.ofMinutes(m)));
                if (m == from) {
                    if (from == 0) {
                        e.set = "{\"plan\":\"free\"}";
                    } else {
                        e.setOnce = "{\"plan\":\"paid\",\"first_seen\":\"after\"}";
                    }
                }
                events.add(e);
            }
        }
        return events;
    }

    private static Event alias(String insertId, String user, String alias, int minute) {
        Event e =
                TestEvents.event(
                        1, insertId, "$create_alias", user, T0.plus(Duration.ofMinutes(minute)));
        e.properties = "{\"alias\":\"" + alias + "\"}";
        return e;
    }

    private static void awaitRunning(FlinkProcessCluster flink, JobClient job) {
        assertThat(
                        Waits.until(
                                Duration.ofSeconds(90),
                                () -> flink.allTasksRunning(job.getJobID().toString())))
                .isTrue();
    }

    private static void awaitCount(ClickHouse ch, String table, long count) {
        Waits.until(
                Duration.ofSeconds(90),
                () -> ch.queryLong("SELECT count() AS n FROM " + ch.table(table), "n") >= count);
    }

    private static void pause(Duration duration) throws InterruptedException {
        Thread.sleep(duration.toMillis());
    }
}
