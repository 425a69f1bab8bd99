package io.streamlytics.flink.metrics;

import static io.streamlytics.flink.TestEvents.BEGINNING;
import static io.streamlytics.flink.TestEvents.ONE_MINUTE_LATER;
import static io.streamlytics.flink.TestEvents.event;
import static org.assertj.core.api.Assertions.assertThat;

import io.streamlytics.core.clickhouse.ClickHouse;
import io.streamlytics.core.clickhouse.ClickHouseSettings;
import io.streamlytics.core.config.PlatformConfig;
import io.streamlytics.core.event.Event;
import io.streamlytics.core.metrics.LiveMetricsLayout;
import io.streamlytics.core.metrics.MetricDefinition;
import io.streamlytics.devstack.ClickHouseServer;
import io.streamlytics.devstack.KafkaBroker;
import io.streamlytics.devstack.RedisServer;
import io.streamlytics.devstack.junit.ClickHouseExtension;
import io.streamlytics.devstack.junit.KafkaExtension;
import io.streamlytics.devstack.junit.RedisExtension;
import io.streamlytics.flink.RawTopic;
import io.streamlytics.flink.TestPipelineConfig;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import redis.clients.jedis.JedisPooled;
import tools.jackson.databind.JsonNode;

/** The real job wiring: Kafka → Flink MiniCluster (parallelism 2) → Redis and ClickHouse. */
@ExtendWith({KafkaExtension.class, ClickHouseExtension.class, RedisExtension.class})
class MetricsJobTest {
    @RegisterExtension
    static final MiniClusterExtension FLINK = io.streamlytics.flink.TestCluster.withTwoSlots();

    private static final long FIRST = BEGINNING.toEpochMilli();
    private static final long SECOND = ONE_MINUTE_LATER.toEpochMilli();

