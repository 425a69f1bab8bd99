package io.streamlytics.collector.kafka;

import io.streamlytics.core.event.DeadLetter;
import io.streamlytics.core.event.Event;
import io.streamlytics.core.event.EventCodec;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
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
    private final ExecutorService senders =
            Executors.newFixedThreadPool(
                    2,
                    runnable -> {
                        Thread thread = new Thread(runnable, "kafka-send");
                        thread.setDaemon(true);
                        return thread;
                    });

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
                                ProducerConfig.BATCH_SIZE_CONFIG,
                                128 * 1024,
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
        return publishBatch(List.of(event), List.of());
    }

    public CompletableFuture<Void> deadLetter(DeadLetter letter) {
        return publishBatch(List.of(), List.of(letter));
    }

    /**
     * Sends events to the raw topic and letters to the DLQ; completes when Kafka acknowledged all
     * of them, or fails with the first error. The sends run on the publisher's own threads: {@code
     * send()} blocks while Kafka's metadata is unknown (a broker restart), and that must not stall
     * the HTTP event loop.
     */
    public CompletableFuture<Void> publishBatch(List<Event> events, List<DeadLetter> letters) {
        List<ProducerRecord<byte[], byte[]>> records =
                new ArrayList<>(events.size() + letters.size());
        for (Event event : events) {
            records.add(
                    new ProducerRecord<>(
                            rawTopic,
                            event.partitionKey().getBytes(StandardCharsets.UTF_8),
                            EventCodec.toJson(event)));
        }
        for (DeadLetter letter : letters) {
            records.add(
                    new ProducerRecord<>(
                            dlqTopic,
                            Long.toString(letter.projectId()).getBytes(StandardCharsets.UTF_8),
                            letter.toJson()));
        }
        CompletableFuture<Void> done = new CompletableFuture<>();
        if (records.isEmpty()) {
            done.complete(null);
            return done;
        }
        AtomicInteger remaining = new AtomicInteger(records.size());
        try {
            senders.execute(
                    () -> {
                        for (ProducerRecord<byte[], byte[]> record : records) {
                            try {
                                producer.send(
                                        record,
                                        (metadata, error) -> {
                                            if (error != null) {
                                                done.completeExceptionally(error);
                                            } else if (remaining.decrementAndGet() == 0) {
                                                done.complete(null);
                                            }
                                        });
                            } catch (RuntimeException e) {
                                // send() throws when metadata cannot be fetched within max.block.ms
                                done.completeExceptionally(e);
                                return;
                            }
                        }
                    });
        } catch (RejectedExecutionException closed) {
            done.completeExceptionally(closed);
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
        senders.shutdown();
        producer.close(Duration.ofSeconds(10));
    }
}
