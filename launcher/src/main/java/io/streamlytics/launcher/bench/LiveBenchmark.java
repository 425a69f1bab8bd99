package io.streamlytics.launcher.bench;

import io.streamlytics.core.config.PlatformConfig;
import io.streamlytics.core.event.Event;
import io.streamlytics.core.event.EventCodec;
import io.streamlytics.core.metrics.LiveMetricsLayout;
import io.streamlytics.core.postgres.ApiTokens;
import io.streamlytics.core.postgres.PostgresSettings;
import io.streamlytics.core.postgres.Projects;
import io.streamlytics.launcher.stack.IsolatedEnvironment;
import io.streamlytics.launcher.stack.LocalSecrets;
import io.streamlytics.launcher.stack.LocalStack;
import io.streamlytics.launcher.stack.StackState;
import java.net.http.WebSocket;
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
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.JedisPooled;
import redis.clients.jedis.Response;

/**
 * {@code bin/analytics bench live}: how long an accepted event takes to show in Redis and to reach
 * a WebSocket client of the live API, under a steady load, on the whole local stack (Kafka, the
 * Flink jobs, Redis, the console) on this machine.
 *
 * <p>The load ({@value #DEFAULT_RATE} events/s by default, {@code ANALYTICS_BENCH_LIVE_RATE}) goes
 * to project 1 straight into {@code events.raw}, as the collector writes it: "accepted" is Kafka's
 * acknowledgement, when the collector would answer 2xx (the collector itself is measured by {@code
 * bench collector}). Every 100 ms a marker event goes to a second, quiet project, through the same
 * topic, job and subtasks; its latency is measured from its acknowledgement to (1) a plain Kafka
 * consumer of {@code events.raw} receiving it (the baseline: what any consumer pays), (2) its count
 * appearing in Redis (polled every 10 ms), (3) a WebSocket client of the console receiving a
 * snapshot that counts it, (4) the same client receiving it in the live feed.
 */
public final class LiveBenchmark {
    static final int DEFAULT_RATE = 50_000;
    private static final Duration WARM_UP = Duration.ofSeconds(15);
    private static final Duration MEASURE = Duration.ofSeconds(30);
    private static final Pattern MARKER = Pattern.compile("\"event\":\"(marker-\\d+)\"");
    private static final Pattern EVENTS_PER_MINUTE =
            Pattern.compile("\"eventsPerMinute\":\\[([0-9,]*)\\]");

    private LiveBenchmark() {}

    public static void main(String[] args) throws Exception {
        int rate =
                Integer.parseInt(
                        System.getenv()
                                .getOrDefault(
                                        "ANALYTICS_BENCH_LIVE_RATE",
                                        Integer.toString(DEFAULT_RATE)));
        Path home = Files.createTempDirectory("live-bench-");
        Map<String, String> env = LocalSecrets.withSecrets(home, IsolatedEnvironment.of(home));
        // the metrics path alone: on 2 cores the event pipeline (about 16 thousand events/s at
        // most here, see bench pipeline) would take the CPU and be what is measured
        env.put("ANALYTICS_FLINK_JOBS", "metrics");
        PlatformConfig config = PlatformConfig.fromEnvironment(env);
        Path root = Path.of(System.getProperty("analytics.root", ".")).toAbsolutePath().normalize();
        try (LocalStack stack = new LocalStack(config, env, root)) {
            stack.start(false);
            Map<String, String> state = StackState.read(home.resolve("run"));
            PostgresSettings postgres = PostgresSettings.from(config.postgres());
            long quiet = new Projects(postgres).createProject("markers").projectId();
            String token = new ApiTokens(postgres).create(quiet, "bench");
            String bootstrap = config.kafka().effectiveBootstrapServers();
            String topic = config.kafka().rawTopic();

            Markers markers = new Markers();
            byte[] markerKey = (quiet + ":marker").getBytes(StandardCharsets.UTF_8);
            try (RawConsumer raw = new RawConsumer(bootstrap, topic, markerKey, markers);
                    RedisPoller redis =
                            new RedisPoller(
                                    Integer.parseInt(state.get("redis.port")), quiet, markers);
                    Load load = new Load(bootstrap, topic, rate)) {
                WebSocket socket =
                        LiveApiSocket.connect(
                                state.get("console.url"), quiet, token, markers::pushed);
                raw.start();
                redis.start();
                load.start();
                Thread.sleep(WARM_UP.toMillis());
                long loadStart = load.acknowledged();
                long started = System.nanoTime();
                markers.measuring = true;
                try (KafkaProducer<byte[], byte[]> producer = producer(bootstrap)) {
                    long end = started + MEASURE.toNanos();
                    long next = started;
                    Event e = new Event();
                    e.projectId = quiet;
                    while (System.nanoTime() < end) {
                        String name = markers.next();
                        e.event = name;
                        e.insertId = name;
                        e.distinctId = "marker";
                        e.timestamp = System.currentTimeMillis();
                        e.receivedAt = e.timestamp;
                        producer.send(
                                new ProducerRecord<>(
                                        topic,
                                        e.partitionKey().getBytes(StandardCharsets.UTF_8),
                                        EventCodec.toJson(e)),
                                (metadata, error) -> {
                                    if (error == null) {
                                        markers.accepted(name, System.nanoTime());
                                    }
                                });
                        next += 100_000_000L;
                        Thread.sleep(Math.max(0, (next - System.nanoTime()) / 1_000_000));
                    }
                }
                double achieved =
                        (load.acknowledged() - loadStart) / ((System.nanoTime() - started) / 1e9);
                long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
                while (!markers.allSeen() && System.nanoTime() < deadline) {
                    Thread.sleep(100);
                }
                socket.sendClose(WebSocket.NORMAL_CLOSURE, "done");
                report(rate, achieved, markers);
            }
        }
    }

