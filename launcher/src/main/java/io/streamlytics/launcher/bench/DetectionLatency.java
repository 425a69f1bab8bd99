package io.streamlytics.launcher.bench;

import io.streamlytics.ceprules.read.RuleReader;
import io.streamlytics.ceprules.rule.Detection;
import io.streamlytics.ceprules.rule.DetectionJson;
import io.streamlytics.ceprules.rule.ProjectRule;
import io.streamlytics.core.config.PlatformConfig;
import io.streamlytics.core.event.Event;
import io.streamlytics.core.event.EventCodec;
import io.streamlytics.devstack.Ports;
import io.streamlytics.flink.rules.RulesJob;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Detection latency of the rule jobs (alerts and funnels side by side) on a live stream: the
 * generated rules plus a marker rule (a two-step sequence), a steady background rate of events
 * stamped with the current time, and every 200 ms a new person doing the marker's two steps. For
 * each marker: from the moment Kafka acknowledged its last event to the moment its alert can be
 * read from {@code alerts} (read_committed, so after the Rules job's checkpoint). The baseline, in
 * the same run: from the same acknowledgement to the moment that event can be read from {@code
 * events.enriched}.
 */
final class DetectionLatency {
    static final String MARKER = "latency-marker";
    static final int RATE = Integer.getInteger("bench.rules.live.rate", 500);
    static final Duration WARM_UP = Duration.ofSeconds(20);
    static final Duration MEASURED =
            Duration.ofSeconds(Integer.getInteger("bench.rules.live.seconds", 60));

    /**
     * The latencies, the markers whose alert never came, the background rate reached, and the job's
     * checkpoints meanwhile (an alert is readable after the checkpoint that follows it).
     */
    record Result(
            Latencies detection,
            Latencies readable,
            int markers,
            int missed,
            double eventsPerSecond,
            long checkpointP50Millis,
            long checkpointMaxMillis) {}

    private DetectionLatency() {}

    static Result measure(PlatformConfig config, Configuration flinkConf, List<ProjectRule> rules)
            throws Exception {
        List<ProjectRule> withMarker = new ArrayList<>(rules);
        withMarker.add(
                new ProjectRule(
                        1,
                        1,
                        new RuleReader()
                                .read(
                                        "version: 1\nid: "
                                                + MARKER
                                                + "\ntype: alert\nwithin: 1m\nsteps:\n"
                                                + "  - {name: a, event: latency_a}\n"
                                                + "  - {name: b, event: latency_b}\n")));
        // the alerts job, watched, and the funnels job beside it (when there are funnels)
        int restPort = Ports.free();
        JobClient job = start(flinkConf, restPort, config, withMarker, RulesJob.Part.ALERTS);
        CheckpointStats checkpoints = CheckpointStats.watch(restPort, job.getJobID().toString());
        JobClient funnels =
                RulesJob.Part.FUNNELS.of(rules).isEmpty()
                        ? null
                        : start(flinkConf, 0, config, rules, RulesJob.Part.FUNNELS);
        long sentEvents = 0;
        double seconds;
        String bootstrap = config.kafka().effectiveBootstrapServers();
        Map<String, Long> sentAt = new ConcurrentHashMap<>();
        Map<String, Long> detected = new ConcurrentHashMap<>();
        Map<String, Long> readable = new ConcurrentHashMap<>();
        AtomicBoolean running = new AtomicBoolean(true);
        Thread alerts =
                reader(
                        bootstrap,
                        config.kafka().alertsTopic(),
                        running,
                        record -> {
                            Detection d = DetectionJson.read(record.value());
                            if (MARKER.equals(d.ruleId)) {
                                detected.putIfAbsent(d.key, System.nanoTime());
                            }
                        });
        Thread enriched =
                reader(
                        bootstrap,
                        config.kafka().enrichedTopic(),
                        running,
                        record -> {
                            String key = new String(record.key(), StandardCharsets.UTF_8);
                            if (key.startsWith("1:m-")
                                    && new String(record.value(), StandardCharsets.UTF_8)
                                            .contains("latency_b")) {
                                readable.putIfAbsent(key.substring(2), System.nanoTime());
                            }
                        });
        List<String> measured = new ArrayList<>();
        try (KafkaProducer<byte[], byte[]> producer =
                new KafkaProducer<>(
                        Map.of("bootstrap.servers", bootstrap, "acks", "all", "linger.ms", 0),
                        new ByteArraySerializer(),
                        new ByteArraySerializer())) {
            Random random = new Random(7);
            long start = System.nanoTime();
            long end = start + WARM_UP.plus(MEASURED).toNanos();
            int tick = 0;
            while (System.nanoTime() < end) {
                long tickStart = System.nanoTime();
                for (int i = 0; i < RATE / 100; i++) {
                    send(producer, config, background(random), false);
                    sentEvents++;
                }
                if (tick % 20 == 0) {
                    String person = "m-" + tick;
                    send(producer, config, marker("latency_a", person), false);
                    send(producer, config, marker("latency_b", person), true);
                    sentAt.put(person, System.nanoTime());
                    if (tickStart - start > WARM_UP.toNanos()) {
                        measured.add(person);
                    }
                }
                tick++;
                long sleep = 10_000_000 - (System.nanoTime() - tickStart);
                if (sleep > 0) {
                    Thread.sleep(sleep / 1_000_000, (int) (sleep % 1_000_000));
                }
            }
            seconds = (System.nanoTime() - start) / 1e9;
            Thread.sleep(15_000); // stragglers
        } finally {
            running.set(false);
            alerts.join();
            enriched.join();
            checkpoints.close();
            job.cancel().get();
            if (funnels != null) {
                funnels.cancel().get();
            }
        }
        return new Result(
                latencies(measured, sentAt, detected),
                latencies(measured, sentAt, readable),
                measured.size(),
                (int) measured.stream().filter(p -> !detected.containsKey(p)).count(),
                sentEvents / seconds,
                checkpoints.durationP50Millis(),
                checkpoints.durationMaxMillis());
    }

    private static JobClient start(
            Configuration flinkConf,
            int restPort,
            PlatformConfig config,
            List<ProjectRule> rules,
            RulesJob.Part part)
            throws Exception {
        Configuration conf = new Configuration(flinkConf);
        conf.set(RestOptions.PORT, restPort);
        StreamExecutionEnvironment flink = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        flink.setParallelism(2);
        RulesJob.configure(flink, config, null, rules, part);
        return flink.executeAsync("rules-latency-" + part.jobName());
    }

    private static Latencies latencies(
            List<String> people, Map<String, Long> from, Map<String, Long> to) {
        return new Latencies(
                people.stream()
                        .filter(to::containsKey)
                        .mapToLong(p -> to.get(p) - from.get(p))
                        .toArray());
    }

    private static Event background(Random random) {
        Event e = new Event();
        e.projectId = 1;
        e.insertId = "live-" + random.nextLong();
        e.event = "e" + random.nextInt(RulesBenchmark.NAMES);
        e.distinctId = "user-" + random.nextInt(RulesBenchmark.PEOPLE);
        e.personId = e.distinctId;
        e.properties =
                random.nextInt(100) == 0 ? "{\"plan\":\"enterprise\"}" : "{\"plan\":\"free\"}";
        e.timestamp = System.currentTimeMillis();
        e.receivedAt = e.timestamp;
        return e;
    }

    private static Event marker(String name, String person) {
        Event e = new Event();
        e.projectId = 1;
        e.insertId = name + "-" + person;
        e.event = name;
        e.distinctId = person;
        e.personId = person;
        e.properties = "{}";
        e.timestamp = System.currentTimeMillis();
        e.receivedAt = e.timestamp;
        return e;
    }

    private static void send(
            KafkaProducer<byte[], byte[]> producer, PlatformConfig config, Event e, boolean wait)
            throws Exception {
        var sent =
                producer.send(
                        new ProducerRecord<>(
                                config.kafka().enrichedTopic(),
                                e.partitionKey().getBytes(StandardCharsets.UTF_8),
                                EventCodec.toJson(e)));
        if (wait) {
            sent.get();
        }
    }

    private static Thread reader(
            String bootstrap,
            String topic,
            AtomicBoolean running,
            java.util.function.Consumer<ConsumerRecord<byte[], byte[]>> each) {
        Thread thread =
                new Thread(
                        () -> {
                            try (KafkaConsumer<byte[], byte[]> consumer =
                                    new KafkaConsumer<>(
                                            Map.of(
                                                    "bootstrap.servers",
                                                    bootstrap,
                                                    "group.id",
                                                    "latency-" + topic,
                                                    "isolation.level",
                                                    "read_committed",
                                                    "auto.offset.reset",
                                                    "latest"),
                                            new ByteArrayDeserializer(),
                                            new ByteArrayDeserializer())) {
                                consumer.subscribe(List.of(topic));
                                while (running.get()) {
                                    consumer.poll(Duration.ofMillis(50)).forEach(each);
                                }
                            }
                        },
                        "latency-" + topic);
        thread.setDaemon(true);
        thread.start();
        return thread;
    }
}
