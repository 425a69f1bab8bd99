package io.streamlytics.collector;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamlytics.collector.auth.WriteKeys;
import io.streamlytics.collector.http.Collector;
import io.streamlytics.collector.kafka.EventPublisher;
import io.streamlytics.core.event.EventCodec;
import io.streamlytics.core.postgres.PostgresMigrations;
import io.streamlytics.core.postgres.PostgresSettings;
import io.streamlytics.core.postgres.Projects;
import io.streamlytics.devstack.KafkaBroker;
import io.streamlytics.devstack.Ports;
import io.streamlytics.devstack.PostgresServer;
import io.streamlytics.devstack.junit.PostgresExtension;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Kafka stops in the middle of a load: every event the collector acknowledged is in Kafka
 * afterwards.
 */
@ExtendWith(PostgresExtension.class)
class KafkaOutageTest {

    @Test
    void everyAcknowledgedEventSurvivesAKafkaOutage(PostgresServer postgres) throws Exception {
        Path dir = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "kafka-outage-");
        int[] ports = Ports.free(2);
        int port = ports[0];
        int controller = ports[1];
        KafkaBroker kafka = KafkaBroker.start(dir, port, controller);
        kafka.createTopics(2, "raw", "dlq");
        PostgresSettings settings =
                new PostgresSettings(
                        postgres.createDatabase("kafka_outage"),
                        postgres.user(),
                        postgres.password());
        PostgresMigrations.apply(settings);
        Projects projects = new Projects(settings);
        String key = projects.createProject("Outage").writeKey();
        var lookups = Executors.newFixedThreadPool(2);
        Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        AtomicInteger unavailable = new AtomicInteger();
        AtomicInteger other = new AtomicInteger();
        AtomicBoolean running = new AtomicBoolean(true);

        try (EventPublisher publisher =
                        new EventPublisher(
                                kafka.bootstrapServers(), "raw", "dlq", Duration.ofSeconds(3));
                Collector collector =
                        Collector.start(
                                CollectorFixture.config(java.util.Map.of()),
                                new WriteKeys(projects, Duration.ofMinutes(5), lookups),
                                publisher,
                                Clock.systemUTC())) {
            HttpClient http = HttpClient.newHttpClient();
            Runnable load =
                    () -> {
                        int batch = 0;
                        String thread = Thread.currentThread().getName();
                        while (running.get()) {
                            StringBuilder body = new StringBuilder("{\"batch\": [");
                            for (int i = 0; i < 10; i++) {
                                body.append(i == 0 ? "" : ",")
                                        .append("{\"event\": \"load\", \"distinct_id\": \"u")
                                        .append(i)
                                        .append("\", \"insert_id\": \"")
                                        .append(thread)
                                        .append('-')
                                        .append(batch)
                                        .append('-')
                                        .append(i)
                                        .append("\"}");
                            }
                            try {
                                HttpResponse<String> response =
                                        http.send(
                                                HttpRequest.newBuilder(
                                                                URI.create(
                                                                        "http://127.0.0.1:"
                                                                                + collector.port()
                                                                                + "/v1/batch"))
                                                        .header("Authorization", "Bearer " + key)
                                                        .POST(
                                                                HttpRequest.BodyPublishers.ofString(
                                                                        body.append("]}")
                                                                                .toString()))
                                                        .build(),
                                                HttpResponse.BodyHandlers.ofString());
                                if (response.statusCode() == 200) {
                                    for (int i = 0; i < 10; i++) {
                                        acknowledged.add(thread + "-" + batch + "-" + i);
                                    }
                                } else if (response.statusCode() == 503) {
                                    unavailable.incrementAndGet();
                                } else {
                                    other.incrementAndGet();
                                }
                            } catch (Exception e) {
                                other.incrementAndGet();
                            }
                            batch++;
                        }
                    };
            Thread[] senders = new Thread[4];
            for (int t = 0; t < senders.length; t++) {
                senders[t] = new Thread(load, "sender" + t);
                senders[t].start();
            }
            Thread.sleep(1500);
            int beforeOutage = acknowledged.size();
            kafka.close();
            Thread.sleep(5000);
            int duringOutage = acknowledged.size();
            kafka = KafkaBroker.start(dir, port, controller);
            Thread.sleep(6000);
            running.set(false);
            for (Thread sender : senders) {
                sender.join();
            }

            assertThat(beforeOutage).isPositive();
            assertThat(unavailable.get()).as("503 answers while Kafka was down").isPositive();
            assertThat(acknowledged.size())
                    .as("acknowledged after Kafka came back")
                    .isGreaterThan(duringOutage);
            assertThat(other.get()).as("answers other than 200 and 503").isZero();
            Set<String> stored =
                    // all of it: events answered 503 may have landed too, so count is no guide
                    kafka.readToEnd("raw", Duration.ofSeconds(30)).stream()
                            .map(r -> EventCodec.fromJson(r.value()).insertId)
                            .collect(Collectors.toSet());
            assertThat(stored).containsAll(acknowledged);
        } finally {
            kafka.close();
            lookups.shutdownNow();
        }
    }
}
