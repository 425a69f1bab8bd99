package io.streamlytics.console.alerts.service;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.streamlytics.ceprules.rule.Detection;
import io.streamlytics.ceprules.rule.DetectionJson;
import io.streamlytics.console.ConsoleApiTest;
import io.streamlytics.devstack.Waits;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Each detection is applied once, whatever is read twice: records delivered again (as after a crash
 * between PostgreSQL's commit and Kafka's) change nothing, and a consumer that stops and starts
 * again goes on from what PostgreSQL says was applied. Real Kafka and PostgreSQL.
 */
class DetectionIntakeTest extends ConsoleApiTest {
    @Autowired DetectionIntake intake;
    @Autowired AlertConsumer consumer;

    @Test
    void recordsReadAgainAreAppliedOnceAndARestartedConsumerGoesOnWhereItStopped()
            throws Exception {
        TestProject shop = newProject("Intake once");
        try (KafkaProducer<byte[], byte[]> producer = producer()) {
            for (int i = 0; i < 20; i++) {
                send(producer, shop, "k" + i);
            }
            awaitAlerts(shop, 20);

            // everything the topic holds, delivered again
            List<ConsumerRecord<byte[], byte[]>> again =
                    new ArrayList<>(kafka.readToEnd(ALERTS_TOPIC, Duration.ofSeconds(10)));
            assertThat(again).hasSizeGreaterThanOrEqualTo(20);
            assertThat(intake.apply(ALERTS_TOPIC, again)).as("records applied again").isZero();

            consumer.stop();
            for (int i = 20; i < 25; i++) {
                send(producer, shop, "k" + i);
            }
            consumer.start();
            awaitAlerts(shop, 25);
        }
        JsonNode alerts =
                JSON.readTree(send(shop, "GET", "/alerts", null, null, shop.token()).body());
        assertThat(alerts).hasSize(25);
        for (JsonNode alert : alerts) {
            assertThat(alert.path("detections").asInt())
                    .as("detections of %s", alert.path("key").asText())
                    .isEqualTo(1);
        }
    }

    private void awaitAlerts(TestProject shop, int count) {
        assertThat(
                        Waits.until(
                                Duration.ofSeconds(20),
                                () -> {
                                    try {
                                        return JSON.readTree(
                                                                send(
                                                                                shop,
                                                                                "GET",
                                                                                "/alerts",
                                                                                null,
                                                                                null,
                                                                                shop.token())
                                                                        .body())
                                                        .size()
                                                == count;
                                    } catch (Exception e) {
                                        throw new IllegalStateException(e);
                                    }
                                }))
                .as("%d alerts", count)
                .isTrue();
    }

    private static KafkaProducer<byte[], byte[]> producer() {
        Properties p = new Properties();
        p.putAll(
                Map.of(
                        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                        ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG,
                                ByteArraySerializer.class.getName(),
                        ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG,
                                ByteArraySerializer.class.getName()));
        return new KafkaProducer<>(p);
    }

    private static void send(KafkaProducer<byte[], byte[]> producer, TestProject p, String key)
            throws Exception {
        Detection d = new Detection();
        d.projectId = p.id();
        d.ruleId = "intake";
        d.ruleVersion = 1;
        d.key = key;
        d.at = System.currentTimeMillis();
        d.summary = key + " detected";
        producer.send(
                        new ProducerRecord<>(
                                ALERTS_TOPIC, DetectionJson.key(d), DetectionJson.write(d)))
                .get();
    }
}
