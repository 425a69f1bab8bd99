package io.streamlytics.collector;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamlytics.collector.enrich.Enricher;
import io.streamlytics.collector.http.Collector;
import io.streamlytics.collector.intake.EventIntake;
import io.streamlytics.collector.replay.DlqReplay;
import io.streamlytics.core.event.DeadLetter;
import io.streamlytics.core.event.Event;
import io.streamlytics.core.event.EventReader;
import io.streamlytics.core.event.EventSchema;
import io.streamlytics.devstack.KafkaBroker;
import io.streamlytics.devstack.PostgresServer;
import io.streamlytics.devstack.junit.KafkaExtension;
import io.streamlytics.devstack.junit.PostgresExtension;
import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

/**
 * Dead letters whose cause is gone go back into the pipeline; the rest wait for the next replay.
 */
@ExtendWith({KafkaExtension.class, PostgresExtension.class})
class DlqReplayTest {

    @Test
    void replaysWhatNowPassesAndRequeuesWhatStillFails(KafkaBroker kafka, PostgresServer postgres)
            throws Exception {
        try (CollectorFixture fixture =
                new CollectorFixture(kafka, postgres, Clock.systemUTC(), Map.of())) {
            long project = fixture.projects.findByWriteKey(fixture.writeKey).orElseThrow().id();
            long now = System.currentTimeMillis();
            // e.g. rejected by an older collector that did not know Amplitude's "library" field
            fixture.publisher
                    .deadLetter(
                            DeadLetter.ofEvent(
                                    project,
                                    "/v1/batch",
                                    now,
                                    List.of("old reason"),
                                    "{\"event\": \"fixed\", \"distinct_id\": \"u1\", \"insert_id\": \"r-1\"}"))
                    .get();
            fixture.publisher
                    .deadLetter(
                            DeadLetter.ofEvent(
                                    project,
                                    "/v1/batch",
                                    now,
                                    List.of("timestamp"),
                                    "{\"event\": \"broken\", \"distinct_id\": \"u2\", \"timestamp\": \"soon\"}"))
                    .get();
            fixture.publisher
                    .deadLetter(
                            DeadLetter.ofRequest(
                                    0,
                                    "/batch/",
                                    now,
                                    List.of("old reason"),
                                    gzip(
                                            "{\"api_key\": \""
                                                    + fixture.writeKey
                                                    + "\", \"batch\": [{\"event\": \"ph\", \"distinct_id\": \"u3\", \"uuid\": \"r-3\"}]}")))
                    .get();
            fixture.publisher
                    .deadLetter(
                            new DeadLetter(
                                    DeadLetter.Kind.REQUEST,
                                    0,
                                    "/v1/batch",
                                    now,
                                    List.of("too large"),
                                    new byte[0],
                                    true,
                                    true,
                                    0))
                    .get();

            DlqReplay.Summary first = replay(fixture).run();
            DlqReplay.Summary second = replay(fixture).run();

            assertThat(first).isEqualTo(new DlqReplay.Summary(4, 2, 1, 1));
            assertThat(fixture.raw(2)).extracting(e -> e.insertId).contains("r-1", "r-3");
            Event fixed =
                    fixture.raw(2).stream()
                            .filter(e -> e.insertId.equals("r-1"))
                            .findFirst()
                            .orElseThrow();
            assertThat(fixed.receivedAt).isEqualTo(now);
            // the re-queued letter is tried once more, and fails again
            assertThat(second).isEqualTo(new DlqReplay.Summary(1, 0, 1, 0));
            JsonNode requeued =
                    fixture.deadLetters(6).stream()
                            .max(java.util.Comparator.comparingInt(l -> l.path("replays").asInt()))
                            .orElseThrow();
            assertThat(requeued.path("replays").asInt()).isEqualTo(2);
            assertThat(requeued.path("reason").asString()).contains("timestamp: 'soon'");
        }
    }

    @Test
    void replaysOverHttpForWhoeverHoldsTheAdminToken(KafkaBroker kafka, PostgresServer postgres)
            throws Exception {
        try (CollectorFixture fixture =
                new CollectorFixture(kafka, postgres, Clock.systemUTC(), Map.of())) {
            long project = fixture.projects.findByWriteKey(fixture.writeKey).orElseThrow().id();
            fixture.publisher
                    .deadLetter(
                            DeadLetter.ofEvent(
                                    project,
                                    "/v1/batch",
                                    System.currentTimeMillis(),
                                    List.of("old reason"),
                                    "{\"event\": \"fixed\", \"distinct_id\": \"u1\", \"insert_id\": \"h-1\"}"))
                    .get();
            // the fixture's own collector has no admin token: replay over HTTP is off
            HttpResponse<String> off =
                    fixture.post(
                            "/admin/dlq/replay", Map.of("Authorization", "Bearer x"), new byte[0]);
            assertThat(off.statusCode()).isEqualTo(403);
            assertThat(off.body()).contains("ANALYTICS_COLLECTOR_ADMIN_TOKEN");

            try (Collector withToken =
                    fixture.start(
                            fixture.publisher,
                            Clock.systemUTC(),
                            Map.of("ANALYTICS_COLLECTOR_ADMIN_TOKEN", "s3cret"),
                            Optional.of(
                                    new DlqReplay.Source(
                                            kafka.bootstrapServers(),
                                            fixture.dlqTopic,
                                            fixture.projects)))) {
                assertThat(
                                fixture.post(withToken, "/admin/dlq/replay", Map.of(), new byte[0])
                                        .statusCode())
                        .isEqualTo(401);
                assertThat(
                                fixture.post(
                                                withToken,
                                                "/admin/dlq/replay",
                                                Map.of("Authorization", "Bearer s3cre"),
                                                new byte[0])
                                        .statusCode())
                        .isEqualTo(401);
                HttpResponse<String> done =
                        fixture.post(
                                withToken,
                                "/admin/dlq/replay",
                                Map.of("Authorization", "Bearer s3cret"),
                                new byte[0]);
                assertThat(done.statusCode()).isEqualTo(200);
                JsonNode summary = CollectorFixture.JSON.readTree(done.body());
                assertThat(summary.path("letters").asInt()).isEqualTo(1);
                assertThat(summary.path("eventsReplayed").asInt()).isEqualTo(1);
                assertThat(summary.path("stillRejected").asInt()).isZero();
                assertThat(fixture.raw(1)).extracting(e -> e.insertId).contains("h-1");
            }
        }
    }

    private static DlqReplay replay(CollectorFixture fixture) {
        return new DlqReplay(
                fixture.kafka.bootstrapServers(),
                fixture.dlqTopic,
                Collector.endpoints(CollectorFixture.config(Map.of())),
                new EventIntake(new EventReader(EventSchema.load()), new Enricher(false)),
                fixture.projects,
                fixture.publisher);
    }

    private static byte[] gzip(String text) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        }
        return bytes.toByteArray();
    }
}
