package io.streamlytics.flink.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamlytics.core.clickhouse.ClickHouse;
import io.streamlytics.core.clickhouse.ClickHouseSettings;
import io.streamlytics.core.config.PlatformConfig;
import io.streamlytics.core.metrics.LiveMetricsLayout;
import io.streamlytics.devstack.ClickHouseServer;
import io.streamlytics.devstack.KafkaBroker;
import io.streamlytics.devstack.Ports;
import io.streamlytics.devstack.RedisServer;
import io.streamlytics.devstack.Waits;
import io.streamlytics.devstack.junit.ClickHouseExtension;
import io.streamlytics.devstack.junit.KafkaExtension;
import io.streamlytics.flink.TestPipelineConfig;
import io.streamlytics.flink.cluster.SteadyStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.JedisPooled;

/**
 * Redis hangs for 60 s (SIGSTOP: connections open, nothing answers, the hardest case for a client)
 * in the middle of a steady stream. The Metrics job must keep running without a restart, keep
 * finishing minutes into ClickHouse meanwhile, and afterwards Redis must hold every minute's exact
 * count and every user.
 */
@ExtendWith({KafkaExtension.class, ClickHouseExtension.class})
class RedisOutageIT {
    private static final Logger LOG = LoggerFactory.getLogger(RedisOutageIT.class);

    @RegisterExtension
    static final MiniClusterExtension FLINK = io.streamlytics.flink.TestCluster.withTwoSlots();

    private static final int EVENTS = 4_000;
    private static final int USERS = 40;
    private static final int PER_SECOND = 50;
    private static final long MINUTE = 60_000;
    private static final int OUTAGE_SECONDS = Integer.getInteger("redis.outage.seconds", 60);

    @Test
    void theJobRidesOutARedisOutageAndRedisCatchesUp(KafkaBroker kafka, ClickHouseServer server)
            throws Exception {
        Path dir = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "redis-outage-");
        try (RedisServer redis = RedisServer.start(dir, Ports.free(), dir.resolve("redis.pid"))) {
            String suffix = UUID.randomUUID().toString().substring(0, 8);
            PlatformConfig config =
                    TestPipelineConfig.create(
                            kafka,
                            server.httpUrl(),
                            server.password(),
                            "redis_outage",
                            suffix,
                            1000,
                            Map.of("ANALYTICS_REDIS_PORT", Integer.toString(redis.port())));
            StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
            env.setParallelism(2);
            // minutes final a second after their end, so some finish during the outage
            MetricsSettings settings =
                    new MetricsSettings(
                            Duration.ofMillis(200),
                            Duration.ofSeconds(1),
                            Duration.ZERO,
                            Duration.ofHours(2),
                            Duration.ofSeconds(5),
                            20);
            MetricsJob.configure(env, config, null, DefinitionsSource.fixed(Map.of()), settings);
            JobClient job = env.executeAsync("metrics-redis-outage");
            try (SteadyStream stream =
                            new SteadyStream(
                                    kafka.bootstrapServers(),
                                    config.kafka().rawTopic(),
                                    EVENTS,
                                    USERS,
                                    PER_SECOND);
                    ClickHouse ch =
                            ClickHouse.connect(ClickHouseSettings.from(config.clickhouse()))) {
                stream.start();
                Thread.sleep(10_000);

                LOG.info("Redis hangs for 60 s after {} events", stream.sent());
                long rowsBefore = finalRows(ch);
                signal("STOP", redis.pid());
                List<JobStatus> seen = new ArrayList<>();
                for (int s = 0; s < OUTAGE_SECONDS; s++) {
                    Thread.sleep(1_000);
                    seen.add(job.getJobStatus().get());
                }
                long rowsDuring = finalRows(ch);
                signal("CONT", redis.pid());
                LOG.info("Redis back after {} events", stream.sent());

                assertThat(seen)
                        .as("the job's status each second of the outage")
                        .containsOnly(JobStatus.RUNNING);
                assertThat(rowsDuring)
                        .as("minutes kept finishing into ClickHouse while Redis was away")
                        .isGreaterThan(rowsBefore);

                stream.finish();
                // every complete minute of the stream, exactly, and every user
                int fullMinutes = SteadyStreamCounts.fullMinutes(EVENTS);
                long eventsPerMinute = SteadyStreamCounts.eventsPerFullMinute();
                try (JedisPooled client = new JedisPooled("127.0.0.1", redis.port())) {
                    assertThat(
                                    Waits.until(
                                            Duration.ofSeconds(60),
                                            () ->
                                                    SteadyStreamCounts.total(
                                                                    client, fullMinutes + 1)
                                                            == EVENTS))
                            .as(
                                    () ->
                                            "Redis caught up with all "
                                                    + EVENTS
                                                    + " events; per minute: "
                                                    + SteadyStreamCounts.perMinute(
                                                            client, fullMinutes + 1))
                            .isTrue();
                    List<Long> counts = SteadyStreamCounts.perMinute(client, fullMinutes);
                    for (int m = 0; m < fullMinutes; m++) {
                        assertThat(counts.get(m))
                                .as("events of minute %d", m)
                                .isEqualTo(eventsPerMinute);
                    }
                    String[] minutes = new String[fullMinutes + 1];
                    for (int m = 0; m <= fullMinutes; m++) {
                        minutes[m] =
                                LiveMetricsLayout.uniques(
                                        1,
                                        SteadyStreamCounts.minute(m),
                                        LiveMetricsLayout.allEvents());
                    }
                    // HyperLogLog: Redis' standard error is 0.81%, so one off at 40 is possible
                    assertThat(client.pfcount(minutes)).isBetween(USERS - 1L, USERS + 1L);
                }
                assertThat(job.getJobStatus().get()).isEqualTo(JobStatus.RUNNING);
            } finally {
                job.cancel().get();
            }
        }
    }

    private static long finalRows(ClickHouse ch) {
        return ch.queryLong("SELECT count() AS n FROM " + ch.table("metrics_1m"), "n");
    }

    private static void signal(String signal, long pid) throws Exception {
        int exit = new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).start().waitFor();
        assertThat(exit).as("kill -%s %d", signal, pid).isZero();
    }
}
