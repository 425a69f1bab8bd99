package io.streamlytics.collector.replay;

import io.streamlytics.collector.body.BodyDecoder;
import io.streamlytics.collector.body.JsonBodies;
import io.streamlytics.collector.body.Rejection;
import io.streamlytics.collector.dialect.Dialect;
import io.streamlytics.collector.dialect.MappingException;
import io.streamlytics.collector.enrich.Countries;
import io.streamlytics.collector.enrich.Enricher;
import io.streamlytics.collector.intake.EventIntake;
import io.streamlytics.collector.kafka.EventPublisher;
import io.streamlytics.core.config.PlatformConfig;
import io.streamlytics.core.event.DeadLetter;
import io.streamlytics.core.event.Event;
import io.streamlytics.core.event.EventCodec;
import io.streamlytics.core.event.EventReader;
import io.streamlytics.core.event.EventSchema;
import io.streamlytics.core.postgres.PostgresSettings;
import io.streamlytics.core.postgres.Projects;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Re-sends dead letters once their cause is fixed: each letter since the last replay is judged
 * again exactly as ingestion judges events ({@link EventIntake}); what passes goes to {@code
 * events.raw} (its insert id makes a repeated replay harmless), what still fails goes back to the
 * DLQ with its new reasons and a replay count. Letters whose payload was not kept whole are counted
 * and skipped. Progress is the committed offset of the consumer group {@link
 * DeadLetter#REPLAY_GROUP}.
 */
public final class DlqReplay {
    private final String bootstrapServers;
    private final String dlqTopic;
    private final Map<String, Dialect> endpoints;
    private final EventIntake intake;
    private final Projects projects;
    private final EventPublisher publisher;

    public DlqReplay(
            String bootstrapServers,
            String dlqTopic,
            Map<String, Dialect> endpoints,
            EventIntake intake,
            Projects projects,
            EventPublisher publisher) {
        this.bootstrapServers = bootstrapServers;
        this.dlqTopic = dlqTopic;
        this.endpoints = endpoints;
        this.intake = intake;
        this.projects = projects;
        this.publisher = publisher;
    }

    /**
     * Where a collector's replay reads letters and finds projects; the collector adds its own
     * endpoints and intake, so letters are judged by the very objects that judge events.
     */
    public record Source(String bootstrapServers, String dlqTopic, Projects projects) {
        public DlqReplay replay(
                Map<String, Dialect> endpoints, EventIntake intake, EventPublisher publisher) {
            return new DlqReplay(
                    bootstrapServers, dlqTopic, endpoints, intake, projects, publisher);
        }
    }

    /**
     * A replay that judges letters as a collector with {@code config} judges events: the same
     * {@code endpoints} (the collector's dialects), schema, enrichment and projects.
     */
    public static DlqReplay of(
            PlatformConfig config,
            Map<String, Dialect> endpoints,
            Countries countries,
            EventPublisher publisher) {
        return new DlqReplay(
                config.kafka().effectiveBootstrapServers(),
                config.kafka().dlqTopic(),
                endpoints,
                new EventIntake(
                        new EventReader(EventSchema.load()),
                        new Enricher(config.collector().trustForwardedFor(), countries)),
                new Projects(PostgresSettings.from(config.postgres())),
                publisher);
    }

    /** What one replay did. */
    public record Summary(int letters, int eventsReplayed, int stillRejected, int notReplayable) {
        @Override
        public String toString() {
            return letters
                    + " dead letters read: "
                    + eventsReplayed
                    + " events replayed into the pipeline, "
                    + stillRejected
                    + " still rejected (back in the DLQ with their reasons), "
                    + notReplayable
                    + " not replayable (payload not kept whole)";
        }
    }

    /** Replays the letters written before this call; later ones wait for the next replay. */
    public Summary run() throws Exception {
        int letters = 0;
        int replayed = 0;
        int rejected = 0;
        int skipped = 0;
        try (KafkaConsumer<byte[], byte[]> consumer = consumer()) {
            List<TopicPartition> partitions =
                    consumer.partitionsFor(dlqTopic).stream()
                            .map(p -> new TopicPartition(p.topic(), p.partition()))
                            .toList();
            consumer.assign(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            Map<TopicPartition, OffsetAndMetadata> committed = new HashMap<>();
            for (TopicPartition partition : partitions) {
                OffsetAndMetadata start =
                        consumer.committed(java.util.Set.of(partition)).get(partition);
                consumer.seek(partition, start == null ? 0 : start.offset());
            }
            while (!caughtUp(consumer, end)) {
                List<CompletableFuture<Void>> sends = new ArrayList<>();
                for (ConsumerRecord<byte[], byte[]> record :
                        consumer.poll(Duration.ofMillis(500))) {
                    if (record.offset()
                            >= end.get(new TopicPartition(record.topic(), record.partition()))) {
                        continue;
                    }
                    letters++;
                    DeadLetter letter = DeadLetter.fromJson(record.value());
                    Result result = replay(letter);
                    replayed += result.events().size();
                    skipped += result.replayable() ? 0 : 1;
                    result.events().forEach(e -> sends.add(publisher.publish(e)));
                    for (DeadLetter again : result.rejected()) {
                        rejected++;
                        sends.add(publisher.deadLetter(again));
                    }
                    committed.put(
                            new TopicPartition(record.topic(), record.partition()),
                            new OffsetAndMetadata(record.offset() + 1));
                }
                // offsets move on only after Kafka acknowledged everything they stand for
                CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new))
                        .get(60, TimeUnit.SECONDS);
                if (!committed.isEmpty()) {
                    consumer.commitSync(committed);
                }
            }
        }
        return new Summary(letters, replayed, rejected, skipped);
    }

    private record Result(boolean replayable, List<Event> events, List<DeadLetter> rejected) {}

    private Result replay(DeadLetter letter) {
        if (letter.truncated() || letter.payload().length == 0) {
            return new Result(false, List.of(), List.of());
        }
        if (letter.endpoint().startsWith("flink:")) {
            try { // an events.raw record the pipeline could not decode
                return new Result(true, List.of(EventCodec.fromJson(letter.payload())), List.of());
            } catch (IllegalArgumentException e) {
                return new Result(
                        true, List.of(), List.of(letter.replayedWith(List.of(e.getMessage()))));
            }
        }
        Dialect dialect = endpoints.get(letter.endpoint().replaceAll("/+$", ""));
        if (dialect == null) {
            return new Result(
                    true,
                    List.of(),
                    List.of(letter.replayedWith(List.of("no endpoint " + letter.endpoint()))));
        }
        Dialect.Request meta =
                new Dialect.Request(
                        letter.endpoint(), Instant.ofEpochMilli(letter.receivedAt()), Map.of());
        try {
            Dialect.Envelope envelope;
            if (letter.kind() == DeadLetter.Kind.REQUEST) {
                String body =
                        BodyDecoder.decode(
                                letter.payload(), BodyDecoder.Encoding.none(), Integer.MAX_VALUE);
                envelope = dialect.envelope(JsonBodies.parse(body), meta);
            } else {
                envelope =
                        new Dialect.Envelope(
                                Optional.empty(),
                                List.of(
                                        JsonBodies.parse(
                                                new String(
                                                        letter.payload(),
                                                        java.nio.charset.StandardCharsets.UTF_8))),
                                null);
            }
            Optional<Projects.Project> project =
                    letter.projectId() != 0
                            ? projects.findById(letter.projectId())
                            : envelope.writeKey().flatMap(projects::findByWriteKey);
            if (project.isEmpty()) {
                return new Result(
                        true,
                        List.of(),
                        List.of(letter.replayedWith(List.of("unknown or missing write key"))));
            }
            EventIntake.Outcome outcome =
                    intake.take(
                            dialect,
                            envelope,
                            project.get(),
                            meta,
                            Enricher.Client.UNKNOWN,
                            Integer.MAX_VALUE);
            List<DeadLetter> again =
                    outcome.rejected().stream()
                            .map(d -> d.withReplays(letter.replays() + 1))
                            .toList();
            return new Result(true, outcome.accepted(), again);
        } catch (Rejection | MappingException e) {
            return new Result(
                    true, List.of(), List.of(letter.replayedWith(List.of(e.getMessage()))));
        }
    }

    private static boolean caughtUp(
            KafkaConsumer<byte[], byte[]> consumer, Map<TopicPartition, Long> end) {
        return end.entrySet().stream().allMatch(e -> consumer.position(e.getKey()) >= e.getValue());
    }

    private KafkaConsumer<byte[], byte[]> consumer() {
        return new KafkaConsumer<>(
                Map.of(
                        "bootstrap.servers", bootstrapServers,
                        "group.id", DeadLetter.REPLAY_GROUP,
                        "enable.auto.commit", "false",
                        "isolation.level", "read_committed",
                        "auto.offset.reset", "earliest"),
                new ByteArrayDeserializer(),
                new ByteArrayDeserializer());
    }
}
