package io.streamlytics.launcher.bench;

import io.streamlytics.core.clickhouse.ClickHouse;
import io.streamlytics.core.clickhouse.ClickHouseSettings;
import io.streamlytics.core.config.PlatformConfig;
import io.streamlytics.core.event.Event;
import io.streamlytics.core.event.EventCodec;
import io.streamlytics.devstack.ClickHouseServer;
import io.streamlytics.devstack.KafkaBroker;
import io.streamlytics.devstack.Ports;
import io.streamlytics.flink.pipeline.EventPipelineJob;
import io.streamlytics.flink.pipeline.functions.DecodeEvent;
import io.streamlytics.flink.pipeline.records.RawRecord;
import io.streamlytics.flink.pipeline.records.RawRecordDeserializer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * {@code bin/analytics bench pipeline}: events/s through the EventPipeline job (dedup, sessions,
 * exactly-once ClickHouse and Kafka sinks, checkpoints every 10 s) on a local MiniCluster with
 * parallelism 2, over a backlog in {@code events.raw}; next to a naive job that only reads and
 * decodes the same backlog, measured in the same run.
 */
public final class PipelineBenchmark {
    static final int EVENTS = 1_000_000;
    static final int PEOPLE = 20_000;

    private PipelineBenchmark() {}

    public static void main(String[] args) throws Exception {
        Path dir = Files.createTempDirectory("pipeline-bench-");
        String password = UUID.randomUUID().toString();
        try (KafkaBroker kafka = KafkaBroker.start(dir.resolve("kafka"), Ports.free(2));
                ClickHouseServer clickhouse =
                        ClickHouseServer.start(
                                dir.resolve("clickhouse"),
                                ClickHouseServer.Ports.free(),
                                password,
                                dir.resolve("ch.pid"))) {
            kafka.createTopics(4, "events.raw", "events.dlq", "events.enriched");
            fill(kafka.bootstrapServers());
            Map<String, String> env = new HashMap<>();
            env.put("ANALYTICS_KAFKA_BOOTSTRAP", kafka.bootstrapServers());
            env.put("ANALYTICS_CLICKHOUSE_URL", clickhouse.httpUrl());
            env.put("ANALYTICS_CLICKHOUSE_PASSWORD", password);
            env.put("ANALYTICS_CHECKPOINT_INTERVAL_MS", "10000");
            PlatformConfig config = PlatformConfig.fromEnvironment(env);

            double naive = naive(kafka.bootstrapServers());
            long started = System.nanoTime();
            // checkpoints carry the rows of a checkpoint interval: they need file storage, not the
            // JobManager's memory (5 MB at most)
            org.apache.flink.configuration.Configuration conf =
                    new org.apache.flink.configuration.Configuration();
            conf.set(
                    org.apache.flink.configuration.CheckpointingOptions.CHECKPOINTS_DIRECTORY,
                    dir.resolve("checkpoints").toUri().toString());
            int restPort = Ports.free();
            conf.set(org.apache.flink.configuration.RestOptions.PORT, restPort);
            StreamExecutionEnvironment flink =
                    StreamExecutionEnvironment.getExecutionEnvironment(conf);
            flink.setParallelism(2);
            // the benchmark runs no PostgreSQL: the platform's session rules for every project
            EventPipelineJob.configure(
                    flink,
                    config,
                    OffsetsInitializer.latest(),
                    EventPipelineJob.defaultSessionRules(config));
            var job = flink.executeAsync("pipeline-bench");
            long checkpoints;
            long checkpointP50;
            long checkpointMax;
            long stateBytes;
            try (CheckpointStats stats =
                    CheckpointStats.watch(restPort, job.getJobID().toString())) {
                job.getJobExecutionResult().get();
                checkpoints = stats.completed();
                checkpointP50 = stats.durationP50Millis();
                checkpointMax = stats.durationMaxMillis();
                stateBytes = stats.latestStateBytes();
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            long stored;
            long sessions;
            try (ClickHouse ch = ClickHouse.connect(ClickHouseSettings.from(config.clickhouse()))) {
                stored = ch.queryLong("SELECT count() AS n FROM analytics.events", "n");
                sessions = ch.queryLong("SELECT count() AS n FROM analytics.sessions FINAL", "n");
            }
            String visibility = "";
            for (int interval : new int[] {10_000, 2_000}) {
                env.put("ANALYTICS_CHECKPOINT_INTERVAL_MS", Integer.toString(interval));
                visibility +=
                        visibility(
                                        PlatformConfig.fromEnvironment(env),
                                        dir.resolve("checkpoints-" + interval))
                                + "\n";
            }
            String report =
                    String.format(
                            Locale.ROOT,
                            """
                    Pipeline benchmark, %s, %d cores, Java %s; %,d events of %,d people in events.raw

                    | run | events/s | wall time s |
                    |---|---|---|
                    | naive job: read and decode only, parallelism 2 (baseline) | %,.0f | %.1f |
                    | EventPipeline: dedup, identity, person properties, sessions, data quality, exactly-once ClickHouse + Kafka, checkpoints 10 s, parallelism 2 | %,.0f | %.1f |

                    events stored: %,d (expected %,d); sessions: %,d

                    Checkpoints of that run (every 10 s): %d completed, duration p50 %,d ms, max %,d ms;
                    the newest held %,d bytes of state, %,d bytes per person (all keyed state, the
                    insert ids of the dedup window included, plus the rows the sinks buffer until the
                    checkpoint commits them).

                    Visibility: from sending to Kafka until a ClickHouse query sees the event, for marker
                    events every 200 ms among 2,000 events/s, over 30 s:

                    | checkpoint interval | p50 s | p99 s | max s | markers seen |
                    |---|---|---|---|---|
                    %s""",
                            Instant.now(),
                            Runtime.getRuntime().availableProcessors(),
                            System.getProperty("java.version"),
                            EVENTS,
                            PEOPLE,
                            naive,
                            EVENTS / naive,
                            EVENTS / seconds,
                            seconds,
                            stored,
                            EVENTS,
                            sessions,
                            checkpoints,
                            checkpointP50,
                            checkpointMax,
                            stateBytes,
                            stateBytes / PEOPLE,
                            visibility);
            System.out.println(report);
            Path out = Path.of("target", "bench", "pipeline-" + System.currentTimeMillis() + ".md");
            Files.createDirectories(out.getParent());
            Files.writeString(out, report);
        }
    }

    /** Runs the job unbounded under a light load and measures when marker events become visible. */
    private static String visibility(PlatformConfig config, Path checkpoints) throws Exception {
        org.apache.flink.configuration.Configuration conf =
                new org.apache.flink.configuration.Configuration();
        conf.set(
                org.apache.flink.configuration.CheckpointingOptions.CHECKPOINTS_DIRECTORY,
                checkpoints.toUri().toString());
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        env.setParallelism(2);
        EventPipelineJob.configure(env, config, null, EventPipelineJob.defaultSessionRules(config));
        org.apache.flink.core.execution.JobClient job = env.executeAsync(EventPipelineJob.NAME);
        Markers markers = new Markers();
        try (KafkaProducer<byte[], byte[]> producer =
                        new KafkaProducer<>(
                                Map.of(
                                        "bootstrap.servers",
                                        config.kafka().effectiveBootstrapServers(),
                                        "acks",
                                        "all",
                                        "linger.ms",
                                        5),
                                new ByteArraySerializer(),
                                new ByteArraySerializer());
                ClickHouse ch = ClickHouse.connect(ClickHouseSettings.from(config.clickhouse()))) {
            Thread.sleep(5000); // let the job start
            long end = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            int n = 0;
            Event e = new Event();
            e.projectId = 1;
            e.properties = "{}";
            long nextMarker = System.nanoTime();
            while (System.nanoTime() < end) {
                for (int i = 0; i < 20; i++) { // 20 events every 10 ms: 2,000/s
                    e.event = "load";
                    e.insertId = UUID.randomUUID().toString();
                    e.distinctId = "user-" + (n++ % PEOPLE);
                    e.timestamp = System.currentTimeMillis();
                    e.receivedAt = e.timestamp;
                    producer.send(
                            new ProducerRecord<>(
                                    "events.raw",
                                    e.partitionKey().getBytes(StandardCharsets.UTF_8),
                                    EventCodec.toJson(e)));
                }
                if (System.nanoTime() >= nextMarker) {
                    e.event = "marker";
                    e.insertId = markers.next(System.nanoTime());
                    e.timestamp = System.currentTimeMillis();
                    producer.send(
                            new ProducerRecord<>(
                                    "events.raw",
                                    e.partitionKey().getBytes(StandardCharsets.UTF_8),
                                    EventCodec.toJson(e)));
                    producer.flush();
                    nextMarker += 200_000_000L;
                }
                markers.poll(ch);
                Thread.sleep(10);
            }
            long deadline =
                    System.nanoTime()
                            + Duration.ofMillis(
                                            3L * config.flink().checkpointInterval().toMillis()
                                                    + 5000)
                                    .toNanos();
            while (!markers.allSeen() && System.nanoTime() < deadline) {
                markers.poll(ch);
                Thread.sleep(50);
            }
            return markers.row(config.flink().checkpointInterval());
        } finally {
            job.cancel().get();
        }
    }

    /** Marker events sent, and when a ClickHouse query first returned each of them. */
    private static final class Markers {
        private final String run = UUID.randomUUID().toString().substring(0, 8);
        private final Map<String, Long> pending = new HashMap<>();
        private final java.util.List<Long> visibleAfterNanos = new java.util.ArrayList<>();
        private int sent;
        private long lastPoll;

        String next(long sentAtNanos) {
            String id = "marker-" + run + "-" + sent++;
            pending.put(id, sentAtNanos);
            return id;
        }

        boolean allSeen() {
            return pending.isEmpty();
        }

        /** Queries ClickHouse at most every 100 ms for markers not seen yet. */
        void poll(ClickHouse ch) {
            long now = System.nanoTime();
            if (now - lastPoll < 100_000_000L) {
                return;
            }
            lastPoll = now;
            for (var row :
                    ch.query(
                            "SELECT insert_id FROM analytics.events WHERE event = 'marker'"
                                    + " AND insert_id LIKE 'marker-"
                                    + run
                                    + "-%'")) {
                Long at = pending.remove(row.path("insert_id").asString());
                if (at != null) {
                    visibleAfterNanos.add(now - at);
                }
            }
        }

        String row(java.time.Duration checkpointInterval) {
            Latencies latencies =
                    new Latencies(visibleAfterNanos.stream().mapToLong(Long::longValue).toArray());
            return String.format(
                    Locale.ROOT,
                    "| %d s | %.2f | %.2f | %.2f | %d of %d |",
                    checkpointInterval.toSeconds(),
                    latencies.percentileMillis(50) / 1000,
                    latencies.percentileMillis(99) / 1000,
                    latencies.maxMillis() / 1000,
                    latencies.count(),
                    sent);
        }
    }

    /** Events over the last two hours, a few per person-minute, as the collector writes them. */
    private static void fill(String bootstrap) {
        Instant start = Instant.now().minus(Duration.ofHours(2));
        try (KafkaProducer<byte[], byte[]> producer = BulkProducer.open(bootstrap)) {
            Event e = new Event();
            e.projectId = 1;
            e.event = "page_view";
            e.properties = "{\"path\":\"/pricing\",\"plan\":\"team\"}";
            e.context.pageUrl = "https://shop.example/pricing";
            for (int i = 0; i < EVENTS; i++) {
                e.insertId = UUID.randomUUID().toString();
                e.distinctId = "user-" + (i % PEOPLE);
                e.timestamp = start.plusMillis((long) i * 7_200_000L / EVENTS).toEpochMilli();
                e.receivedAt = e.timestamp;
                producer.send(
                        new ProducerRecord<>(
                                "events.raw",
                                e.partitionKey().getBytes(StandardCharsets.UTF_8),
                                EventCodec.toJson(e)));
            }
            producer.flush();
        }
    }

    private static double naive(String bootstrap) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(2);
        KafkaSource<RawRecord> source =
                KafkaSource.<RawRecord>builder()
                        .setBootstrapServers(bootstrap)
                        .setTopics("events.raw")
                        .setGroupId("naive-bench")
                        .setStartingOffsets(OffsetsInitializer.earliest())
                        .setBounded(OffsetsInitializer.latest())
                        .setDeserializer(new RawRecordDeserializer())
                        .build();
        env.fromSource(source, WatermarkStrategy.noWatermarks(), "events.raw")
                .process(new DecodeEvent())
                .sinkTo(new DiscardingSink<>());
        long started = System.nanoTime();
        env.execute("naive-bench");
        return EVENTS / ((System.nanoTime() - started) / 1e9);
    }
}
