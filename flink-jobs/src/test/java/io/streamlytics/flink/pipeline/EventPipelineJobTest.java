package io.streamlytics.flink.pipeline;

import static io.streamlytics.flink.TestEvents.BEGINNING;
import static io.streamlytics.flink.TestEvents.ONE_MINUTE_LATER;
import static io.streamlytics.flink.TestEvents.event;
import static org.assertj.core.api.Assertions.assertThat;

import io.streamlytics.core.clickhouse.ClickHouse;
import io.streamlytics.core.clickhouse.ClickHouseSettings;
import io.streamlytics.core.config.PlatformConfig;
import io.streamlytics.core.event.Event;
import io.streamlytics.devstack.ClickHouseServer;
import io.streamlytics.devstack.KafkaBroker;
import io.streamlytics.devstack.junit.ClickHouseExtension;
import io.streamlytics.devstack.junit.KafkaExtension;
import io.streamlytics.flink.RawTopic;
import io.streamlytics.flink.TestPipelineConfig;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.json.JsonMapper;

/** The real job wiring: Kafka → Flink MiniCluster (parallelism 2) → ClickHouse, and the DLQ. */
@ExtendWith({KafkaExtension.class, ClickHouseExtension.class})
class EventPipelineJobTest {
    @RegisterExtension
    static final MiniClusterExtension FLINK = io.streamlytics.flink.TestCluster.withTwoSlots();

    @Test
    void storesEveryEventOnceAndSendsUndecodableRecordsToTheDlq(
            KafkaBroker kafka, ClickHouseServer server) throws Exception {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        PlatformConfig config =
                TestPipelineConfig.create(
                        kafka, server.httpUrl(), server.password(), "pipeline", suffix, 500);
        String raw = config.kafka().rawTopic();
        String dlq = config.kafka().dlqTopic();
        String enriched = config.kafka().enrichedTopic();

        List<Event> sent = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            sent.add(
                    event(
                            1,
                            "ins-" + i,
                            i % 5 == 0 ? "signup" : "page_view",
                            "user-" + (i % 7),
                            (i % 2 == 0 ? BEGINNING : ONE_MINUTE_LATER).plusMillis(i)));
        }
        RawTopic.send(kafka.bootstrapServers(), raw, sent);
        // a client retry re-sent ten of them, and one record is garbage
        RawTopic.send(kafka.bootstrapServers(), raw, sent.subList(0, 10));
        RawTopic.sendBytes(
                kafka.bootstrapServers(), raw, "not json".getBytes(StandardCharsets.UTF_8));

        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(2);
        EventPipelineJob.configure(
                env,
                config,
                OffsetsInitializer.latest(),
                EventPipelineJob.defaultSessionRules(config));
        env.execute("event-pipeline-test");

        try (ClickHouse ch = ClickHouse.connect(ClickHouseSettings.from(config.clickhouse()))) {
            String events = ch.table("events");
            assertThat(ch.queryLong("SELECT count() AS n FROM " + events, "n")).isEqualTo(50);
            assertThat(ch.queryLong("SELECT uniqExact(insert_id) AS n FROM " + events, "n"))
                    .isEqualTo(50);
            assertThat(ch.queryLong("SELECT countIf(event = 'signup') AS n FROM " + events, "n"))
                    .isEqualTo(10);
            assertThat(
                            ch.queryLong(
                                    "SELECT count() AS n FROM "
                                            + events
                                            + " WHERE toYYYYMM(timestamp) = 202605",
                                    "n"))
                    .isEqualTo(25);
            assertThat(
                            ch.query(
                                            "SELECT properties, toUnixTimestamp(timestamp) AS ts FROM "
                                                    + events
                                                    + " WHERE insert_id = 'ins-1'")
                                    .get(0)
                                    .path("ts")
                                    .asLong())
                    .isEqualTo(ONE_MINUTE_LATER.getEpochSecond());
            assertThat(
                            ch.queryLong(
                                    "SELECT countMerge(events) AS n FROM "
                                            + ch.table("daily_metrics")
                                            + " WHERE project_id = 1",
                                    "n"))
                    .isEqualTo(50);
        }
        try (ClickHouse ch = ClickHouse.connect(ClickHouseSettings.from(config.clickhouse()))) {
            // 7 users, each active over one minute: one session each, 50 events in all
            String sessions = ch.table("sessions") + " FINAL";
            assertThat(ch.queryLong("SELECT count() AS n FROM " + sessions, "n")).isEqualTo(7);
            assertThat(ch.queryLong("SELECT sum(events) AS n FROM " + sessions, "n")).isEqualTo(50);
            // every event carries its session's id, and its person
            assertThat(
                            ch.queryLong(
                                    "SELECT count() AS n FROM "
                                            + ch.table("events")
                                            + " WHERE session_id IN (SELECT session_id FROM "
                                            + sessions
                                            + ") AND person_id = distinct_id",
                                    "n"))
                    .isEqualTo(50);
            assertThat(
                            ch.queryLong(
                                    "SELECT count() AS n FROM "
                                            + ch.table("persons")
                                            + " FINAL WHERE properties = '{}'",
                                    "n"))
                    .isEqualTo(7);
            assertThat(
                            ch.queryLong(
                                    "SELECT count() AS n FROM "
                                            + ch.table("person_aliases")
                                            + " FINAL WHERE person_id = distinct_id",
                                    "n"))
                    .isEqualTo(7);
        }
        try (ClickHouse ch = ClickHouse.connect(ClickHouseSettings.from(config.clickhouse()))) {
            // two hours of data quality (the events straddle midnight), one row per event name
            assertThat(
                            ch.queryLong(
                                    "SELECT sum(events) AS n FROM "
                                            + ch.table("data_quality")
                                            + " WHERE project_id = 1",
                                    "n"))
                    .isEqualTo(50);
            assertThat(
                            ch.queryLong(
                                    "SELECT count() AS n FROM "
                                            + ch.table("data_quality")
                                            + " WHERE events > 0",
                                    "n"))
                    .isEqualTo(4);
            // the bounded input ends and event time runs on: a week later, silence is flagged
            assertThat(
                            ch.queryLong(
                                    "SELECT countIf(anomaly = 1) AS n FROM "
                                            + ch.table("data_quality")
                                            + " WHERE events = 0 AND event = 'page_view'",
                                    "n"))
                    .isEqualTo(2);
        }
        assertThat(dlqPayloads(kafka, dlq)).containsExactly("not json");
        // exactly once on Kafka too: read_committed sees each event once
        assertThat(
                        kafka.consume(enriched, 50, Duration.ofSeconds(10)).stream()
                                .map(
                                        r ->
                                                io.streamlytics.core.event.EventCodec.fromJson(
                                                                r.value())
                                                        .insertId)
                                .toList())
                .hasSize(50)
                .doesNotHaveDuplicates();
    }

    private static List<String> dlqPayloads(KafkaBroker kafka, String topic) {
        JsonMapper json = JsonMapper.builder().build();
        return kafka.consume(topic, 1, Duration.ofSeconds(10)).stream()
                .map(r -> json.readTree(r.value()).path("payload").asString())
                .toList();
    }
}