    private static void report(int rate, double achieved, Markers markers) throws Exception {
        String text =
                String.format(
                        Locale.ROOT,
                        """
                Live benchmark, %s, %d cores, Java %s: load %,d events/s asked, %,.0f events/s
                acknowledged by Kafka while measuring; a marker every 100 ms for %d s.

                | from Kafka's acknowledgement to | p50 ms | p99 ms | max ms | markers seen |
                |---|---|---|---|---|
                %s
                %s
                %s
                %s
                """,
                        Instant.now(),
                        Runtime.getRuntime().availableProcessors(),
                        System.getProperty("java.version"),
                        rate,
                        achieved,
                        MEASURE.toSeconds(),
                        markers.row("a Kafka consumer of events.raw (baseline)", markers.raw),
                        markers.row("the count in Redis", markers.redis),
                        markers.row(
                                "a WebSocket client of the live API: the value (snapshot)",
                                markers.webSocket),
                        markers.row(
                                "a WebSocket client of the live API: the event (live feed)",
                                markers.webSocketFeed));
        System.out.println(text);
        Path out = Path.of("target", "bench", "live-" + System.currentTimeMillis() + ".md");
        Files.createDirectories(out.getParent());
        Files.writeString(out, text);
    }

    static KafkaProducer<byte[], byte[]> producer(String bootstrap) {
        // as the collector's producer
        return new KafkaProducer<>(
                Map.of(
                        "bootstrap.servers", bootstrap,
                        "acks", "all",
                        "enable.idempotence", "true",
                        "compression.type", "lz4",
                        "linger.ms", "5",
                        "batch.size", Integer.toString(128 * 1024)),
                new ByteArraySerializer(),
                new ByteArraySerializer());
    }

    /** Markers: when each was acknowledged, and when each path first saw it. */
    static final class Markers {
        volatile boolean measuring;
        private final AtomicLong sent = new AtomicLong();
        final Map<String, Long> acknowledged = new ConcurrentHashMap<>();
        final Map<String, Long> raw = new ConcurrentHashMap<>();
        final Map<String, Long> redis = new ConcurrentHashMap<>();
        final Map<String, Long> webSocket = new ConcurrentHashMap<>();
        final Map<String, Long> webSocketFeed = new ConcurrentHashMap<>();

        String next() {
            return "marker-" + sent.incrementAndGet();
        }

        void accepted(String name, long nanos) {
            acknowledged.put(name, nanos);
        }

        void seen(Map<String, Long> path, String name) {
            path.putIfAbsent(name, System.nanoTime());
        }

