package io.streamlytics.launcher.bench;

import io.streamlytics.collector.auth.WriteKeys;
import io.streamlytics.collector.enrich.Countries;
import io.streamlytics.collector.http.Collector;
import io.streamlytics.collector.kafka.EventPublisher;
import io.streamlytics.core.config.PlatformConfig;
import io.streamlytics.core.event.Event;
import io.streamlytics.core.event.EventCodec;
import io.streamlytics.core.postgres.PostgresMigrations;
import io.streamlytics.core.postgres.PostgresSettings;
import io.streamlytics.core.postgres.Projects;
import io.streamlytics.devstack.GeoIpDatabase;
import io.streamlytics.devstack.KafkaBroker;
import io.streamlytics.devstack.Ports;
import io.streamlytics.devstack.PostgresServer;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * {@code bin/analytics bench collector}: the collector's throughput and latency for batches of 1,
 * 10 and 100 events of about 300 bytes, next to the raw Kafka producer on the same broker in the
 * same run. Everything (broker, collector, load generator) shares this machine, as a small
 * self-hosted install would.
 */
public final class CollectorBenchmark {
    private static final Duration WARMUP = Duration.ofSeconds(4);
    private static final Duration MEASURE = Duration.ofSeconds(12);
    private static final int CONNECTIONS = 32;

    private CollectorBenchmark() {}

    public static void main(String[] args) throws Exception {
        Path dir = Files.createTempDirectory("collector-bench-");
        try (KafkaBroker kafka = KafkaBroker.start(dir.resolve("kafka"), Ports.free(2));
                PostgresServer postgres =
                        PostgresServer.start(dir.resolve("postgres"), Ports.free())) {
            kafka.createTopics(4, "bench.raw", "bench.dlq");
            PostgresSettings settings =
                    new PostgresSettings(
                            postgres.createDatabase("bench"), postgres.user(), postgres.password());
            PostgresMigrations.apply(settings);
            Projects projects = new Projects(settings);
            String key = projects.createProject("Benchmark").writeKey();
            List<LoadResult> results = new ArrayList<>();
            results.add(rawProducer(kafka.bootstrapServers()));
            Map<String, String> env =
                    new HashMap<>(
                            Map.of(
                                    "ANALYTICS_RATE_LIMIT_REQUESTS_PER_IP",
                                    "10000000",
                                    "ANALYTICS_RATE_LIMIT_EVENTS_PER_KEY",
                                    "100000000"));
            PlatformConfig.Collector config = PlatformConfig.fromEnvironment(env).collector();
            config =
                    new PlatformConfig.Collector(
                            0,
                            config.maxBatchBytes(),
                            config.maxLargeBatchBytes(),
                            config.requestsPerSecondPerIp(),
                            config.eventsPerSecondPerKey(),
                            false,
                            "",
                            "",
                            config.idleTimeout(),
                            "");
            var lookups = Executors.newFixedThreadPool(2);
            try (EventPublisher publisher =
                            new EventPublisher(
                                    kafka.bootstrapServers(),
                                    "bench.raw",
                                    "bench.dlq",
                                    Duration.ofSeconds(30));
                    // as deployed: every event's client IP is looked up for its country
                    Countries countries =
                            Countries.open(GeoIpDatabase.ensure(Path.of("target", "geoip")));
                    Collector collector =
                            Collector.start(
                                    config,
                                    new WriteKeys(projects, Duration.ofMinutes(5), lookups),
                                    publisher,
                                    Clock.systemUTC(),
                                    countries)) {
                Vertx vertx = Vertx.vertx();
                try {
                    for (int batch : new int[] {1, 10, 100}) {
                        results.add(closedLoop(vertx, collector.port(), key, batch));
                    }
                    LoadResult max100 = results.get(results.size() - 1);
                    results.add(
                            openLoop(
                                    vertx,
                                    collector.port(),
                                    key,
                                    100,
                                    max100.eventsPerSecond() / 2));
                } finally {
                    vertx.close()
                            .toCompletionStage()
                            .toCompletableFuture()
                            .get(10, TimeUnit.SECONDS);
                    lookups.shutdownNow();
                }
            }
            print(results);
        }
    }

    /** One event of about 300 bytes in the native format. */
    static String event(int n) {
        return "{\"event\":\"page_view\",\"distinct_id\":\"user-"
                + (n % 5000)
                + "\",\"insert_id\":\""
                + UUID.randomUUID()
                + "\",\"properties\":{\"path\":\"/pricing\",\"plan\":\"team\",\"experiment\":\"b\",\"n\":"
                + n
                + "},\"context\":{\"page\":{\"url\":\"https://shop.example/pricing?utm_source=news\"},"
                + "\"user_agent\":\"Mozilla/5.0 (X11; Linux x86_64; rv:132.0) Gecko/20100101 Firefox/132.0\","
                + "\"ip\":\""
                + ip(n)
                + "\"}}";
    }

