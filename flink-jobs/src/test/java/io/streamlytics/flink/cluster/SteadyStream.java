package io.streamlytics.flink.cluster;

import io.streamlytics.core.event.Event;
import io.streamlytics.core.event.EventCodec;
import io.streamlytics.flink.TestEvents;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * A steady stream of events into {@code events.raw} from its own thread, as the collector would
 * write them: {@code total} events at {@code perSecond}, spread over {@code users} users, event
 * time advancing {@link #STEP_MILLIS} per event; every tenth event is sent twice (a client retry).
 * The expected results are a function of the numbers alone.
 */
public final class SteadyStream implements AutoCloseable {
    public static final Instant BEGINNING = TestEvents.BEGINNING;
    public static final long STEP_MILLIS = 100;

    private final KafkaProducer<byte[], byte[]> producer;
    private final String topic;
    private final int total;
    private final int users;
    private final int perSecond;
    private final boolean retries;
    private final AtomicInteger sent = new AtomicInteger();
    private final Thread thread;
    private volatile Throwable failure;

    public SteadyStream(String bootstrap, String topic, int total, int users, int perSecond) {
        this(bootstrap, topic, total, users, perSecond, true);
    }

    /**
     * The same; without {@code retries} no event is sent twice, as on {@code events.enriched} after
     * the pipeline's dedup.
     */
    public SteadyStream(
            String bootstrap, String topic, int total, int users, int perSecond, boolean retries) {
        this.retries = retries;
        this.producer =
                new KafkaProducer<>(
                        Map.of(
                                "bootstrap.servers",
                                bootstrap,
                                "acks",
                                "all",
                                "enable.idempotence",
                                "true"),
                        new ByteArraySerializer(),
                        new ByteArraySerializer());
        this.topic = topic;
        this.total = total;
        this.users = users;
        this.perSecond = perSecond;
        this.thread = new Thread(this::run, "steady-stream");
    }

    public SteadyStream start() {
        thread.start();
        return this;
    }

    public static String user(int u) {
        return "user-" + u;
    }

    /** Event {@code i} of the stream. */
    public Event event(int i) {
        return TestEvents.event(
                1,
                "steady-" + i,
                i % 3 == 0 ? "page_view" : "click",
                user(i % users),
                BEGINNING.plusMillis(i * STEP_MILLIS));
    }

    void send(Event e) {
        producer.send(
                new ProducerRecord<>(
                        topic,
                        e.partitionKey().getBytes(StandardCharsets.UTF_8),
                        EventCodec.toJson(e)),
                (metadata, error) -> {
                    if (error != null) {
                        failure = error;
                    }
                });
    }

    private void run() {
        long start = System.nanoTime();
        for (int i = 0; i < total; i++) {
            Event e = event(i);
            send(e);
            if (retries && i % 10 == 0) {
                send(e);
            }
            sent.incrementAndGet();
            long due = start + (long) (i + 1) * 1_000_000_000L / perSecond;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                try {
                    Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                } catch (InterruptedException interrupted) {
                    return;
                }
            }
        }
        producer.flush();
    }

    public int sent() {
        return sent.get();
    }

    /** Waits for the last event to be acknowledged; fails if Kafka refused any. */
    public void finish() throws InterruptedException {
        thread.join();
        producer.flush();
        if (failure != null) {
            throw new AssertionError("Kafka refused an event of the steady stream", failure);
        }
    }

    @Override
    public void close() {
        thread.interrupt();
        producer.close();
    }
}
