package io.streamlytics.console.alerts.service;

import io.streamlytics.console.base.concurrent.DaemonThreads;
import io.streamlytics.core.config.PlatformConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Reads the Rules job's detections from Kafka {@code alerts} (committed transactions only) and
 * hands each batch to {@link DetectionIntake}. Where to start is what PostgreSQL says was applied,
 * not Kafka's committed offsets: a batch and its offsets commit together, so a crash between
 * applying and committing to Kafka applies nothing twice.
 */
@Component
class AlertConsumer implements SmartLifecycle {
    static final String GROUP = "console-alert-engine";
    private static final Logger LOG = LoggerFactory.getLogger(AlertConsumer.class);

    private final DetectionIntake intake;
    private final IntakeOffsets offsets;
    private final AlertWorker worker;
    private final PlatformConfig.Kafka kafka;
    private volatile boolean running;
    private volatile KafkaConsumer<byte[], byte[]> consumer;
    private Thread thread;

    AlertConsumer(
            DetectionIntake intake,
            IntakeOffsets offsets,
            AlertWorker worker,
            PlatformConfig config) {
        this.intake = intake;
        this.offsets = offsets;
        this.worker = worker;
        this.kafka = config.kafka();
    }

    private void loop() {
        while (running) {
            try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(properties())) {
                consumer = c;
                consume(c);
            } catch (WakeupException e) {
                return;
            } catch (RuntimeException e) {
                // Kafka or PostgreSQL away: start again from what PostgreSQL says was applied
                LOG.warn("alert intake: {}; retrying in 1 s", e.getMessage());
                try {
                    Thread.sleep(1000);
                } catch (InterruptedException interrupted) {
                    return;
                }
            } finally {
                consumer = null;
            }
        }
    }

    private void consume(KafkaConsumer<byte[], byte[]> c) {
        String topic = kafka.alertsTopic();
        c.subscribe(
                List.of(topic),
                new ConsumerRebalanceListener() {
                    @Override
                    public void onPartitionsRevoked(Collection<TopicPartition> partitions) {}

                    @Override
                    public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
                        Map<Integer, Long> applied = offsets.stored(topic);
                        for (TopicPartition partition : partitions) {
                            Long next = applied.get(partition.partition());
                            if (next != null) {
                                c.seek(partition, next);
                            }
                        }
                    }
                });
        while (running) {
            ConsumerRecords<byte[], byte[]> records = c.poll(Duration.ofMillis(200));
            if (records.isEmpty()) {
                continue;
            }
            List<ConsumerRecord<byte[], byte[]>> batch = new ArrayList<>(records.count());
            records.forEach(batch::add);
            if (intake.apply(topic, batch) > 0) {
                worker.wake();
            }
            c.commitAsync(); // for lag monitoring only; PostgreSQL holds the truth
        }
    }

    private Properties properties() {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.effectiveBootstrapServers());
        p.put(ConsumerConfig.GROUP_ID_CONFIG, GROUP + "." + kafka.alertsTopic());
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "500");
        // a topic (or partitions) made after the console started are found within 10 s
        p.put(ConsumerConfig.METADATA_MAX_AGE_CONFIG, "10000");
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        p.put(
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
                ByteArrayDeserializer.class.getName());
        return p;
    }

    @Override
    public synchronized void start() {
        running = true;
        thread = DaemonThreads.named("alert-intake-").newThread(this::loop);
        thread.start();
    }

    @Override
    public synchronized void stop() {
        running = false;
        KafkaConsumer<byte[], byte[]> c = consumer;
        if (c != null) {
            c.wakeup();
        }
        if (thread != null) {
            try {
                thread.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            thread = null;
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