        List<String> pendingInRedis() {
            List<String> pending = new ArrayList<>();
            for (String name : acknowledged.keySet()) {
                if (!redis.containsKey(name)) {
                    pending.add(name);
                }
            }
            return pending;
        }

        boolean allSeen() {
            return acknowledged.keySet().stream()
                    .allMatch(
                            n ->
                                    raw.containsKey(n)
                                            && redis.containsKey(n)
                                            && webSocket.containsKey(n)
                                            && webSocketFeed.containsKey(n));
        }

        String row(String path, Map<String, Long> seen) {
            List<Long> latencies = new ArrayList<>();
            acknowledged.forEach(
                    (name, at) -> {
                        Long when = seen.get(name);
                        if (when != null) {
                            latencies.add(Math.max(0, when - at));
                        }
                    });
            Latencies l = new Latencies(latencies.stream().mapToLong(Long::longValue).toArray());
            return String.format(
                    Locale.ROOT,
                    "| %s | %.0f | %.0f | %.0f | %d of %d |",
                    path,
                    l.percentileMillis(50),
                    l.percentileMillis(99),
                    l.maxMillis(),
                    l.count(),
                    acknowledged.size());
        }

        private long pushedValues;

        /** A message of the live WebSocket API. */
        synchronized void pushed(String message) {
            Matcher m = MARKER.matcher(message);
            while (m.find()) {
                seen(webSocketFeed, m.group(1));
            }
            // markers are the quiet project's only events: a snapshot counting n events in the
            // last hour has pushed the values of markers 1..n
            Matcher counts = EVENTS_PER_MINUTE.matcher(message);
            if (counts.find()) {
                long total = 0;
                for (String n : counts.group(1).split(",")) {
                    total += n.isBlank() ? 0 : Long.parseLong(n.strip());
                }
                for (long i = pushedValues + 1; i <= total; i++) {
                    seen(webSocket, "marker-" + i);
                }
                pushedValues = Math.max(pushedValues, total);
            }
        }
    }

    /** The baseline: a plain consumer of the topic, noting markers as they arrive. */
    static final class RawConsumer extends Thread implements AutoCloseable {
        private final KafkaConsumer<byte[], byte[]> consumer;
        private final Markers markers;
        private volatile boolean running = true;

        private final byte[] markerKey;

        RawConsumer(String bootstrap, String topic, byte[] markerKey, Markers markers) {
            super("bench-raw-consumer");
            this.markers = markers;
            this.markerKey = markerKey;
            this.consumer =
                    new KafkaConsumer<>(
                            Map.of(
                                    "bootstrap.servers", bootstrap,
                                    "group.id", "live-bench-baseline",
                                    "auto.offset.reset", "latest"),
                            new ByteArrayDeserializer(),
                            new ByteArrayDeserializer());
            consumer.subscribe(List.of(topic));
        }

