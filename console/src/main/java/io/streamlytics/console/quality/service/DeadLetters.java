package io.streamlytics.console.quality.service;

import io.streamlytics.console.access.domain.Actor;
import io.streamlytics.console.access.service.AuditLog;
import io.streamlytics.console.access.service.ProjectAccess;
import io.streamlytics.console.quality.domain.DeadLetter;
import io.streamlytics.console.quality.domain.DeadLetterPage;
import io.streamlytics.core.config.PlatformConfig;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.springframework.stereotype.Service;
import tools.jackson.core.JacksonException;

/**
 * Reads the newest letters of Kafka {@code events.dlq} for admins: the last {@link #SCAN} of each
 * partition, read without a consumer group (nothing is committed, the replay's progress is not
 * touched), filtered by project.
 */
@Service
public class DeadLetters {
    /** Letters read from the end of each partition. */
    static final int SCAN = 2000;

    private static final Duration READ = Duration.ofSeconds(5);

    private final String bootstrap;
    private final String topic;
    private final ProjectAccess access;
    private final AuditLog audit;

    public DeadLetters(PlatformConfig config, ProjectAccess access, AuditLog audit) {
        this.bootstrap = config.kafka().effectiveBootstrapServers();
        this.topic = config.kafka().dlqTopic();
        this.access = access;
        this.audit = audit;
    }

    /** The newest letters, of one project (null: every project, and none), newest first. */
    public DeadLetterPage latest(Actor actor, Long projectId, int limit) {
        access.requireAdmin(actor);
        audit.record(actor, projectId, "view dead letters", "");
        List<DeadLetter> letters = new ArrayList<>();
        long waiting;
        try (KafkaConsumer<byte[], byte[]> consumer = consumer(null)) {
            List<TopicPartition> partitions = partitions(consumer);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            Map<TopicPartition, Long> starts = consumer.beginningOffsets(partitions);
            consumer.assign(partitions);
            for (TopicPartition p : partitions) {
                consumer.seek(p, Math.max(starts.get(p), ends.get(p) - SCAN));
            }
            long deadline = System.nanoTime() + READ.toNanos();
            while (!readToEnd(consumer, partitions, ends) && System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> record :
                        consumer.poll(Duration.ofMillis(200))) {
                    DeadLetter letter = letter(record);
                    if (letter != null && (projectId == null || letter.projectId() == projectId)) {
                        letters.add(letter);
                    }
                }
            }
            waiting = waiting(partitions, ends, starts);
        }
        letters.sort(
                Comparator.comparing(DeadLetter::receivedAt)
                        .thenComparing(DeadLetter::offset)
                        .reversed());
        return new DeadLetterPage(letters.subList(0, Math.min(limit, letters.size())), waiting);
    }

    private long waiting(
            List<TopicPartition> partitions,
            Map<TopicPartition, Long> ends,
            Map<TopicPartition, Long> starts) {
        // a consumer of the replay's group only asks for its committed offsets: it never polls
        // or commits, so the replay's progress stays as it is
        try (KafkaConsumer<byte[], byte[]> replay =
                consumer(io.streamlytics.core.event.DeadLetter.REPLAY_GROUP)) {
            Map<TopicPartition, OffsetAndMetadata> committed =
                    replay.committed(new java.util.HashSet<>(partitions));
            long waiting = 0;
            for (TopicPartition p : partitions) {
                OffsetAndMetadata done = committed.get(p);
                waiting += ends.get(p) - (done == null ? starts.get(p) : done.offset());
            }
            return waiting;
        }
    }

    private static boolean readToEnd(
            KafkaConsumer<byte[], byte[]> consumer,
            List<TopicPartition> partitions,
            Map<TopicPartition, Long> ends) {
        for (TopicPartition p : partitions) {
            if (consumer.position(p) < ends.get(p)) {
                return false;
            }
        }
        return true;
    }

    private List<TopicPartition> partitions(KafkaConsumer<byte[], byte[]> consumer) {
        List<TopicPartition> partitions = new ArrayList<>();
        List<PartitionInfo> infos = consumer.partitionsFor(topic, Duration.ofSeconds(10));
        if (infos != null) {
            infos.forEach(i -> partitions.add(new TopicPartition(topic, i.partition())));
        }
        return partitions;
    }

    private KafkaConsumer<byte[], byte[]> consumer(String group) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        p.put(
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
                ByteArrayDeserializer.class.getName());
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "1000");
        if (group != null) {
            p.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        }
        return new KafkaConsumer<>(p);
    }

    /**
     * The letter a record holds, read as the collector wrote it ({@link
     * io.streamlytics.core.event.DeadLetter}); null for a record that is not one (it is skipped).
     */
    static DeadLetter letter(ConsumerRecord<byte[], byte[]> record) {
        io.streamlytics.core.event.DeadLetter letter;
        try {
            letter = io.streamlytics.core.event.DeadLetter.fromJson(record.value());
        } catch (JacksonException | IllegalArgumentException e) {
            return null;
        }
        return new DeadLetter(
                record.partition(),
                record.offset(),
                Instant.ofEpochMilli(letter.receivedAt()),
                letter.kind().name().toLowerCase(java.util.Locale.ROOT),
                letter.projectId(),
                letter.endpoint(),
                letter.reasons(),
                letter.replays(),
                letter.payloadIsText()
                        ? new String(letter.payload(), java.nio.charset.StandardCharsets.UTF_8)
                        : java.util.Base64.getEncoder().encodeToString(letter.payload()),
                letter.truncated());
    }
}
