package io.streamlytics.launcher.stack;

import static io.streamlytics.flink.rules.RulesJob.Part.ALERTS;
import static io.streamlytics.flink.rules.RulesJob.Part.FUNNELS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.streamlytics.core.config.PlatformConfig;
import io.streamlytics.core.event.Event;
import io.streamlytics.core.event.EventCodec;
import io.streamlytics.core.postgres.PostgresMigrations;
import io.streamlytics.core.postgres.PostgresSettings;
import io.streamlytics.core.postgres.Projects;
import io.streamlytics.core.postgres.RuleDefinitions;
import io.streamlytics.devstack.ClickHouseServer;
import io.streamlytics.devstack.KafkaBroker;
import io.streamlytics.devstack.PostgresServer;
import io.streamlytics.devstack.junit.ClickHouseExtension;
import io.streamlytics.devstack.junit.KafkaExtension;
import io.streamlytics.devstack.junit.PostgresExtension;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A rule saved while the rule jobs run: the job it belongs to restarts from a savepoint with it
 * within 10 seconds, the other job runs on, and a rule that was halfway through a match before the
 * change completes it after.
 */
@ExtendWith({KafkaExtension.class, ClickHouseExtension.class, PostgresExtension.class})
class LocalRulesTest {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Instant T0 = Instant.parse("2026-11-02T10:00:00Z");

    private static String rule(String id, String first, String second) {
        return "version: 1\nid: "
                + id
                + "\ntype: alert\nwithin: 1h\nsteps:\n  - {name: first, event: "
                + first
                + "}\n  - {name: second, event: "
                + second
                + "}\n";
    }

    private static final String FUNNEL =
            "version: 1\nid: signup\ntype: funnel\nwithin: 1h\nsteps:\n"
                    + "  - {name: visit, event: a}\n  - {name: signup, event: b}\n";

    @Test
    void aSavedRuleReachesTheRunningJobAndTheOthersKeepTheirPartialMatches(
            KafkaBroker kafka,
            ClickHouseServer clickhouse,
            PostgresServer postgres,
            @TempDir Path dir)
            throws Exception {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        kafka.createTopics(1, "enriched-" + suffix, "alerts-" + suffix);
        PlatformConfig config =
                PlatformConfig.fromEnvironment(
                        Map.of(
                                "ANALYTICS_KAFKA_BOOTSTRAP",
                                kafka.bootstrapServers(),
                                "ANALYTICS_TOPIC_ENRICHED",
                                "enriched-" + suffix,
                                "ANALYTICS_TOPIC_ALERTS",
                                "alerts-" + suffix,
                                "ANALYTICS_CLICKHOUSE_URL",
                                clickhouse.httpUrl(),
                                "ANALYTICS_CLICKHOUSE_PASSWORD",
                                clickhouse.password(),
                                "ANALYTICS_CLICKHOUSE_DATABASE",
                                "rules_" + suffix,
                                "ANALYTICS_CHECKPOINT_INTERVAL_MS",
                                "500",
                                "ANALYTICS_FLINK_PARALLELISM",
                                "1"));
        PostgresSettings settings =
                new PostgresSettings(
                        postgres.createDatabase("rules_" + suffix),
                        postgres.user(),
                        postgres.password());
        PostgresMigrations.apply(settings);
        long project = new Projects(settings).createProject("Shop").projectId();
        RuleDefinitions definitions = new RuleDefinitions(settings);
        definitions.save(project, "a-then-b", rule("a-then-b", "a", "b"));

        try (LocalRules rules = LocalRules.start(config, definitions::enabled, dir);
                KafkaProducer<byte[], byte[]> producer =
                        new KafkaProducer<>(
                                Map.of("bootstrap.servers", kafka.bootstrapServers()),
                                new ByteArraySerializer(),
                                new ByteArraySerializer())) {
            String enriched = config.kafka().enrichedTopic();
            // ann does a (half of a-then-b), then a marker rule's pair shows the job has read it
            definitions.save(project, "marker", rule("marker", "m1", "m2"));
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> rules.running(ALERTS).contains(":marker:1"));
            send(producer, enriched, project, "ann", "a", 0);
            send(producer, enriched, project, "ann", "m1", 1);
            send(producer, enriched, project, "ann", "m2", 2);
            send(producer, enriched, project, "ann", "tick", 10);
            await().atMost(Duration.ofSeconds(60))
                    .until(() -> alerts(kafka, config, 1).contains("marker ann"));

            String before = rules.jobId(ALERTS);
            String funnels = rules.jobId(FUNNELS);
            assertThat(funnels)
                    .as("no funnel rule yet: the funnels job does not run")
                    .isEqualTo("none");
            long saved = System.nanoTime();
            definitions.save(project, "c-then-d", rule("c-then-d", "c", "d"));
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> rules.running(ALERTS).contains(":c-then-d:1"));
            Duration applied = Duration.ofNanos(System.nanoTime() - saved);
            System.out.println(
                    "LocalRulesTest: the rule change ran after " + applied.toMillis() + " ms");
            assertThat(rules.jobId(ALERTS)).isNotEqualTo(before);
            assertThat(applied).isLessThan(Duration.ofSeconds(10));
            assertThat(rules.jobId(FUNNELS)).as("no funnel changed").isEqualTo(funnels);

            String alertsJob = rules.jobId(ALERTS);
            definitions.save(project, "signup", FUNNEL);
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> rules.running(FUNNELS).contains(":signup:1"));
            assertThat(rules.jobId(FUNNELS)).isNotEqualTo(funnels);
            assertThat(rules.jobId(ALERTS)).as("no alert rule changed").isEqualTo(alertsJob);

            send(producer, enriched, project, "ann", "b", 20);
            send(producer, enriched, project, "bob", "c", 21);
            send(producer, enriched, project, "bob", "d", 22);
            send(producer, enriched, project, "bob", "tick", 40);
            await().atMost(Duration.ofSeconds(60))
                    .until(() -> alerts(kafka, config, 3).size() >= 3);
            // and nothing more: each once
            Thread.sleep(2_000);
            assertThat(alerts(kafka, config, 4))
                    .containsExactlyInAnyOrder("marker ann", "a-then-b ann", "c-then-d bob");
        }
    }

    private static void send(
            KafkaProducer<byte[], byte[]> producer,
            String topic,
            long project,
            String person,
            String event,
            int second)
            throws Exception {
        Event e = new Event();
        e.projectId = project;
        e.insertId = person + "-" + event + "-" + second;
        e.event = event;
        e.distinctId = person;
        e.personId = person;
        e.timestamp = T0.plusSeconds(second).toEpochMilli();
        e.receivedAt = e.timestamp;
        // one partition for all, so event time advances for every rule alike
        producer.send(new ProducerRecord<>(topic, 0, null, null, EventCodec.toJson(e))).get();
    }

    private static List<String> alerts(KafkaBroker kafka, PlatformConfig config, int atLeast) {
        return kafka.consume(config.kafka().alertsTopic(), atLeast, Duration.ofSeconds(2)).stream()
                .map(r -> JSON.readTree(new String(r.value(), StandardCharsets.UTF_8)))
                .map((JsonNode a) -> a.path("rule_id").asString() + " " + a.path("key").asString())
                .toList();
    }
}