        @Override
        public void run() {
            while (running) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(100))) {
                    // markers are the quiet project's only events: compare the key, parse only them
                    if (java.util.Arrays.equals(r.key(), markerKey)) {
                        Matcher m = MARKER.matcher(new String(r.value(), StandardCharsets.UTF_8));
                        if (m.find()) {
                            markers.seen(markers.raw, m.group(1));
                        }
                    }
                }
            }
            consumer.close();
        }

        @Override
        public void close() throws InterruptedException {
            running = false;
            join(5000);
        }
    }

    /** Polls Redis every 10 ms for the markers' counts, as a dashboard reading Redis would. */
    static final class RedisPoller extends Thread implements AutoCloseable {
        private final JedisPooled redis;
        private final long project;
        private final Markers markers;
        private volatile boolean running = true;

        RedisPoller(int port, long project, Markers markers) {
            super("bench-redis-poller");
            this.redis = new JedisPooled("127.0.0.1", port);
            this.project = project;
            this.markers = markers;
        }

        @Override
        public void run() {
            while (running) {
                List<String> pending = markers.pendingInRedis();
                if (!pending.isEmpty()) {
                    long minute = System.currentTimeMillis() / 60_000 * 60_000;
                    Map<String, List<Response<String>>> answers = new HashMap<>();
                    try (AbstractPipeline p = redis.pipelined()) {
                        for (String name : pending) {
                            String field =
                                    LiveMetricsLayout.count(LiveMetricsLayout.name(name, "", ""));
                            answers.put(
                                    name,
                                    List.of(
                                            p.hget(
                                                    LiveMetricsLayout.values(project, minute),
                                                    field),
                                            p.hget(
                                                    LiveMetricsLayout.values(
                                                            project, minute - 60_000),
                                                    field)));
                        }
                        p.sync();
                    }
                    answers.forEach(
                            (name, values) -> {
                                if (values.stream().anyMatch(v -> v.get() != null)) {
                                    markers.seen(markers.redis, name);
                                }
                            });
                }
                try {
                    Thread.sleep(10);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }

        @Override
        public void close() throws InterruptedException {
            running = false;
            join(5000);
            redis.close();
        }
    }

    /** The steady load: {@code rate} events/s of 10,000 users of project 1, in 1 ms slices. */
    static final class Load extends Thread implements AutoCloseable {
        private final KafkaProducer<byte[], byte[]> producer;
        private final String topic;
        private final int rate;
        private final AtomicLong acknowledged = new AtomicLong();
        private volatile boolean running = true;

        Load(String bootstrap, String topic, int rate) {
            super("bench-load");
            this.producer = producer(bootstrap);
            this.topic = topic;
            this.rate = rate;
        }

        long acknowledged() {
            return acknowledged.get();
        }

        @Override
        public void run() {
            Template[] templates = templates();
            long start = System.nanoTime();
            long sent = 0;
            while (running) {
                long due = (System.nanoTime() - start) * rate / 1_000_000_000L;
                while (sent < due && running) {
                    Template t = templates[(int) (sent % templates.length)];
                    producer.send(
                            new ProducerRecord<>(topic, t.key, t.with("load-" + sent)),
                            (metadata, error) -> {
                                if (error == null) {
                                    acknowledged.incrementAndGet();
                                }
                            });
                    sent++;
                }
                try {
                    Thread.sleep(1);
                } catch (InterruptedException interrupted) {
                    return;
                }
            }
        }

        @Override
        public void close() throws InterruptedException {
            running = false;
            join(5000);
            producer.close();
        }

        /**
         * Events of 10,000 users and four names, encoded once: the generator shares the two cores,
         * so it only splices a fresh insert id into each. (Their event time is when they were
         * encoded, within the run's first second: it does not matter to latency, which markers
         * measure.)
         */
        private static Template[] templates() {
            String[] names = {"$pageview", "click", "signup", "purchase"};
            Template[] templates = new Template[40_000];
            Event e = new Event();
            e.projectId = 1;
            e.properties = "{\"plan\":\"team\",\"revenue\":12.5}";
            e.context.pagePath = "/pricing";
            e.context.country = "DE";
            e.context.deviceType = "desktop";
            for (int i = 0; i < templates.length; i++) {
                e.event = names[i % names.length];
                e.distinctId = "user-" + (i % 10_000);
                e.insertId = Template.INSERT_ID_SLOT;
                e.timestamp = System.currentTimeMillis();
                e.receivedAt = e.timestamp;
                templates[i] =
                        new Template(
                                e.partitionKey().getBytes(StandardCharsets.UTF_8),
                                new String(EventCodec.toJson(e), StandardCharsets.UTF_8));
            }
            return templates;
        }
    }

    /** An encoded event with a place for its insert id. */
    static final class Template {
        static final String INSERT_ID_SLOT = "@insert-id-slot@";
        final byte[] key;
        private final byte[] before;
        private final byte[] after;

        Template(byte[] key, String json) {
            this.key = key;
            int at = json.indexOf(INSERT_ID_SLOT);
            this.before = json.substring(0, at).getBytes(StandardCharsets.UTF_8);
            this.after =
                    json.substring(at + INSERT_ID_SLOT.length()).getBytes(StandardCharsets.UTF_8);
        }

        byte[] with(String insertId) {
            byte[] id = insertId.getBytes(StandardCharsets.UTF_8);
            byte[] out = new byte[before.length + id.length + after.length];
            System.arraycopy(before, 0, out, 0, before.length);
            System.arraycopy(id, 0, out, before.length, id.length);
            System.arraycopy(after, 0, out, before.length + id.length, after.length);
            return out;
        }
    }
}
