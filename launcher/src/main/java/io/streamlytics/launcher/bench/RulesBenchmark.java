package io.streamlytics.launcher.bench;

import io.streamlytics.ceprules.read.RuleReader;
import io.streamlytics.ceprules.rule.ProjectRule;
import io.streamlytics.ceprules.rule.Rule;
import io.streamlytics.core.clickhouse.ClickHouse;
import io.streamlytics.core.clickhouse.ClickHouseSettings;
import io.streamlytics.core.config.PlatformConfig;
import io.streamlytics.core.event.Event;
import io.streamlytics.core.event.EventCodec;
import io.streamlytics.devstack.ClickHouseServer;
import io.streamlytics.devstack.KafkaBroker;
import io.streamlytics.devstack.Ports;
import io.streamlytics.devstack.RedisServer;
import io.streamlytics.flink.rules.RuleEventDeserializer;
import io.streamlytics.flink.rules.RulesJob;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.MemorySize;
import org.apache.flink.configuration.TaskManagerOptions;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * {@code bin/analytics bench rules}: events/s through the rule jobs (alerts and funnels side by
 * side, parallelism 2 each, checkpoints every 10 s, exactly-once sinks) over a backlog in {@code
 * events.enriched}, with 10 and with 100 active rules, next to a naive job that only reads and
 * decodes the same backlog, in the same run. The rules are generated: two-step alerts, alerts with
 * an absent step, three-step funnels and per-minute counts, over 20 event names of skewed
 * frequency.
 */
public final class RulesBenchmark {
    static final int EVENTS = Integer.getInteger("bench.rules.events", 1_000_000);
    static final int PEOPLE = 20_000;
    static final int NAMES = 20;

    private RulesBenchmark() {}

    public static void main(String[] args) throws Exception {
        Path dir = Files.createTempDirectory("rules-bench-");
        String password = UUID.randomUUID().toString();
        try (KafkaBroker kafka = KafkaBroker.start(dir.resolve("kafka"), Ports.free(2));
                ClickHouseServer clickhouse =
                        ClickHouseServer.start(
                                dir.resolve("clickhouse"),
                                ClickHouseServer.Ports.free(),
                                password,
                                dir.resolve("ch.pid"));
                // live funnel counts
                RedisServer redis =
                        RedisServer.start(
                                dir.resolve("redis"), Ports.free(), dir.resolve("redis.pid"))) {
            List<String> rows = new ArrayList<>();
            double naive = 0;
            // -Dbench.rules.latencyOnly=true skips the throughput runs
            int runs = Boolean.getBoolean("bench.rules.latencyOnly") ? 0 : 3;
            for (int run = 0; run < runs; run++) {
                int rules = run == 0 ? 10 : 100;
                boolean rare = run == 2;
                String suffix = "-" + run;
                kafka.createTopics(4, "events.enriched" + suffix, "alerts" + suffix);
                fill(kafka.bootstrapServers(), "events.enriched" + suffix);
                if (naive == 0) {
                    naive = naive(kafka.bootstrapServers(), "events.enriched" + suffix);
                    rows.add(
                            String.format(
                                    Locale.ROOT,
                                    "| naive job: read and decode only (baseline) | | %,.0f |",
                                    naive));
                }
                PlatformConfig config =
                        config(
                                kafka,
                                clickhouse,
                                redis,
                                password,
                                run,
                                suffix,
                                Map.of("ANALYTICS_CHECKPOINT_INTERVAL_MS", "10000"));
                long started = System.nanoTime();
                // the two rule jobs side by side, as they run: done when both are
                List<JobClient> jobs = new ArrayList<>();
                for (RulesJob.Part part : RulesJob.Part.values()) {
                    StreamExecutionEnvironment flink =
                            StreamExecutionEnvironment.getExecutionEnvironment(
                                    flinkConfiguration(dir, suffix));
                    flink.setParallelism(2);
                    RulesJob.configure(
                            flink, config, OffsetsInitializer.latest(), rules(rules, rare), part);
                    jobs.add(flink.executeAsync("rules-bench-" + run + "-" + part.jobName()));
                }
                for (JobClient job : jobs) {
                    job.getJobExecutionResult().get();
                }
                double seconds = (System.nanoTime() - started) / 1e9;
                long alerts =
                        kafka.consume(
                                        config.kafka().alertsTopic(),
                                        Integer.MAX_VALUE,
                                        Duration.ofSeconds(10))
                                .size();
                long steps;
                try (ClickHouse ch =
                        ClickHouse.connect(ClickHouseSettings.from(config.clickhouse()))) {
                    steps =
                            ch.queryLong(
                                    "SELECT count() AS n FROM " + ch.table("funnel_progress"), "n");
                }
                rows.add(
                        String.format(
                                Locale.ROOT,
                                "| rule jobs, %d %s rules | %,d alerts, %,d funnel steps | %,.0f |",
                                rules,
                                rare ? "rarely matching" : "often matching",
                                alerts,
                                steps,
                                EVENTS / seconds));
            }
            String suffix = "-live";
            kafka.createTopics(4, "events.enriched" + suffix, "alerts" + suffix);
            DetectionLatency.Result live =
                    DetectionLatency.measure(
                            config(
                                    kafka,
                                    clickhouse,
                                    redis,
                                    password,
                                    3,
                                    suffix,
                                    Map.of(
                                            "ANALYTICS_CHECKPOINT_INTERVAL_MS", "500",
                                            "ANALYTICS_RULES_LATENESS_MS", "500")),
                            flinkConfiguration(dir, suffix),
                            liveRules());
            String latency =
                    String.format(
                            Locale.ROOT,
                            """

                    Detection latency on a live stream: %d of the rarely matching rules and a
                    marker rule, %,.0f events/s (background), a marker person every 200 ms, lateness 500
                    ms, checkpoints every 500 ms (they took %d ms, at most %d); %d markers measured
                    after a %d s warm-up, %d without an alert.

                    | from Kafka's ack of the last event to | p50 ms | p99 ms | max ms |
                    |---|---|---|---|
                    | the event readable in events.enriched (baseline) | %.0f | %.0f | %.0f |
                    | its alert readable in alerts (alerts job) | %.0f | %.0f | %.0f |
                    """,
                            liveRules().size(),
                            live.eventsPerSecond(),
                            live.checkpointP50Millis(),
                            live.checkpointMaxMillis(),
                            live.markers(),
                            DetectionLatency.WARM_UP.toSeconds(),
                            live.missed(),
                            live.readable().percentileMillis(50),
                            live.readable().percentileMillis(99),
                            live.readable().maxMillis(),
                            live.detection().percentileMillis(50),
                            live.detection().percentileMillis(99),
                            live.detection().maxMillis());
            String report =
                    String.format(
                                    Locale.ROOT,
                                    """
                    Rules benchmark, %s, %d cores, Java %s; %,d events of %,d people and %d event
                    names in events.enriched (4 partitions), parallelism 2, checkpoints every 10 s.

                    | run | detected | events/s |
                    |---|---|---|
                    %s
                    """,
                                    Instant.now(),
                                    Runtime.getRuntime().availableProcessors(),
                                    System.getProperty("java.version"),
                                    EVENTS,
                                    PEOPLE,
                                    NAMES,
                                    String.join("\n", rows))
                            + latency;
            System.out.println(report);
            Path out = Path.of("target", "bench", "rules-" + System.currentTimeMillis() + ".md");
            Files.createDirectories(out.getParent());
            Files.writeString(out, report);
        }
    }

