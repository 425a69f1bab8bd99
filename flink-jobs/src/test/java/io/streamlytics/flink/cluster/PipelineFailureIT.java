package io.streamlytics.flink.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamlytics.core.clickhouse.ClickHouse;
import io.streamlytics.core.clickhouse.ClickHouseSettings;
import io.streamlytics.core.config.PlatformConfig;
import io.streamlytics.core.event.Event;
import io.streamlytics.core.event.EventCodec;
import io.streamlytics.devstack.ClickHouseServer;
import io.streamlytics.devstack.KafkaBroker;
import io.streamlytics.devstack.Waits;
import io.streamlytics.devstack.junit.KafkaExtension;
import io.streamlytics.flink.TestEvents;
import io.streamlytics.flink.TestPipelineConfig;
import io.streamlytics.flink.pipeline.EventPipelineJob;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The event pipeline on a real multi-process Flink cluster (a JobManager and two TaskManagers, each
 * its own JVM; jobs submitted over REST) during a steady stream, while we: {@code kill -9} a
 * TaskManager; stop ClickHouse for 60 s; {@code kill -9} the JobManager and start a new one, which
 * resumes the job from its newest retained checkpoint. Afterwards ClickHouse holds every accepted
 * event exactly once, the sessions are those of a failure-free run (computed from the stream's
 * definition), and {@code events.enriched} has no duplicates.
 */
@ExtendWith(KafkaExtension.class)
class PipelineFailureIT {
    private static final Logger LOG = LoggerFactory.getLogger(PipelineFailureIT.class);
    private static final int TOTAL = 30_000;
    private static final int USERS = 300;
    private static final int PER_SECOND = 250;
    private static final Duration RECOVERY = Duration.ofSeconds(120);

    private final java.util.Deque<AutoCloseable> resources = new java.util.ArrayDeque<>();

    @AfterEach
    void stopEverything() throws Exception {
        while (!resources.isEmpty()) {
            resources.pop().close();
        }
    }