    @Test
    void countsEveryEventOnceInRedisAndInClickHouse(
            KafkaBroker kafka, ClickHouseServer server, RedisServer redisServer) throws Exception {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        PlatformConfig config =
                TestPipelineConfig.create(
                        kafka,
                        server.httpUrl(),
                        server.password(),
                        "metrics",
                        suffix,
                        500,
                        Map.of("ANALYTICS_REDIS_PORT", Integer.toString(redisServer.port())));
        long project = Math.abs(UUID.randomUUID().getMostSignificantBits() % 1_000_000) + 100;

        // minute 1: ann buys twice (10 + 30), bob once (20), from DE, DE, FR; cat views /pricing.
        // minute 2: ann views /pricing and /docs. One purchase is re-sent by a retrying client.
        List<Event> sent = new ArrayList<>();
        sent.add(purchase(project, "p1", "ann", "DE", 10, 5));
        sent.add(purchase(project, "p2", "ann", "DE", 30, 15));
        sent.add(purchase(project, "p3", "bob", "FR", 20, 25));
        sent.add(view(project, "v1", "cat", "/pricing", FIRST + 30_000));
        sent.add(view(project, "v2", "ann", "/pricing", SECOND + 1_000));
        sent.add(view(project, "v3", "ann", "/docs", SECOND + 2_000));
        RawTopic.send(kafka.bootstrapServers(), config.kafka().rawTopic(), sent);
        RawTopic.send(kafka.bootstrapServers(), config.kafka().rawTopic(), sent.subList(0, 1));
        // what the pipeline wrote to events.enriched, with session ids: ann's session s1 starts in
        // minute 1 and goes on in minute 2, bob's s2 starts in minute 1
        RawTopic.send(
                kafka.bootstrapServers(),
                config.kafka().enrichedTopic(),
                List.of(
                        inSession(purchase(project, "p1", "ann", "DE", 10, 5), "s1"),
                        inSession(purchase(project, "p3", "bob", "FR", 20, 25), "s2"),
                        inSession(view(project, "v2", "ann", "/pricing", SECOND + 1_000), "s1")));

        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(2);
        MetricsJob.configure(
                env,
                config,
                OffsetsInitializer.latest(),
                DefinitionsSource.fixed(
                        Map.of(project, new MetricDefinition(List.of("plan"), List.of("revenue")))),
                MetricsSettings.defaults());
        env.execute("metrics-test");

        try (JedisPooled redis = new JedisPooled("127.0.0.1", redisServer.port())) {
            Map<String, String> first = redis.hgetAll(LiveMetricsLayout.values(project, FIRST));
            assertThat(first.get(LiveMetricsLayout.count(name("purchase", "", "")))).isEqualTo("3");
            assertThat(first.get(LiveMetricsLayout.count(name("purchase", "country", "DE"))))
                    .isEqualTo("2");
            assertThat(first.get(LiveMetricsLayout.count(name("*", "", "")))).isEqualTo("4");
            assertThat(first.get(LiveMetricsLayout.count(name("purchase", "prop:plan", "pro"))))
                    .isEqualTo("3");
            assertThat(
                            first.get(
                                    LiveMetricsLayout.measure(
                                            name("purchase", "", ""), "s", "revenue")))
                    .isEqualTo("60.0");
            assertThat(redis.pfcount(LiveMetricsLayout.uniques(project, FIRST, name("*", "", ""))))
                    .isEqualTo(3);
            // the active users of both minutes: a merge of the minutes' HyperLogLogs
            assertThat(
                            redis.pfcount(
                                    LiveMetricsLayout.uniques(project, FIRST, name("*", "", "")),
                                    LiveMetricsLayout.uniques(project, SECOND, name("*", "", ""))))
                    .isEqualTo(3);
            assertThat(redis.zscore(LiveMetricsLayout.topEvents(project, FIRST), "purchase"))
                    .isEqualTo(3.0);
            assertThat(redis.zrevrange(LiveMetricsLayout.topPages(project, SECOND), 0, -1))
                    .containsExactlyInAnyOrder("/pricing", "/docs");
            assertThat(redis.xlen(LiveMetricsLayout.events(project))).isEqualTo(6);
            String sessionsStarted =
                    LiveMetricsLayout.count(name(LiveMetricsLayout.SESSIONS_STARTED, "", ""));
            assertThat(first.get(sessionsStarted)).isEqualTo("2");
            assertThat(redis.hget(LiveMetricsLayout.values(project, SECOND), sessionsStarted))
                    .isNull();
            assertThat(redis.xlen(LiveMetricsLayout.updates(project))).isPositive();
            assertThat(redis.get(LiveMetricsLayout.HEARTBEAT)).isNotNull();
            assertThat(redis.pttl(LiveMetricsLayout.values(project, FIRST)))
                    .isPositive()
                    .isLessThanOrEqualTo(LiveMetricsLayout.RETENTION.toMillis());
        }

        try (ClickHouse ch = ClickHouse.connect(ClickHouseSettings.from(config.clickhouse()))) {
            Map<String, JsonNode> rows = new HashMap<>();
            for (JsonNode row :
                    ch.query(
                            "SELECT toUnixTimestamp(minute) AS m, event, dimension, value, events,"
                                    + " uniques, measure_names, measure_sums, measure_p50 FROM "
                                    + ch.table("metrics_1m")
                                    + " WHERE project_id = "
                                    + project)) {
                String key =
                        row.path("m").asLong() * 1000
                                + "/"
                                + row.path("event").asString()
                                + "/"
                                + row.path("dimension").asString()
                                + "/"
                                + row.path("value").asString();
                assertThat(rows.put(key, row)).as("one row per minute and metric: " + key).isNull();
            }
            assertThat(rows.get(FIRST + "/purchase//").path("events").asLong()).isEqualTo(3);
            assertThat(rows.get(FIRST + "/purchase//").path("uniques").asLong()).isEqualTo(2);
            assertThat(rows.get(FIRST + "/purchase//").path("measure_sums").get(0).asDouble())
                    .isEqualTo(60.0);
            assertThat(rows.get(FIRST + "/purchase//").path("measure_p50").get(0).asDouble())
                    .isEqualTo(20.0);
            assertThat(rows.get(FIRST + "/purchase/country/FR").path("events").asLong())
                    .isEqualTo(1);
            assertThat(rows.get(FIRST + "/*//").path("events").asLong()).isEqualTo(4);
            assertThat(rows.get(SECOND + "/*//").path("events").asLong()).isEqualTo(2);
            assertThat(rows.get(SECOND + "/$pageview/page//docs").path("events").asLong())
                    .isEqualTo(1);
            assertThat(rows.get(FIRST + "/$session_start//").path("events").asLong()).isEqualTo(2);
            assertThat(rows).doesNotContainKey(SECOND + "/$session_start//");
            assertThat(
                            ch.queryLong(
                                    "SELECT sum(events) AS n FROM "
                                            + ch.table("metrics_1m")
                                            + " WHERE project_id = "
                                            + project
                                            + " AND event = '*' AND dimension = ''",
                                    "n"))
                    .as("every distinct event counted once")
                    .isEqualTo(6);
        }
    }

    private static Event inSession(Event e, String sessionId) {
        e.sessionId = sessionId;
        return e;
    }

    private static String name(String event, String dimension, String value) {
        return LiveMetricsLayout.name(event, dimension, value);
    }

    private static Event purchase(
            long project,
            String insertId,
            String user,
            String country,
            double revenue,
            int second) {
        Event e = event(project, insertId, "purchase", user, BEGINNING.plusSeconds(second));
        e.context.country = country;
        e.context.deviceType = "mobile";
        e.properties = "{\"plan\":\"pro\",\"revenue\":" + revenue + "}";
        return e;
    }

    private static Event view(long project, String insertId, String user, String path, long at) {
        Event e = event(project, insertId, "$pageview", user, java.time.Instant.ofEpochMilli(at));
        e.context.pagePath = path;
        return e;
    }
}
