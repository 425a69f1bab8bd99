package io.streamlytics.flink.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamlytics.core.clickhouse.ClickHouse;
import io.streamlytics.core.clickhouse.ClickHouseSettings;
import io.streamlytics.core.config.PlatformConfig;
import io.streamlytics.devstack.ClickHouseServer;
import io.streamlytics.devstack.KafkaBroker;
import io.streamlytics.devstack.Ports;
import io.streamlytics.devstack.RedisServer;
import io.streamlytics.devstack.Waits;
import io.streamlytics.devstack.junit.ClickHouseExtension;
import io.streamlytics.devstack.junit.KafkaExtension;
import io.streamlytics.flink.TestPipelineConfig;
import io.streamlytics.flink.cluster.FlinkProcessCluster;
import io.streamlytics.flink.cluster.SteadyStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import redis.clients.jedis.JedisPooled;
import tools.jackson.databind.JsonNode;

/**
 * A TaskManager running the Metrics job is killed with {@code kill -9} in the middle of a steady
 * stream, on a real cluster of three JVMs. The job restarts from its last checkpoint and replays
 * what came after: afterwards Redis holds each minute's exact count (writes are absolute values, so
 * the replay cannot add twice) and ClickHouse {@code metrics_1m} one row per minute with the exact
 * count.
 */
@ExtendWith({KafkaExtension.class, ClickHouseExtension.class})
class MetricsFailureIT {
    private static final int EVENTS = 4_000;
    private static final int USERS = 40;
    private static final int PER_SECOND = 50;
    private static final Duration RECOVERY = Duration.ofSeconds(120);

    @Test
    void aKilledTaskManagerNeitherLosesNorDoublesACount(KafkaBroker kafka, ClickHouseServer server)
            throws Exception {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        Path dir = Path.of("target", "metrics-failure-" + suffix).toAbsolutePath();
        try (RedisServer redis = RedisServer.start(dir, Ports.free(), dir.resolve("redis.pid"));
                FlinkProcessCluster flink = FlinkProcessCluster.start(dir.resolve("flink"), 2, 2)) {
            PlatformConfig config =
                    TestPipelineConfig.create(
                            kafka,
                            server.httpUrl(),
                            server.password(),
                            "metrics_failure",
                            suffix,
                            2000,
                            Map.of("ANALYTICS_REDIS_PORT", Integer.toString(redis.port())));
            // minutes final a second after their end, so they are written while the test runs
            MetricsSettings settings =
                    new MetricsSettings(
                            Duration.ofMillis(200),
                            Duration.ofSeconds(1),
                            Duration.ZERO,
                            Duration.ofHours(1),
                            Duration.ofSeconds(5),
                            20);
            String job =
                    flink.submit(
                                    env ->
                                            MetricsJob.configure(
                                                    env,
                                                    config,
                                                    null,
                                                    DefinitionsSource.fixed(Map.of()),
                                                    settings),
                                    null,
                                    2)
                            .getJobID()
                            .toString();
            assertThat(Waits.until(RECOVERY, () -> flink.allTasksRunning(job))).isTrue();

            try (SteadyStream stream =
                    new SteadyStream(
                            kafka.bootstrapServers(),
                            config.kafka().rawTopic(),
                            EVENTS,
                            USERS,
                            PER_SECOND)) {
                stream.start();
                Thread.sleep(20_000);
                int failuresBefore = flink.failures(job);
                flink.killBusyTaskManager();
                flink.startTaskManager();
                assertThat(Waits.until(RECOVERY, () -> flink.failures(job) > failuresBefore))
                        .as("the job restarted after the kill")
                        .isTrue();
                assertThat(Waits.until(RECOVERY, () -> flink.allTasksRunning(job))).isTrue();
                stream.finish();
            }

            int fullMinutes = SteadyStreamCounts.fullMinutes(EVENTS);
            long perMinute = SteadyStreamCounts.eventsPerFullMinute();
            try (JedisPooled client = new JedisPooled("127.0.0.1", redis.port())) {
                assertThat(
                                Waits.until(
                                        RECOVERY,
                                        () ->
                                                SteadyStreamCounts.total(client, fullMinutes + 1)
                                                        == EVENTS))
                        .as(
                                () ->
                                        "Redis counts every event once; per minute: "
                                                + SteadyStreamCounts.perMinute(
                                                        client, fullMinutes + 1))
                        .isTrue();
                assertThat(SteadyStreamCounts.perMinute(client, fullMinutes))
                        .containsOnly(perMinute)
                        .hasSize(fullMinutes);
            }
            try (ClickHouse ch = ClickHouse.connect(ClickHouseSettings.from(config.clickhouse()))) {
                String query =
                        "SELECT toUnixTimestamp(minute) AS m, events FROM "
                                + ch.table("metrics_1m")
                                + " WHERE event = '*' AND dimension = '' ORDER BY m";
                assertThat(Waits.until(RECOVERY, () -> ch.query(query).size() >= fullMinutes))
                        .isTrue();
                List<JsonNode> rows = ch.query(query);
                assertThat(rows.subList(0, fullMinutes))
                        .as("one row per minute, each with the minute's events once")
                        .allSatisfy(
                                r -> assertThat(r.path("events").asLong()).isEqualTo(perMinute));
                assertThat(rows.stream().map(r -> r.path("m").asLong()).distinct().count())
                        .isEqualTo(rows.size());
            }
        }
    }
}
