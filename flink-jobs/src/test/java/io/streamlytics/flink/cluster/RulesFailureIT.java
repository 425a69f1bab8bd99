package io.streamlytics.flink.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamlytics.ceprules.read.RuleReader;
import io.streamlytics.ceprules.rule.ProjectRule;
import io.streamlytics.core.config.PlatformConfig;
import io.streamlytics.core.event.Event;
import io.streamlytics.devstack.ClickHouseServer;
import io.streamlytics.devstack.KafkaBroker;
import io.streamlytics.devstack.Waits;
import io.streamlytics.devstack.junit.ClickHouseExtension;
import io.streamlytics.devstack.junit.KafkaExtension;
import io.streamlytics.flink.TestEvents;
import io.streamlytics.flink.TestPipelineConfig;
import io.streamlytics.flink.rules.RulesJob;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The Rules job on a Flink cluster of three JVMs (a JobManager, two TaskManagers) during a steady
 * stream on {@code events.enriched}, while a busy TaskManager is killed with {@code kill -9}: every
 * alert reaches Kafka {@code alerts} once, none lost and none twice.
 *
 * <p>In the stream each user's events are 30 s apart and all of one name (users {@code u % 3 == 0}
 * view pages, the others click). "Two clicks within 45 s" then matches each clicking user's events
 * in pairs: 25 alerts per clicking user. "More than 100 page views a minute" fires once and
 * resolves once, after the stream, whatever the restarts: its firing state survives them.
 */
@ExtendWith({KafkaExtension.class, ClickHouseExtension.class})
class RulesFailureIT {
    private static final Logger LOG = LoggerFactory.getLogger(RulesFailureIT.class);
    private static final int TOTAL = 15_000;
    private static final int USERS = 300;
    private static final int PER_SECOND = 250;
    private static final Duration RECOVERY = Duration.ofSeconds(120);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final RuleReader READER = new RuleReader();

    private final java.util.Deque<AutoCloseable> resources = new java.util.ArrayDeque<>();

    @AfterEach
    void stopEverything() throws Exception {
        while (!resources.isEmpty()) {
            resources.pop().close();
        }
    }

    @Test
    void everyAlertOnceThroughATaskManagerKill(KafkaBroker kafka, ClickHouseServer clickhouse)
            throws Exception {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        Path dir = Path.of("target", "rules-failure-" + suffix).toAbsolutePath();
        PlatformConfig config =
                TestPipelineConfig.create(
                        kafka,
                        clickhouse.httpUrl(),
                        clickhouse.password(),
                        "rulesfail",
                        suffix,
                        2000);
        List<ProjectRule> rules =
                List.of(
                        new ProjectRule(
                                1,
                                1,
                                READER.read(
                                        "version: 1\nid: two-clicks\ntype: alert\nwithin: 45s\n"
                                                + "steps:\n  - {name: a, event: click}\n"
                                                + "  - {name: b, event: click}\n")),
                        new ProjectRule(
                                1,
                                1,
                                READER.read(
                                        "version: 1\nid: busy\ntype: alert\naggregate: {event:"
                                                + " page_view, window: 1m, when: {above: 100}}\n")));
        FlinkProcessCluster flink = FlinkProcessCluster.start(dir.resolve("flink"), 2, 2);
        resources.push(flink);
        String job =
                flink.submit(
                                env ->
                                        RulesJob.configure(
                                                env, config, null, rules, RulesJob.Part.ALERTS),
                                null,
                                2)
                        .getJobID()
                        .toString();
        awaitRunning(flink, job);

        String enriched = config.kafka().enrichedTopic();
        SteadyStream stream =
                new SteadyStream(
                                kafka.bootstrapServers(), enriched, TOTAL, USERS, PER_SECOND, false)
                        .start();
        resources.push(stream);

        Thread.sleep(15_000);
        LOG.info("kill -9 of a TaskManager after {} events", stream.sent());
        int failuresBefore = flink.failures(job);
        flink.killBusyTaskManager();
        flink.startTaskManager();
        assertThat(Waits.until(RECOVERY, () -> flink.failures(job) > failuresBefore))
                .as("the job restarted after the kill")
                .isTrue();
        awaitRunning(flink, job);
        stream.finish();
        // event time far ahead, for users of their own, on every partition: the watermark
        // passes the last pairs and the last minute
        for (int i = 0; i < 20; i++) {
            Event flush =
                    TestEvents.event(
                            1,
                            "flush-" + i,
                            "click",
                            "flush-" + i,
                            SteadyStream.BEGINNING.plus(Duration.ofHours(6)));
            stream.send(flush);
        }
        stream.finish();

        int expected = expectedPairs(stream) + 2;
        Waits.until(RECOVERY, () -> alerts(kafka, config, expected).size() >= expected);
        Thread.sleep(6_000); // a few more checkpoints: a duplicate would show now
        List<String> alerts = alerts(kafka, config, expected + 1);

        assertThat(alerts).doesNotHaveDuplicates().hasSize(expected);
        Map<String, Long> byRule = new HashMap<>();
        alerts.forEach(a -> byRule.merge(a.substring(0, a.indexOf(' ')), 1L, Long::sum));
        assertThat(byRule)
                .containsEntry("two-clicks", (long) expected - 2)
                .containsEntry("busy", 2L);
    }

    /** Per clicking user, its events matched in pairs. */
    private static int expectedPairs(SteadyStream stream) {
        Map<String, Integer> clicks = new HashMap<>();
        for (int i = 0; i < TOTAL; i++) {
            Event e = stream.event(i);
            if (e.event.equals("click")) {
                clicks.merge(e.distinctId, 1, Integer::sum);
            }
        }
        return clicks.values().stream().mapToInt(n -> n / 2).sum();
    }

    /** Each alert as "rule key at state": what makes one alert different from another. */
    private static List<String> alerts(KafkaBroker kafka, PlatformConfig config, int atLeast) {
        return kafka.consume(config.kafka().alertsTopic(), atLeast, Duration.ofSeconds(5)).stream()
                .map(r -> JSON.readTree(new String(r.value(), StandardCharsets.UTF_8)))
                .map(
                        (JsonNode a) ->
                                a.path("rule_id").asString()
                                        + " "
                                        + a.path("key").asString()
                                        + " "
                                        + a.path("at").asLong()
                                        + " "
                                        + a.path("state").asString())
                .toList();
    }

    private static void awaitRunning(FlinkProcessCluster flink, String job) {
        assertThat(Waits.until(RECOVERY, () -> flink.allTasksRunning(job)))
                .as("job %s running again within %s", job, RECOVERY)
                .isTrue();
    }
}