    /**
     * The live run's rules: the 100 rarely matching ones, or with {@code
     * -Dbench.rules.live.funnels=false} only their alert rules (to see what the funnels' state
     * costs the alerts' checkpoints).
     */
    private static List<ProjectRule> liveRules() {
        boolean funnels =
                Boolean.parseBoolean(System.getProperty("bench.rules.live.funnels", "true"));
        return rules(100, true).stream()
                .filter(r -> funnels || r.rule().type() != Rule.Type.FUNNEL)
                .toList();
    }

    /** The platform's configuration for one run: its own topics and ClickHouse database. */
    private static PlatformConfig config(
            KafkaBroker kafka,
            ClickHouseServer clickhouse,
            RedisServer redis,
            String password,
            int run,
            String suffix,
            Map<String, String> settings) {
        Map<String, String> env = new HashMap<>(settings);
        env.put("ANALYTICS_KAFKA_BOOTSTRAP", kafka.bootstrapServers());
        env.put("ANALYTICS_TOPIC_ENRICHED", "events.enriched" + suffix);
        env.put("ANALYTICS_TOPIC_ALERTS", "alerts" + suffix);
        env.put("ANALYTICS_CLICKHOUSE_URL", clickhouse.httpUrl());
        env.put("ANALYTICS_CLICKHOUSE_PASSWORD", password);
        env.put("ANALYTICS_CLICKHOUSE_DATABASE", "rules" + run);
        env.put("ANALYTICS_REDIS_PORT", Integer.toString(redis.port()));
        return PlatformConfig.fromEnvironment(env);
    }

    private static Configuration flinkConfiguration(Path dir, String suffix) {
        Configuration conf = new Configuration();
        conf.set(
                CheckpointingOptions.CHECKPOINTS_DIRECTORY,
                dir.resolve("checkpoints" + suffix).toUri().toString());
        // every rule is a keyed exchange of its own: the default network memory of a
        // MiniCluster runs out of buffers past a few dozen rules
        conf.set(TaskManagerOptions.NETWORK_MEMORY_MIN, MemorySize.parse("512m"));
        conf.set(TaskManagerOptions.NETWORK_MEMORY_MAX, MemorySize.parse("512m"));
        return conf;
    }

