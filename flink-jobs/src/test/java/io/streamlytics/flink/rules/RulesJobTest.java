package io.streamlytics.flink.rules;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamlytics.ceprules.read.RuleReader;
import io.streamlytics.ceprules.rule.ProjectRule;
import io.streamlytics.core.clickhouse.ClickHouse;
import io.streamlytics.core.clickhouse.ClickHouseSettings;
import io.streamlytics.core.config.PlatformConfig;
import io.streamlytics.core.event.Event;
import io.streamlytics.core.metrics.LiveFunnelLayout;
import io.streamlytics.devstack.ClickHouseServer;
import io.streamlytics.devstack.KafkaBroker;
import io.streamlytics.devstack.RedisServer;
import io.streamlytics.devstack.junit.ClickHouseExtension;
import io.streamlytics.devstack.junit.KafkaExtension;
import io.streamlytics.devstack.junit.RedisExtension;
import io.streamlytics.flink.RawTopic;
import io.streamlytics.flink.TestCluster;
import io.streamlytics.flink.TestPipelineConfig;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
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
import tools.jackson.databind.json.JsonMapper;

/**
 * The real job wiring: rules of two projects over Kafka {@code events.enriched} on a MiniCluster
 * (parallelism 2), alerts read back from Kafka {@code alerts}, funnel steps from ClickHouse and
 * live funnel counts from Redis.
 */
@ExtendWith({KafkaExtension.class, ClickHouseExtension.class, RedisExtension.class})
class RulesJobTest {
    @RegisterExtension static final MiniClusterExtension FLINK = TestCluster.withTwoSlots();

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final RuleReader READER = new RuleReader();

    private static final String CART_ABANDONED =
            """
            version: 1
            id: cart-abandoned
            type: alert
            within: 30m
            steps:
              - {name: cart, event: added_to_cart, where: [{property: cart_value, op: gte, value: 50}]}
              - {name: no purchase, event: order_completed, absent: true}
            """;
    private static final String CHECKOUT =
            """
            version: 1
            id: checkout
            type: funnel
            within: 1h
            steps:
              - {name: viewed, event: product_viewed}
              - {name: added, event: added_to_cart}
              - {name: paid, event: order_completed}
            """;
    private static final String PAYMENT_SPIKE =
            """
            version: 1
            id: payment-spike
            type: alert
            aggregate: {event: payment_failed, window: 5m, when: {above: 2}}
            """;