    /** Client addresses spread over the IPv4 space, so the country lookup does real work. */
    static String ip(int n) {
        return (n * 7919 % 223 + 1) + "." + (n % 251) + "." + (n / 251 % 251) + ".10";
    }

    static String batch(int size, int seed) {
        StringBuilder body = new StringBuilder("{\"batch\":[");
        for (int i = 0; i < size; i++) {
            body.append(i == 0 ? "" : ",").append(event(seed + i));
        }
        return body.append("]}").toString();
    }

    /**
     * Baseline: the raw producer, configured as the collector's, sending the same events as Kafka
     * records.
     */
    static LoadResult rawProducer(String bootstrap) throws Exception {
        Event template = new Event();
        template.projectId = 1;
        template.event = "page_view";
        template.distinctId = "user-1";
        template.insertId = UUID.randomUUID().toString();
        template.properties =
                "{\"path\":\"/pricing\",\"plan\":\"team\",\"experiment\":\"b\",\"n\":1}";
        template.context.pageUrl = "https://shop.example/pricing?utm_source=news";
        template.context.userAgent =
                "Mozilla/5.0 (X11; Linux x86_64; rv:132.0) Gecko/20100101 Firefox/132.0";
        template.context.ip = ip(1);
        try (KafkaProducer<byte[], byte[]> producer =
                new KafkaProducer<>(
                        Map.of(
                                "bootstrap.servers",
                                bootstrap,
                                "acks",
                                "all",
                                "enable.idempotence",
                                true,
                                "linger.ms",
                                5,
                                "batch.size",
                                128 * 1024,
                                "compression.type",
                                "lz4"),
                        new ByteArraySerializer(),
                        new ByteArraySerializer())) {
            AtomicLong acked = new AtomicLong();
            long warmupEnd = System.nanoTime() + WARMUP.toNanos();
            long end = warmupEnd + MEASURE.toNanos();
            long countedFrom = -1;
            int n = 0;
            while (System.nanoTime() < end) {
                template.insertId = UUID.randomUUID().toString();
                template.distinctId = "user-" + (n++ % 5000);
                producer.send(
                        new ProducerRecord<>(
                                "bench.raw",
                                template.partitionKey().getBytes(StandardCharsets.UTF_8),
                                EventCodec.toJson(template)),
                        (m, e) -> {
                            if (e == null) {
                                acked.incrementAndGet();
                            }
                        });
                if (countedFrom < 0 && System.nanoTime() >= warmupEnd) {
                    producer.flush();
                    countedFrom = acked.get();
                }
            }
            producer.flush();
            return new LoadResult(
                    "raw Kafka producer (baseline)",
                    (acked.get() - countedFrom) / (double) MEASURE.toSeconds(),
                    new Latencies(new long[0]),
                    0);
        }
    }

    /**
     * {@value #CONNECTIONS} connections, each sending its next batch as soon as the last one is
     * answered.
     */
    static LoadResult closedLoop(Vertx vertx, int port, String key, int batchSize)
            throws Exception {
        HttpClient client = client(vertx);
        List<Buffer> bodies = new ArrayList<>();
        for (int i = 0; i < 64; i++) {
            bodies.add(Buffer.buffer(batch(batchSize, i * batchSize)));
        }
        long warmupEnd = System.nanoTime() + WARMUP.toNanos();
        long end = warmupEnd + MEASURE.toNanos();
        AtomicLong events = new AtomicLong();
        AtomicLong failures = new AtomicLong();
        List<Long> latencies = java.util.Collections.synchronizedList(new ArrayList<>());
        CountDownLatch done = new CountDownLatch(CONNECTIONS);
        for (int c = 0; c < CONNECTIONS; c++) {
            int connection = c;
            vertx.runOnContext(
                    v ->
                            loop(
                                    client,
                                    port,
                                    key,
                                    bodies,
                                    connection,
                                    end,
                                    warmupEnd,
                                    batchSize,
                                    events,
                                    failures,
                                    latencies,
                                    done));
        }
        done.await(MEASURE.plus(WARMUP).toSeconds() + 60, TimeUnit.SECONDS);
        client.close();
        return new LoadResult(
                "collector, batches of " + batchSize + ", " + CONNECTIONS + " connections",
                events.get() / (double) MEASURE.toSeconds(),
                new Latencies(latencies.stream().mapToLong(Long::longValue).toArray()),
                failures.get());
    }