    @Test
    void countsEveryEventOnceThroughTaskManagerKillClickHouseOutageAndJobManagerRestart(
            KafkaBroker kafka) throws Exception {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        Path dir = Path.of("target", "pipeline-failure-" + suffix).toAbsolutePath();
        ClickHouseServer.Ports chPorts = ClickHouseServer.Ports.free();
        String chPassword = UUID.randomUUID().toString();
        ClickHouseServer[] clickhouse = {
            ClickHouseServer.start(
                    dir.resolve("clickhouse"), chPorts, chPassword, dir.resolve("ch.pid"))
        };
        resources.push(() -> clickhouse[0].close());
        PlatformConfig config =
                TestPipelineConfig.create(
                        kafka, clickhouse[0].httpUrl(), chPassword, "failure", suffix, 2000);
        String raw = config.kafka().rawTopic();
        FlinkProcessCluster flink = FlinkProcessCluster.start(dir.resolve("flink"), 2, 2);
        resources.push(flink);
        String job = submit(flink, config, null);
        awaitRunning(flink, job);

        SteadyStream stream =
                new SteadyStream(kafka.bootstrapServers(), raw, TOTAL, USERS, PER_SECOND).start();
        resources.push(stream);

        pause(Duration.ofSeconds(15));
        LOG.info("kill -9 of a TaskManager after {} events", stream.sent());
        int failuresBefore = flink.failures(job);
        flink.killBusyTaskManager();
        flink.startTaskManager();
        // the JobManager notices the lost TaskManager by its missed heartbeats, then restarts
        assertThat(Waits.until(RECOVERY, () -> flink.failures(job) > failuresBefore))
                .as("the job restarted after the kill")
                .isTrue();
        awaitRunning(flink, job);

        pause(Duration.ofSeconds(5));
        LOG.info("stopping ClickHouse for 60 s after {} events", stream.sent());
        clickhouse[0].close();
        pause(Duration.ofSeconds(60));
        clickhouse[0] =
                ClickHouseServer.start(
                        dir.resolve("clickhouse"), chPorts, chPassword, dir.resolve("ch.pid"));
        awaitRunning(flink, job);

        pause(Duration.ofSeconds(5));
        LOG.info("kill -9 of the JobManager after {} events", stream.sent());
        flink.killJobManager();
        flink.startJobManager();
        flink.awaitTaskManagers(2);
        Path checkpoint = flink.newestCheckpoint().orElseThrow();
        LOG.info("resubmitting from {}", checkpoint);
        String resumed = submit(flink, config, checkpoint);
        awaitRunning(flink, resumed);
        assertThat(flink.restoredFrom(resumed))
                .hasValueSatisfying(p -> assertThat(p).contains("chk-"));

        stream.finish();
        // event time far ahead, for users of their own: the watermark passes every session's end
        for (int i = 0; i < 20; i++) {
            stream.send(
                    TestEvents.event(
                            1,
                            "flush-" + i,
                            "click",
                            "flush-" + i,
                            SteadyStream.BEGINNING.plus(Duration.ofHours(6))));
        }
        stream.finish();

        try (ClickHouse ch = ClickHouse.connect(ClickHouseSettings.from(config.clickhouse()))) {
            String events = ch.table("events");
            String sessions = ch.table("sessions") + " FINAL";
            boolean done =
                    Waits.until(
                            RECOVERY,
                            () ->
                                    ch.queryLong("SELECT count() AS n FROM " + events, "n")
                                                    >= TOTAL + 20
                                            && ch.queryLong(
                                                            "SELECT sum(events) AS n FROM "
                                                                    + sessions
                                                                    + " WHERE distinct_id LIKE 'user-%'",
                                                            "n")
                                                    >= TOTAL);
            LOG.info("caught up: {}", done);
            pause(Duration.ofSeconds(6)); // a few more checkpoints: a duplicate would show now

            assertThat(ch.queryLong("SELECT count() AS n FROM " + events, "n"))
                    .isEqualTo(TOTAL + 20);
            assertThat(ch.queryLong("SELECT uniqExact(insert_id) AS n FROM " + events, "n"))
                    .isEqualTo(TOTAL + 20);
            List<String> stored =
                    ch
                            .query(
                                    "SELECT distinct_id, toUnixTimestamp(started_at) AS s,"
                                            + " toUnixTimestamp(ended_at) AS e, events FROM "
                                            + sessions
                                            + " WHERE distinct_id LIKE 'user-%'"
                                            + " ORDER BY distinct_id")
                            .stream()
                            .map(
                                    r ->
                                            r.path("distinct_id").asString()
                                                    + " "
                                                    + r.path("s").asLong()
                                                    + ".."
                                                    + r.path("e").asLong()
                                                    + " x"
                                                    + r.path("events").asLong())
                            .toList();
            assertThat(stored).isEqualTo(expectedSessions(stream));
        }
        List<String> enriched =
                kafka
                        .consume(config.kafka().enrichedTopic(), TOTAL + 20, Duration.ofSeconds(60))
                        .stream()
                        .map(r -> EventCodec.fromJson(r.value()).insertId)
                        .toList();
        assertThat(enriched).hasSize(TOTAL + 20).doesNotHaveDuplicates();
    }

    /** One session per user (an event every 30 s of event time, never a 30-minute gap). */
    private static List<String> expectedSessions(SteadyStream stream) {
        TreeMap<String, long[]> byUser = new TreeMap<>();
        for (int i = 0; i < TOTAL; i++) {
            Event e = stream.event(i);
            long[] s = byUser.computeIfAbsent(e.distinctId, u -> new long[] {Long.MAX_VALUE, 0, 0});
            s[0] = Math.min(s[0], e.timestamp / 1000);
            s[1] = Math.max(s[1], e.timestamp / 1000);
            s[2]++;
        }
        List<String> rows = new ArrayList<>();
        byUser.forEach((user, s) -> rows.add(user + " " + s[0] + ".." + s[1] + " x" + s[2]));
        return rows;
    }

    private static String submit(FlinkProcessCluster flink, PlatformConfig config, Path restore)
            throws Exception {
        return flink.submit(
                        env ->
                                EventPipelineJob.configure(
                                        env,
                                        config,
                                        null,
                                        EventPipelineJob.defaultSessionRules(config)),
                        restore,
                        2)
                .getJobID()
                .toString();
    }

    private static void awaitRunning(FlinkProcessCluster flink, String job) {
        assertThat(Waits.until(RECOVERY, () -> flink.allTasksRunning(job)))
                .as("job %s running again within %s", job, RECOVERY)
                .isTrue();
    }

    private static void pause(Duration duration) throws InterruptedException {
        Thread.sleep(duration.toMillis());
    }
}
