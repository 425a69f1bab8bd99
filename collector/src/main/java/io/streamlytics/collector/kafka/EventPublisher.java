package io.streamlytics.collector.kafka;

import io.streamlytics.core.event.Event;
import io.streamlytics.core.event.EventCodec;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Sends accepted events to {@code events.raw} and rejected ones to {@code events.dlq}. A future
 * completes only when Kafka acknowledged the record on all in-sync replicas, and it is idempotent:
 * the collector answers 2xx only after that.
 */
public final class EventPublisher implements AutoCloseable {
    private final KafkaProducer<byte[], byte[]> producer;
    private final String rawTopic;
    private final String dlqTopic;

    public EventPublisher(
            String bootstrapServers, String rawTopic, String dlqTopic, Duration deliveryTimeout) {
        this.rawTopic = rawTopic;
        this.dlqTopic = dlqTopic;
        int timeout = (int) deliveryTimeout.toMillis();
        this.producer =
                new KafkaProducer<>(
                        Map.of(
                                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                                bootstrapServers,
                                ProducerConfig.ACKS_CONFIG,
                                "all",
                                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG,
                                true,
                                ProducerConfig.LINGER_MS_CONFIG,
                                5,
                                ProducerConfig.COMPRESSION_TYPE_CONFIG,
                                "lz4",
                                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG,
                                timeout,
                                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG,
                                Math.min(timeout - 5, 5000),
                                ProducerConfig.MAX_BLOCK_MS_CONFIG,
                                Math.min(timeout, 5000),
                                ProducerConfig.CLIENT_ID_CONFIG,
                                "collector"),
                        new ByteArraySerializer(),
                        new ByteArraySerializer());
    }

    public CompletableFuture<Void> publish(Event event) {
        return send(
                new ProducerRecord<>(
                        rawTopic,
                        event.partitionKey().getBytes(StandardCharsets.UTF_8),
                        EventCodec.toJson(event)));
    }

    public CompletableFuture<Void> publishAll(List<Event> events) {
        return CompletableFuture.allOf(
                events.stream().map(this::publish).toArray(CompletableFuture[]::new));
    }

    public CompletableFuture<Void> deadLetter(DeadLetter letter) {
        return send(
                new ProducerRecord<>(
                        dlqTopic,
                        Long.toString(letter.projectId()).getBytes(StandardCharsets.UTF_8),
                        letter.toJson()));
    }

    private CompletableFuture<Void> send(ProducerRecord<byte[], byte[]> record) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        try {
            producer.send(
                    record,
                    (metadata, error) -> {
                        if (error == null) {
                            done.complete(null);
                        } else {
                            done.completeExceptionally(error);
                        }
                    });
        } catch (RuntimeException e) {
            // send() itself throws when metadata cannot be fetched within max.block.ms
            done.completeExceptionally(e);
        }
        return done;
    }

    /** Whether Kafka answers a metadata request for the raw topic within a few seconds. */
    public boolean kafkaReachable() {
        try {
            return !producer.partitionsFor(rawTopic).isEmpty();
        } catch (RuntimeException e) {
            return false;
        }
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(10));
    }
}