    /**
     * {@code count} rules of project 1, in a fixed mix: per 10, five two-step alerts, two alerts
     * with an absent step, two three-step funnels and one per-minute count. Often matching, every
     * first step is a frequent event; rarely matching, the alerts' first steps and the funnels'
     * last ones also need the plan of 1% of the events ({@code enterprise}), as alert rules usually
     * look for what seldom happens.
     */
    static List<ProjectRule> rules(int count, boolean rare) {
        String when = rare ? ", where: [{property: plan, op: equals, value: enterprise}]" : "";
        RuleReader reader = new RuleReader();
        Random random = new Random(count);
        List<ProjectRule> rules = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String a = name(random);
            String b = name(random);
            String c = name(random);
            String yaml =
                    switch (i % 10) {
                        case 0, 1, 2, 3, 4 ->
                                "type: alert\nwithin: 10m\nsteps:\n  - {name: a, event: "
                                        + a
                                        + when
                                        + "}\n  - {name: b, event: "
                                        + b
                                        + ", where: [{property: plan, op: equals, value: team}]}\n";
                        case 5, 6 ->
                                "type: alert\nwithin: 5m\nsteps:\n  - {name: a, event: "
                                        + a
                                        + when
                                        + "}\n  - {name: no b, event: "
                                        + b
                                        + ", absent: true}\n";
                        case 7, 8 ->
                                "type: funnel\nwithin: 30m\nsteps:\n  - {name: a, event: "
                                        + a
                                        + "}\n  - {name: b, event: "
                                        + b
                                        + "}\n  - {name: c, event: "
                                        + c
                                        + when
                                        + "}\n";
                        default ->
                                "type: alert\naggregate: {event: "
                                        + a
                                        + ", window: 1m, when: {above: 500}}\n";
                    };
            Rule rule = reader.read("version: 1\nid: r" + i + "\n" + yaml);
            rules.add(new ProjectRule(1, 1, rule));
        }
        return rules;
    }

    /** e0 … e19, e0 the most frequent: name k has weight 1/(k+1). */
    private static String name(Random random) {
        double total = 0;
        for (int k = 0; k < NAMES; k++) {
            total += 1.0 / (k + 1);
        }
        double x = random.nextDouble() * total;
        for (int k = 0; k < NAMES; k++) {
            x -= 1.0 / (k + 1);
            if (x <= 0) {
                return "e" + k;
            }
        }
        return "e" + (NAMES - 1);
    }

    /** Events over the last hour, as the pipeline writes them to events.enriched. */
    private static void fill(String bootstrap, String topic) {
        Instant start = Instant.now().minus(Duration.ofHours(1));
        Random random = new Random(1);
        try (KafkaProducer<byte[], byte[]> producer = BulkProducer.open(bootstrap)) {
            Event e = new Event();
            e.projectId = 1;
            for (int i = 0; i < EVENTS; i++) {
                e.insertId = "i" + i;
                e.event = name(random);
                e.distinctId = "user-" + random.nextInt(PEOPLE);
                e.personId = e.distinctId;
                int plan = random.nextInt(100);
                e.properties =
                        plan == 0
                                ? "{\"plan\":\"enterprise\"}"
                                : plan < 50 ? "{\"plan\":\"team\"}" : "{\"plan\":\"free\"}";
                e.timestamp = start.plusMillis((long) i * 3_600_000L / EVENTS).toEpochMilli();
                e.receivedAt = e.timestamp;
                producer.send(
                        new ProducerRecord<>(
                                topic,
                                e.partitionKey().getBytes(StandardCharsets.UTF_8),
                                EventCodec.toJson(e)));
            }
            producer.flush();
        }
    }

    private static double naive(String bootstrap, String topic) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(2);
        KafkaSource<io.streamlytics.ceprules.rule.RuleEvent> source =
                KafkaSource.<io.streamlytics.ceprules.rule.RuleEvent>builder()
                        .setBootstrapServers(bootstrap)
                        .setTopics(topic)
                        .setGroupId("naive-rules-bench")
                        .setStartingOffsets(OffsetsInitializer.earliest())
                        .setBounded(OffsetsInitializer.latest())
                        .setDeserializer(new RuleEventDeserializer())
                        .build();
        env.fromSource(source, WatermarkStrategy.noWatermarks(), topic)
                .sinkTo(new DiscardingSink<>());
        long started = System.nanoTime();
        env.execute("naive-rules-bench");
        return EVENTS / ((System.nanoTime() - started) / 1e9);
    }
}
