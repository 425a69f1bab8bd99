package io.streamlytics.collector;

import io.streamlytics.collector.auth.WriteKeys;
import io.streamlytics.collector.enrich.Countries;
import io.streamlytics.collector.http.Collector;
import io.streamlytics.collector.kafka.EventPublisher;
import io.streamlytics.collector.replay.DlqReplay;
import io.streamlytics.core.config.PlatformConfig;
import io.streamlytics.core.event.Event;
import io.streamlytics.core.event.EventCodec;
import io.streamlytics.core.postgres.PostgresMigrations;
import io.streamlytics.core.postgres.PostgresSettings;
import io.streamlytics.core.postgres.Projects;
import io.streamlytics.devstack.KafkaBroker;
import io.streamlytics.devstack.PostgresServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A running collector on the shared real Kafka and PostgreSQL, with topics and a project of its
 * own.
 */
final class CollectorFixture implements AutoCloseable {
    static final JsonMapper JSON = JsonMapper.builder().build();

    final KafkaBroker kafka;
    final String rawTopic = "raw-" + UUID.randomUUID();
    final String dlqTopic = "dlq-" + UUID.randomUUID();
    final Projects projects;
    final String writeKey;
    final EventPublisher publisher;
    final Collector collector;
    private final ExecutorService lookups = Executors.newFixedThreadPool(2);
    private final HttpClient http = HttpClient.newHttpClient();

    CollectorFixture(
            KafkaBroker kafka, PostgresServer postgres, Clock clock, Map<String, String> env) {
        this.kafka = kafka;
        kafka.createTopics(2, rawTopic, dlqTopic);
        PostgresSettings settings =
                new PostgresSettings(
                        postgres.createDatabase("collector_test"),
                        postgres.user(),
                        postgres.password());
        PostgresMigrations.apply(settings);
        projects = new Projects(settings);
        writeKey = projects.createProject("Collector test").writeKey();
        publisher =
                new EventPublisher(
                        kafka.bootstrapServers(), rawTopic, dlqTopic, Duration.ofSeconds(10));
        collector = start(publisher, clock, env);
    }

    static PlatformConfig.Collector config(Map<String, String> env) {
        Map<String, String> all = new java.util.HashMap<>(Map.of("ANALYTICS_COLLECTOR_PORT", "1"));
        all.putAll(env);
        PlatformConfig.Collector c = PlatformConfig.fromEnvironment(all).collector();
        return new PlatformConfig.Collector(
                0,
                c.maxBatchBytes(),
                c.maxLargeBatchBytes(),
                c.requestsPerSecondPerIp(),
                c.eventsPerSecondPerKey(),
                c.trustForwardedFor(),
                c.metricsToken(),
                c.adminToken(),
                c.idleTimeout(),
                c.geoipDatabase());
    }

    Collector start(EventPublisher publisher, Clock clock, Map<String, String> env) {
        return start(publisher, clock, env, Optional.empty());
    }

    /** A collector whose {@code /admin/dlq/replay} replays the letters of {@code replay}. */
    Collector start(
            EventPublisher publisher,
            Clock clock,
            Map<String, String> env,
            Optional<DlqReplay.Source> replay) {
        return Collector.start(
                config(env),
                new WriteKeys(projects, Duration.ofMillis(1), lookups),
                publisher,
                clock,
                Countries.NONE,
                replay);
    }

    HttpResponse<String> post(String path, Map<String, String> headers, byte[] body)
            throws Exception {
        return post(collector, path, headers, body);
    }

    HttpResponse<String> post(
            Collector target, String path, Map<String, String> headers, byte[] body)
            throws Exception {
        HttpRequest.Builder request =
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + target.port() + path))
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach(request::header);
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> get(String path, Map<String, String> headers) throws Exception {
        HttpRequest.Builder request =
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + collector.port() + path));
        headers.forEach(request::header);
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Events on events.raw, waiting until at least {@code atLeast} came. */
    List<Event> raw(int atLeast) {
        return kafka.consume(rawTopic, atLeast, Duration.ofSeconds(15)).stream()
                .map(r -> EventCodec.fromJson(r.value()))
                .toList();
    }

    /** Dead letters on events.dlq, waiting until at least {@code atLeast} came. */
    List<JsonNode> deadLetters(int atLeast) {
        return kafka.consume(dlqTopic, atLeast, Duration.ofSeconds(15)).stream()
                .map(ConsumerRecord::value)
                .map(JSON::readTree)
                .toList();
    }

    @Override
    public void close() {
        collector.close();
        publisher.close();
        lookups.shutdownNow();
    }
}
