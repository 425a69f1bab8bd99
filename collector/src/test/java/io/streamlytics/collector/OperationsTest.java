package io.streamlytics.collector;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamlytics.collector.http.Collector;
import io.streamlytics.collector.kafka.EventPublisher;
import io.streamlytics.devstack.KafkaBroker;
import io.streamlytics.devstack.Ports;
import io.streamlytics.devstack.PostgresServer;
import io.streamlytics.devstack.junit.KafkaExtension;
import io.streamlytics.devstack.junit.PostgresExtension;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

/** Health, readiness, metrics, the OpenAPI document and rate limits. */
@ExtendWith({KafkaExtension.class, PostgresExtension.class})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OperationsTest {
    private static final String TOKEN = "metrics-secret-for-test";
    private CollectorFixture fixture;

    @BeforeAll
    void start(KafkaBroker kafka, PostgresServer postgres) {
        fixture =
                new CollectorFixture(
                        kafka,
                        postgres,
                        Clock.systemUTC(),
                        Map.of(
                                "ANALYTICS_METRICS_TOKEN",
                                TOKEN,
                                "ANALYTICS_RATE_LIMIT_EVENTS_PER_KEY",
                                "50"));
    }

    @AfterAll
    void stop() {
        fixture.close();
    }

    private HttpResponse<String> send(int events) throws Exception {
        StringBuilder batch = new StringBuilder("{\"batch\": [");
        for (int i = 0; i < events; i++) {
            batch.append(i == 0 ? "" : ",")
                    .append("{\"event\": \"ops\", \"distinct_id\": \"u")
                    .append(i)
                    .append("\"}");
        }
        return fixture.post(
                "/v1/batch",
                Map.of("Authorization", "Bearer " + fixture.writeKey),
                batch.append("]}").toString().getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void readyWhileKafkaAnswersAndNotReadyWhenItDoesNot() throws Exception {
        assertThat(fixture.get("/health/ready", Map.of()).statusCode()).isEqualTo(200);

        try (EventPublisher nowhere =
                        new EventPublisher(
                                "127.0.0.1:" + Ports.free(), "raw", "dlq", Duration.ofSeconds(2));
                Collector offline = fixture.start(nowhere, Clock.systemUTC(), Map.of())) {
            HttpResponse<String> ready =
                    HttpClient.newHttpClient()
                            .send(
                                    HttpRequest.newBuilder(
                                                    URI.create(
                                                            "http://127.0.0.1:"
                                                                    + offline.port()
                                                                    + "/health/ready"))
                                            .build(),
                                    HttpResponse.BodyHandlers.ofString());
            assertThat(ready.statusCode()).isEqualTo(503);
            assertThat(ready.body()).isEqualTo("Kafka is not reachable");
        }
    }

    @Test
    void metricsNeedTheTokenAndCountWhatHappened() throws Exception {
        send(3);

        assertThat(fixture.get("/metrics", Map.of()).statusCode()).isEqualTo(401);
        assertThat(fixture.get("/metrics", Map.of("Authorization", "Bearer wrong")).statusCode())
                .isEqualTo(401);
        HttpResponse<String> metrics =
                fixture.get("/metrics", Map.of("Authorization", "Bearer " + TOKEN));

        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.body())
                .contains("collector_events_accepted_total")
                .contains("collector_requests_total{dialect=\"native-batch\",status=\"200\"}")
                .contains("collector_kafka_send_seconds_bucket");
    }

    @Test
    void theOpenApiDocumentListsEveryEndpoint() throws Exception {
        HttpResponse<String> response = fixture.get("/openapi.json", Map.of());
        JsonNode paths = CollectorFixture.JSON.readTree(response.body()).path("paths");

        assertThat(response.statusCode()).isEqualTo(200);
        for (String path : CollectorEndpoints.paths()) {
            assertThat(paths.has(path)).as("OpenAPI documents %s", path).isTrue();
        }
        for (String path : new String[] {"/health/live", "/health/ready", "/metrics"}) {
            assertThat(paths.has(path)).as("OpenAPI documents %s", path).isTrue();
        }
    }

    @Test
    void aWriteKeyOverItsEventRateGets429WithRetryAfter() throws Exception {
        HttpResponse<String> first = send(100); // the burst is 2 x 50: this empties the bucket
        HttpResponse<String> second = send(100);

        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(second.statusCode()).isEqualTo(429);
        assertThat(second.headers().firstValue("Retry-After"))
                .hasValueSatisfying(s -> assertThat(Integer.parseInt(s)).isPositive());
        assertThat(second.body()).contains("more events per second than allowed");
    }
}