    private static void loop(
            HttpClient client,
            int port,
            String key,
            List<Buffer> bodies,
            int n,
            long end,
            long warmupEnd,
            int batchSize,
            AtomicLong events,
            AtomicLong failures,
            List<Long> latencies,
            CountDownLatch done) {
        long start = System.nanoTime();
        if (start >= end) {
            done.countDown();
            return;
        }
        send(client, port, key, bodies.get(n % bodies.size()))
                .onComplete(
                        result -> {
                            long now = System.nanoTime();
                            if (start >= warmupEnd && now <= end) {
                                if (result.succeeded() && result.result() == 200) {
                                    events.addAndGet(batchSize);
                                    latencies.add(now - start);
                                } else {
                                    failures.incrementAndGet();
                                }
                            }
                            loop(
                                    client, port, key, bodies, n + 1, end, warmupEnd, batchSize,
                                    events, failures, latencies, done);
                        });
    }

    /**
     * Requests started on a fixed schedule at {@code eventsPerSecond}; latency counts from the
     * scheduled start, so a stall is not hidden by requests that were never sent.
     */
    static LoadResult openLoop(
            Vertx vertx, int port, String key, int batchSize, double eventsPerSecond)
            throws Exception {
        HttpClient client = client(vertx);
        Buffer body = Buffer.buffer(batch(batchSize, 0));
        double requestsPerMilli = eventsPerSecond / batchSize / 1000.0;
        long begin = System.nanoTime();
        long warmupEnd = begin + WARMUP.toNanos();
        long end = warmupEnd + MEASURE.toNanos();
        AtomicLong events = new AtomicLong();
        AtomicLong failures = new AtomicLong();
        List<Long> latencies = java.util.Collections.synchronizedList(new ArrayList<>());
        AtomicLong scheduled = new AtomicLong();
        CountDownLatch finished = new CountDownLatch(1);
        long timer =
                vertx.setPeriodic(
                        1,
                        id -> {
                            long now = System.nanoTime();
                            long due = (long) ((now - begin) / 1_000_000.0 * requestsPerMilli);
                            while (scheduled.get() < due && now < end) {
                                long intended =
                                        begin
                                                + (long)
                                                        (scheduled.getAndIncrement()
                                                                / requestsPerMilli
                                                                * 1_000_000);
                                send(client, port, key, body)
                                        .onComplete(
                                                result -> {
                                                    long answered = System.nanoTime();
                                                    if (intended >= warmupEnd) {
                                                        if (result.succeeded()
                                                                && result.result() == 200) {
                                                            events.addAndGet(batchSize);
                                                            latencies.add(answered - intended);
                                                        } else {
                                                            failures.incrementAndGet();
                                                        }
                                                    }
                                                });
                            }
                            if (now >= end) {
                                finished.countDown();
                            }
                        });
        finished.await(MEASURE.plus(WARMUP).toSeconds() + 30, TimeUnit.SECONDS);
        vertx.cancelTimer(timer);
        Thread.sleep(2000); // let the last answers arrive
        client.close();
        return new LoadResult(
                String.format(
                        java.util.Locale.ROOT,
                        "collector, batches of %d at %,.0f events/s (half the maximum)",
                        batchSize,
                        eventsPerSecond),
                events.get() / (double) MEASURE.toSeconds(),
                new Latencies(latencies.stream().mapToLong(Long::longValue).toArray()),
                failures.get());
    }

    private static io.vertx.core.Future<Integer> send(
            HttpClient client, int port, String key, Buffer body) {
        return client.request(
                        new RequestOptions()
                                .setMethod(HttpMethod.POST)
                                .setHost("127.0.0.1")
                                .setPort(port)
                                .setURI("/v1/batch"))
                .compose(
                        request ->
                                request.putHeader("Authorization", "Bearer " + key)
                                        .putHeader("Content-Type", "application/json")
                                        .send(body))
                .compose(response -> response.body().map(b -> response.statusCode()));
    }

    private static HttpClient client(Vertx vertx) {
        return vertx.createHttpClient(
                new HttpClientOptions().setKeepAlive(true),
                new PoolOptions().setHttp1MaxSize(CONNECTIONS));
    }

    private static void print(List<LoadResult> results) throws Exception {
        StringBuilder out = new StringBuilder();
        out.append("Collector benchmark, ")
                .append(Instant.now())
                .append(", ")
                .append(Runtime.getRuntime().availableProcessors())
                .append(" cores, Java ")
                .append(System.getProperty("java.version"))
                .append("\n\n");
        out.append(
                "| run | events/s | p50 ms | p99 ms | p99.9 ms | failed requests |\n|---|---|---|---|---|---|\n");
        results.forEach(r -> out.append(r.row()).append('\n'));
        double raw = results.get(0).eventsPerSecond();
        LoadResult batch100 = results.get(3);
        out.append(
                String.format(
                        java.util.Locale.ROOT,
                        "%nbatches of 100 reach %.0f%% of the raw producer's rate%n",
                        100 * batch100.eventsPerSecond() / raw));
        System.out.println(out);
        Path report = Path.of("target", "bench", "collector-" + System.currentTimeMillis() + ".md");
        Files.createDirectories(report.getParent());
        Files.writeString(report, out);
        System.out.println("written to " + report.toAbsolutePath());
    }
}