    @Test
    void runsEveryRuleOfEveryProjectIntoAlertsAndFunnelProgress(
            KafkaBroker kafka, ClickHouseServer server, RedisServer redis) throws Exception {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        PlatformConfig config =
                TestPipelineConfig.create(
                        kafka,
                        server.httpUrl(),
                        server.password(),
                        "rules",
                        suffix,
                        500,
                        Map.of("ANALYTICS_REDIS_PORT", Integer.toString(redis.port())));
        long shop = 7;
        long other = 8;
        List<Event> events = new ArrayList<>();
        // ann views, adds a cart of 80 and pays; bob adds a cart of 120 and leaves; cyd only views
        events.add(event(shop, "a1", "product_viewed", "ann", "10:00", "{}"));
        events.add(event(shop, "a2", "added_to_cart", "ann", "10:05", "{\"cart_value\":80}"));
        events.add(event(shop, "a3", "order_completed", "ann", "10:10", "{}"));
        events.add(event(shop, "b1", "product_viewed", "bob", "10:00", "{}"));
        events.add(event(shop, "b2", "added_to_cart", "bob", "10:02", "{\"cart_value\":120}"));
        events.add(event(shop, "c1", "product_viewed", "cyd", "10:01", "{}"));
        // three failed payments in the 5 minutes from 10:20
        events.add(event(shop, "f1", "payment_failed", "ann", "10:20", "{}"));
        events.add(event(shop, "f2", "payment_failed", "bob", "10:21", "{}"));
        events.add(event(shop, "f3", "payment_failed", "cyd", "10:22", "{}"));
        // the other project's cart of 500 would be abandoned, but it has no such rule
        events.add(event(other, "o1", "added_to_cart", "dan", "10:03", "{\"cart_value\":500}"));
        events.add(event(shop, "z1", "page_view", "ann", "11:30", "{}"));
        RawTopic.send(kafka.bootstrapServers(), config.kafka().enrichedTopic(), events);

        List<ProjectRule> rules =
                List.of(
                        new ProjectRule(shop, 3, READER.read(CART_ABANDONED)),
                        new ProjectRule(shop, 1, READER.read(CHECKOUT)),
                        new ProjectRule(shop, 1, READER.read(PAYMENT_SPIKE)),
                        new ProjectRule(other, 1, READER.read(CHECKOUT)));
        // the two jobs that run the rules, one after the other over the same events
        for (RulesJob.Part part : RulesJob.Part.values()) {
            StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
            env.setParallelism(2);
            RulesJob.configure(env, config, OffsetsInitializer.latest(), rules, part);
            env.execute("rules-test-" + part.jobName());
        }

        List<String> alerts = new ArrayList<>();
        for (var record : kafka.consume(config.kafka().alertsTopic(), 3, Duration.ofSeconds(30))) {
            JsonNode alert = JSON.readTree(new String(record.value(), StandardCharsets.UTF_8));
            alerts.add(
                    alert.path("project_id").asLong()
                            + " "
                            + alert.path("rule_id").asString()
                            + " v"
                            + alert.path("rule_version").asInt()
                            + " "
                            + alert.path("key").asString()
                            + " "
                            + alert.path("state").asString()
                            + " at "
                            + Instant.ofEpochMilli(alert.path("at").asLong()));
        }
        assertThat(alerts)
                .containsExactlyInAnyOrder(
                        "7 cart-abandoned v3 bob firing at 2026-11-02T10:32:00Z",
                        "7 payment-spike v1  firing at 2026-11-02T10:25:00Z",
                        "7 payment-spike v1  resolved at 2026-11-02T10:30:00Z");

        try (ClickHouse ch = ClickHouse.connect(ClickHouseSettings.from(config.clickhouse()))) {
            List<String> steps =
                    ch
                            .query(
                                    "SELECT project_id, step, step_name, key, insert_id FROM "
                                            + ch.table("funnel_progress")
                                            + " ORDER BY project_id, step, key")
                            .stream()
                            .map(
                                    r ->
                                            r.path("project_id").asLong()
                                                    + " "
                                                    + r.path("step").asInt()
                                                    + " "
                                                    + r.path("step_name").asString()
                                                    + " "
                                                    + r.path("key").asString()
                                                    + " "
                                                    + r.path("insert_id").asString())
                            .toList();
            assertThat(steps)
                    .containsExactly(
                            "7 1 viewed ann a1",
                            "7 1 viewed bob b1",
                            "7 1 viewed cyd c1",
                            "7 2 added ann a2",
                            "7 2 added bob b2",
                            "7 3 paid ann a3");
        }

        // live counts of the checkout funnels (the Redis of this test JVM; no other test writes
        // funnel counts)
        try (JedisPooled jedis = new JedisPooled("127.0.0.1", redis.port())) {
            assertThat(jedis.hgetAll(LiveFunnelLayout.total(shop, "checkout", 1)))
                    .isEqualTo(Map.of("1", "3", "2", "2", "3", "1"));
            assertThat(
                            jedis.hgetAll(
                                    LiveFunnelLayout.day(
                                            shop, "checkout", 1, LocalDate.parse("2026-11-02"))))
                    .isEqualTo(Map.of("1", "3", "2", "2", "3", "1"));
            assertThat(jedis.hgetAll(LiveFunnelLayout.total(other, "checkout", 1)))
                    .as("dan added a cart without viewing: no step reached")
                    .isEmpty();
        }
    }

    private static Event event(
            long project, String id, String name, String person, String time, String properties) {
        Event e = new Event();
        e.projectId = project;
        e.insertId = id;
        e.event = name;
        e.distinctId = "d-" + person;
        e.personId = person;
        e.timestamp = Instant.parse("2026-11-02T" + time + ":00Z").toEpochMilli();
        e.receivedAt = e.timestamp;
        e.properties = properties;
        return e;
    }
}
